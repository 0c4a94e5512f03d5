import { Envelope, verifiedSignatures } from '@provenance/attestations';
import { openPostgresEventStore } from '@provenance/event-store';
import { ATTESTATION_MAX_MESSAGE_BYTES } from '@provenance/kafka';
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName, waitBudget } from '@provenance/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { ApiProcess, freePort } from './support/api-process';
import { embedded } from './support/backends';
import { createTopics, header, kafkaBroker, testKafka, TopicReader, uniqueKafkaEnv } from './support/kafka';
import { LEAVES, PipelineAgents } from './support/pipeline-agents';
import { aqfResult, aqfStart, image, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

describeWithService(kafkaBroker(), 'events and stage requests to Kafka', (brokers) => {
  const env = uniqueKafkaEnv(brokers);
  const kafka = testKafka(brokers);
  let events: TopicReader;
  let requests: TopicReader;
  let checkpoints: TopicReader;
  beforeAll(async () => {
    await createTopics(kafka, [env.KAFKA_FACTS_TOPIC, env.KAFKA_DEAD_LETTER_TOPIC, env.KAFKA_EVENTS_TOPIC, env.KAFKA_REQUESTS_TOPIC, env.KAFKA_CHECKPOINTS_TOPIC]);
    events = await new TopicReader(kafka, env.KAFKA_EVENTS_TOPIC).start();
    requests = await new TopicReader(kafka, env.KAFKA_REQUESTS_TOPIC).start();
    checkpoints = await new TopicReader(kafka, env.KAFKA_CHECKPOINTS_TOPIC).start();
  });
  afterAll(async () => {
    await events.stop();
    await requests.stop();
    await checkpoints.stop();
  });
  const api = useApi(embedded, { ...env, PROVENANCE_SAGAS: 'on', PROVENANCE_CHECKPOINT_INTERVAL: '200ms' });

  it('given facts recorded over HTTP, then every event is published keyed by its stream, with its id and type in headers, and stage requests keyed by stage', async () => {
    const timeLeft = waitBudget();
    const agents = new PipelineAgents(() => api.http(), { timeoutMs: timeLeft });
    for (const leaf of LEAVES) await agents.commitAndBuild(leaf);
    const [pinning] = await agents.take('pinning', 1);

    const recorded = (await api.http().get('/api/v1/audit/events?limit=1000').expect(200)).body.events as { id: string; type: string; streamId: string }[];
    const published = await events.until((seen) => seen.length >= recorded.length, timeLeft());
    expect(published.map((message) => header(message, 'event-id'))).toEqual(expect.arrayContaining(recorded.map((event) => event.id)));
    const first = published.find((message) => header(message, 'event-id') === recorded[0].id)!;
    expect({ key: first.key?.toString(), type: header(first, 'event-type') }).toEqual({ key: recorded[0].streamId, type: recorded[0].type });
    expect(JSON.parse(first.value!.toString())).toMatchObject({ id: recorded[0].id, streamId: recorded[0].streamId, data: expect.any(Object) });

    const [request] = await requests.until((seen) => seen.length >= 1, timeLeft());
    expect({ key: request.key?.toString(), requestId: header(request, 'request-id') }).toEqual({ key: 'pinning', requestId: pinning.requestId });
    expect(JSON.parse(request.value!.toString())).toMatchObject({ requestId: pinning.requestId, stage: 'pinning', runId: pinning.runId, request: { builds: expect.any(Array) } });
  });

  it('given checkpoints signed, then each is published oldest first, keyed by the origin line, the signed note as the value and its tree size in a header', async () => {
    const timeLeft = waitBudget();
    await api.http().post('/api/v1/images').send(image(`sha256:${'6'.repeat(64)}`, '6e')).expect(201);
    const published = await checkpoints.until((seen) => seen.length >= 2, timeLeft());
    const stored = (await api.http().get('/api/v1/log/checkpoints?from=0&limit=1000').expect(200)).body as { treeSize: number; note: string }[];
    const sizes = published.map((message) => Number(header(message, 'tree-size')));
    expect(sizes).toEqual(stored.map((checkpoint) => checkpoint.treeSize).filter((size) => size <= Math.max(...sizes)));
    for (const message of published) {
      const note = stored.find((checkpoint) => checkpoint.treeSize === Number(header(message, 'tree-size')))!.note;
      expect({ key: message.key?.toString(), value: message.value?.toString() }).toEqual({ key: note.split('\n')[0], value: note });
    }
  });
});

describeWithService(kafkaBroker(), 'signed statements to Kafka', (brokers) => {
  const env = uniqueKafkaEnv(brokers);
  const kafka = testKafka(brokers);
  const api = useApi(embedded, env);
  const baked = image(`sha256:${'5'.repeat(64)}`, '7e');

  /** The topic's max.message.bytes once the API has created it (nothing else creates it). */
  async function createdTopicLimit(topic: string, timeoutMs: number): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually(() => admin.listTopics(), (topics) => topics.includes(topic), { what: `the API to create ${topic}`, timeoutMs });
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }] });
      return Number(resources[0].configEntries[0].configValue);
    } finally {
      await admin.disconnect();
    }
  }

  it('given an image and an AQF run recorded, then each new statement arrives once, keyed by the image digest, verifying with the published key; a re-sent fact sends nothing', async () => {
    const timeLeft = waitBudget();
    expect(await createdTopicLimit(env.KAFKA_ATTESTATIONS_TOPIC, timeLeft())).toBe(ATTESTATION_MAX_MESSAGE_BYTES);
    const attestations = await new TopicReader(kafka, env.KAFKA_ATTESTATIONS_TOPIC).start();
    try {
      await api.http().post('/api/v1/images').send(baked).expect(201);
      await api.http().post('/api/v1/aqf-runs').send(aqfStart('aqf-run-1', baked.digest, 'aqf-1')).expect(201);
      await api.http().post('/api/v1/aqf-runs/aqf-run-1/result').send(aqfResult('passed')).expect(201);

      const bundle = (await api.http().get(`/api/v1/images/${baked.digest}/attestations`).expect(200)).text;
      const expected = bundle.trim().split('\n');
      const first = [...(await attestations.until((seen) => seen.length >= expected.length, timeLeft()))];
      const { keys } = (await api.http().get('/api/v1/attestations/keys').expect(200)).body as { keys: { keyid: string; publicKeyPem: string }[] };
      const envelopes = first.map((message) => JSON.parse(message.value!.toString()) as Envelope);
      expect(first.map((message) => message.key?.toString())).toEqual(expected.map(() => baked.digest.slice('sha256:'.length)));
      expect(first.map((message) => header(message, 'predicate-type'))).toEqual(['https://slsa.dev/provenance/v1', 'https://in-toto.io/attestation/test-result/v0.1']);
      // The statements HTTP serves, less the log checkpoint HTTP adds (Kafka's leave before the log has signed their facts).
      const statementOf = (envelope: string) => JSON.parse(Buffer.from((JSON.parse(envelope) as Envelope).payload, 'base64').toString()) as { predicate: Record<string, unknown> };
      const withoutCheckpoint = (envelope: string) => {
        const { predicate: { releaseProvenance_log: checkpoint, ...predicate }, ...statement } = statementOf(envelope);
        expect(checkpoint).toBeDefined();
        return { ...statement, predicate };
      };
      expect(first.map((message) => statementOf(message.value!.toString()))).toEqual(expected.map(withoutCheckpoint));
      expect(envelopes.map((envelope) => verifiedSignatures(envelope, keys.map(({ keyid, publicKeyPem }) => ({ keyId: keyid, publicKeyPem }))))).toEqual(
        envelopes.map(() => [{ keyId: keys[0].keyid }]),
      );

      // The result again (already recorded), then a marker on the same key: a run in the other verification environment.
      await api.http().post('/api/v1/aqf-runs/aqf-run-1/result').send(aqfResult('passed')).expect(200);
      await api.http().post('/api/v1/aqf-runs').send(aqfStart('aqf-run-2', baked.digest, 'aqf-2')).expect(201);
      await api.http().post('/api/v1/aqf-runs/aqf-run-2/result').send(aqfResult('passed', '2026-11-24T12:00:00Z')).expect(201);
      const all = await attestations.until((seen) => seen.some((message) => header(message, 'predicate-type') === 'https://slsa.dev/verification_summary/v1'), timeLeft());
      expect(all.slice(first.length).map((message) => header(message, 'predicate-type'))).toEqual(['https://in-toto.io/attestation/test-result/v0.1', 'https://slsa.dev/verification_summary/v1']);
      expect(new Set(all.map((message) => header(message, 'statement-digest'))).size).toBe(all.length);
    } finally {
      await attestations.stop();
    }
  });
});

