import { parseRequirementsFile, pinnedSetIdOf } from '@provenance/domain';
import { describeWithService, eventually } from '@provenance/testing';
import type { Kafka } from 'kafkajs';
import { completeFixtures, fixture, inEnvelope, withContext } from '../libs/kafka/src/cdevents/cdevents.fixture';
import { embedded } from './support/backends';
import { createTopics, header, json, kafkaBroker, produce, testKafka, TopicReader, uniqueKafkaEnv } from './support/kafka';
import { digest, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const commit = (n: number, message = `change ${n}`) => ({
  type: 'commit', repository: 'https://github.com/ska-sa/katcomp', sha: sha(n.toString(16).padStart(2, '0')), parents: [],
  author: 'ci', message, committedAt: '2026-11-25T08:00:00Z',
});

describeWithService(kafkaBroker(), 'facts from Kafka', (brokers) => {
  const env = uniqueKafkaEnv(brokers);
  let kafka: Kafka;
  beforeAll(async () => {
    kafka = testKafka(brokers);
    await createTopics(kafka, [env.KAFKA_FACTS_TOPIC, env.KAFKA_DEAD_LETTER_TOPIC, env.KAFKA_EVENTS_TOPIC, env.KAFKA_REQUESTS_TOPIC]);
  });
  const api = useApi(embedded, env);
  const http = () => api.http();
  const stream = async (streamId: string) => (await http().get(`/api/v1/streams/${encodeURIComponent(streamId)}`)).body.events ?? [];

  it('given facts in the HTTP shape on the facts topic, then they are recorded and what runs on site answers from them', async () => {
    const requirementsText = 'katcomp==1.4.0\n    # via -r requirements.in\n';
    const pinnedSetId = pinnedSetIdOf(parseRequirementsFile(requirementsText).requirements);
    const imageDigest = digest('a7');
    await produce(kafka, env.KAFKA_FACTS_TOPIC, [
      json(commit(1), 'katcomp'),
      json({ type: 'build', package: 'katcomp', version: '1.4.0', repository: 'https://github.com/ska-sa/katcomp', sha: sha('01'), outcome: 'passed',
        artifact: { filename: 'katcomp-1.4.0-py3-none-any.whl', sha256: 'c'.repeat(64) }, finishedAt: '2026-11-25T08:10:00Z' }, 'katcomp'),
      json({ type: 'pinned-set', name: 'nightly', requirementsText, builds: [{ package: 'katcomp', version: '1.4.0' }] }, 'pins'),
      json({ type: 'image', digest: imageDigest, name: 'autobuild-1.tar.gz', pinnedSetId, bakedAt: '2026-11-25T09:00:00Z' }, imageDigest),
      json({ type: 'deployment', deploymentId: 'site-1', environment: 'site', imageDigest, nodes: ['cmc1'], startedAt: '2026-11-25T10:00:00Z' }, 'site'),
      json({ type: 'deployment-result', deploymentId: 'site-1', outcome: 'succeeded', finishedAt: '2026-11-25T10:05:00Z' }, 'site'),
    ]);

    const view = await eventually(async () => (await http().get('/api/v1/environments/site/provenance')).body, (body) => body.deployment?.outcome === 'succeeded', {
      what: 'the deployment from Kafka on site',
    });

    expect(view).toMatchObject({ image: { digest: imageDigest }, deployment: { deploymentId: 'site-1', outcome: 'succeeded' } });
    expect(view.packages).toEqual([expect.objectContaining({ name: 'katcomp', version: '1.4.0', source: expect.objectContaining({ sha: sha('01') }) })]);
    const [recorded] = await stream(`commit-https://github.com/ska-sa/katcomp@${sha('01')}`);
    expect(recorded.metadata).toMatchObject({ actor: `kafka:${env.KAFKA_FACTS_TOPIC}` });
  });

  it('given CDEvents, bare and in CloudEvents envelopes, then each is recorded as the fact it maps to', async () => {
    const merged = completeFixtures['change_merged.json']();
    const deployed = withContext(completeFixtures['service_deployed.json'](), { id: 'cdevent-deploy-1' });
    await produce(kafka, env.KAFKA_FACTS_TOPIC, [
      json(merged, 'cdevents', { 'content-type': 'application/cdevents+json' }),
      json(inEnvelope(completeFixtures['testsuiterun_finished.json']()), 'cdevents', { 'content-type': 'application/cloudevents+json' }),
      json(inEnvelope(deployed), 'cdevents'),
    ]);

    // Three waits: together below jest's 30 s.
    const run = await eventually(() => stream('aqf-run-myTestSuiteRun123'), (events) => events.length === 2, { what: 'the AQF run from CDEvents', timeoutMs: 9_000 });
    expect(run.map((event: { type: string }) => event.type)).toEqual(['AqfRunStarted', 'AqfRunCompleted']);
    expect(run[1].data).toMatchObject({ outcome: 'failed', environment: 'dev' });
    const commitStream = `commit-${(merged.subject.content.repository as { id: string }).id}@${(merged.customData as { sha: string }).sha}`;
    expect(await eventually(() => stream(commitStream), (events) => events.length === 1, { what: 'the merged change', timeoutMs: 9_000 })).toHaveLength(1);
    expect(await eventually(() => stream('deployment-cdevent-deploy-1'), (events) => events.length === 2, { what: 'the deployment', timeoutMs: 9_000 })).toHaveLength(2);
  });

  it('given messages that cannot be recorded, then each is dead-lettered with its reason and origin, and the ones after it are recorded', async () => {
    const deadLetters = await new TopicReader(kafka, env.KAFKA_DEAD_LETTER_TOPIC).start();
    await produce(kafka, env.KAFKA_FACTS_TOPIC, [
      json(commit(5), 'bad'),
      { key: 'bad', value: '{"type": "commit", ' },
      json({ ...commit(2), sha: 'not-a-sha' }, 'bad'),
      json({ type: 'rumour', said: 'katcomp is fine' }, 'bad'),
      json(commit(5, 'a different message for a recorded sha'), 'bad'),
      json(fixture('branch_created.json'), 'bad'),
      json(commit(3), 'bad'),
    ]);

    const letters = await deadLetters.until((seen) => seen.length >= 5, 12_000).finally(() => deadLetters.stop());
    expect(letters.map((letter) => header(letter, 'dead-letter-reason'))).toEqual(['unparseable', 'invalid', 'invalid', 'refused', 'not-a-fact']);
    expect(header(letters[1], 'dead-letter-error')).toMatch(/sha must be/);
    expect(header(letters[2], 'dead-letter-error')).toMatch(/type must be one of commit, build/);
    expect(header(letters[3], 'dead-letter-error')).toMatch(/^409 identity-conflict: .*message: recorded "change 5"/);
    expect(letters.map((letter) => header(letter, 'original-topic'))).toEqual(Array(5).fill(env.KAFKA_FACTS_TOPIC));
    expect(new Set(letters.map((letter) => header(letter, 'original-partition'))).size).toBe(1);
    expect(letters.map((letter) => Number(header(letter, 'original-offset')))).toEqual([0, 1, 2, 3, 4].map((n) => n + Number(header(letters[0], 'original-offset'))));
    expect(letters[0].value?.toString()).toBe('{"type": "commit", ');
    expect(await eventually(() => stream(`commit-https://github.com/ska-sa/katcomp@${sha('03')}`), (events) => events.length === 1, { what: 'the commit after the bad ones', timeoutMs: 12_000 })).toHaveLength(1);
  });

  it('given the same fact delivered twice, then it is recorded once', async () => {
    const twice = `commit-https://github.com/ska-sa/katcomp@${sha('04')}`;
    await produce(kafka, env.KAFKA_FACTS_TOPIC, [json(commit(4), 'again'), json(commit(4), 'again')]);
    await eventually(() => stream(twice), (recorded) => recorded.length > 0, { what: 'the fact delivered twice', timeoutMs: 12_000 });
    // A sentinel behind both copies on their partition, sent once the first is recorded so that it
    // comes in a later batch: once it is recorded, so is whatever the second copy would record.
    await produce(kafka, env.KAFKA_FACTS_TOPIC, [json(commit(6), 'again')]);
    await eventually(() => stream(`commit-https://github.com/ska-sa/katcomp@${sha('06')}`), (recorded) => recorded.length > 0, { what: 'the sentinel', timeoutMs: 12_000 });

    expect(await stream(twice)).toHaveLength(1);
  });
});