describeWithService(kafkaBroker(), 'the publisher killed -9', (brokers) => {
  describeWithService(postgresServer(), 'and restarted (postgres)', (url) => {
    it('given the publishing process killed -9 mid-stream and started again, then every event is on the topic, repeats only from the last unacknowledged batch', async () => {
      const schema = uniqueSchemaName('publisher');
      const env: Record<string, string> = { ...uniqueKafkaEnv(brokers), DATABASE_URL: url, PROVENANCE_SCHEMA: schema, PROVENANCE_SAGAS: 'off', PORT: String(await freePort()) };
      const kafka = testKafka(brokers);
      await createTopics(kafka, [env.KAFKA_FACTS_TOPIC, env.KAFKA_EVENTS_TOPIC]);
      const reader = await new TopicReader(kafka, env.KAFKA_EVENTS_TOPIC).start();
      const api = new ApiProcess(env);
      const post = (n: number) =>
        fetch(`http://127.0.0.1:${env.PORT}/api/v1/commits`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ repository: 'https://github.com/ska-sa/katobs', sha: sha(n.toString(16).padStart(4, '0')), parents: [], author: 'ci', message: `change ${n}`, committedAt: '2026-11-25T08:00:00Z' }),
        });
      try {
        await api.start();
        // 25 at a time, and killed the moment the last is acknowledged: the publisher is still at work.
        for (let n = 0; n < 300; n += 25) await Promise.all(Array.from({ length: 25 }, (_, i) => post(n + i)));
        await api.kill9();
        await api.start();
        for (let n = 300; n < 400; n++) await post(n);

        const store = await openPostgresEventStore({ connectionString: url, schema });
        const logged = (await store.readAll({ limit: 10_000 })).map((event) => event.id);
        await store.close();
        const seen = await reader.until((messages) => new Set(messages.map((message) => header(message, 'event-id'))).size >= logged.length, 60_000);
        const ids = seen.map((message) => header(message, 'event-id')!);
        expect(logged).toHaveLength(400);
        expect(new Set(ids)).toEqual(new Set(logged));
        // Resumed from its checkpoint: a restart from the start of the log would repeat all 300.
        expect(ids.length - logged.length).toBeLessThan(300);
        console.log(`publisher kill -9: ${logged.length} events, ${ids.length - logged.length} published twice (at least once, deduplicated by event-id)`);
      } finally {
        await api.kill9();
        await reader.stop();
        await dropSchema(url, schema);
      }
    }, 180_000);
  });
});
