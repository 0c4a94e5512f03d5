import { topicMaxMessageBytesOf } from '@provenance/kafka';
import { describeWithService, eventually } from '@provenance/testing';
import type { Kafka } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiProcess, freePort } from './support/api-process';
import { header, json, kafkaBroker, produce, testKafka, TopicReader, uniqueKafkaEnv } from './support/kafka';
import { sha } from './support/pipeline-facts';

const KAFKA_SH = join(__dirname, '../deploy/kafka/kafka.sh');
const PARTITIONS = 2;
const MAX_EVENT_BYTES = 2 * 1024 * 1024;
const REPOSITORY = 'https://github.com/ska-sa/katsdpcontroller';

const commit = (n: number) => ({
  repository: REPOSITORY, sha: sha(n.toString(16).padStart(2, '0')), parents: [], author: 'ci', message: `change ${n}`, committedAt: '2026-11-25T08:00:00Z',
});
const streamOf = (n: number) => `commit-${REPOSITORY}@${commit(n).sha}`;

interface Broker {
  brokers: string;
  dir: string;
}

/** A broker of the test's own, that creates no topic by itself; on `port` when given. */
async function startBroker(port?: number): Promise<Broker> {
  const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_PORT: port === undefined ? '' : String(port), KAFKA_CONTROLLER_PORT: '' };
  const { stdout } = await promisify(execFile)(KAFKA_SH, ['start', '--set', 'auto.create.topics.enable=false'], { env });
  const brokers = /KAFKA_BROKERS=(\S+)/.exec(stdout)?.[1];
  const dir = /KAFKA_BROKER_DIR=(\S+)/.exec(stdout)?.[1];
  if (!brokers || !dir) throw new Error(`kafka.sh start printed no broker: ${stdout}`);
  return { brokers, dir };
}

async function stopBroker(broker: Broker | undefined): Promise<void> {
  if (broker) await promisify(execFile)(KAFKA_SH, ['stop', '--dir', broker.dir]);
}

/** The API on an embedded store, with topics no other test uses and a topic shape unlike the broker's defaults. */
function apiEnv(brokers: string, port: number): Record<string, string> {
  return {
    ...uniqueKafkaEnv(brokers),
    PROVENANCE_STORE: 'embedded',
    PROVENANCE_DATA_DIR: 'memory://',
    PROVENANCE_SAGAS: 'off',
    PROVENANCE_TOKENS: '',
    PROVENANCE_MAX_EVENT_BYTES: String(MAX_EVENT_BYTES),
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    PORT: String(port),
  };
}

const recordedEvents = async (env: Record<string, string>, streamId: string): Promise<{ type: string }[]> => {
  const response = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/streams/${encodeURIComponent(streamId)}`);
  return response.status === 200 ? ((await response.json()) as { events: { type: string }[] }).events : [];
};

/** The shape of each of `topics` that exists. */
async function topicShapes(kafka: Kafka, wanted: string[]): Promise<Record<string, { partitions: number; replicas: number; maxMessageBytes: number }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = wanted.filter((topic) => existing.has(topic));
    if (topics.length === 0) return {};
    const { topics: described } = await admin.fetchTopicMetadata({ topics });
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] })),
    });
    return Object.fromEntries(
      topics.map((topic) => [
        topic,
        {
          partitions: described.find(({ name }) => name === topic)!.partitions.length,
          replicas: described.find(({ name }) => name === topic)!.partitions[0].replicas.length,
          maxMessageBytes: Number(resources.find(({ resourceName }) => resourceName === topic)!.configEntries[0].configValue),
        },
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * The API made the four topics in the configured shape, records a fact from the facts topic and
 * publishes its event, and publishes the events of `alsoPublished` (commits recorded earlier).
 */
async function expectKafkaInAndOut(kafka: Kafka, env: Record<string, string>, fact: number, alsoPublished: number[] = []): Promise<void> {
  const topics = [env.KAFKA_FACTS_TOPIC, env.KAFKA_DEAD_LETTER_TOPIC, env.KAFKA_EVENTS_TOPIC, env.KAFKA_REQUESTS_TOPIC];
  const expected = { partitions: PARTITIONS, replicas: 1, maxMessageBytes: topicMaxMessageBytesOf(MAX_EVENT_BYTES) };
  const shapes = await eventually(() => topicShapes(kafka, topics), (seen) => topics.every((topic) => seen[topic]?.maxMessageBytes === expected.maxMessageBytes), {
    what: 'the four topics in the configured shape',
    timeoutMs: 60_000,
    intervalMs: 250,
  });
  expect(shapes).toEqual(Object.fromEntries(topics.map((topic) => [topic, expected])));

  await produce(kafka, env.KAFKA_FACTS_TOPIC, [json({ type: 'commit', ...commit(fact) }, 'katsdpcontroller')]);
  const recorded = await eventually(() => recordedEvents(env, streamOf(fact)), (events) => events.length === 1, {
    what: `the fact from ${env.KAFKA_FACTS_TOPIC} recorded`,
    timeoutMs: 60_000,
    intervalMs: 250,
  });
  expect(recorded.map((event) => event.type)).toEqual(['CommitRecorded']);

  const events = await new TopicReader(kafka, env.KAFKA_EVENTS_TOPIC).start();
  try {
    const streams = [fact, ...alsoPublished].map(streamOf);
    const published = await events.until((seen) => streams.every((stream) => seen.some((message) => header(message, 'stream-id') === stream)), 60_000);
    const typeOf = (stream: string) => {
      const message = published.find((one) => header(one, 'stream-id') === stream);
      return message && header(message, 'event-type');
    };
    expect(streams.map(typeOf)).toEqual(streams.map(() => 'CommitRecorded'));
  } finally {
    await events.stop();
  }
}

// These start brokers of their own with deploy/kafka/kafka.sh (Java, like the shared one), so
// they run where the other Kafka suites run: skipped without KAFKA_BROKERS, failing in CI.
describeWithService(kafkaBroker(), 'Kafka that sets itself up', () => {
  it('given a broker with auto-create off and no topics, when the API starts, then it creates its topics and Kafka in and out work', async () => {
    let broker: Broker | undefined;
    let api: ApiProcess | undefined;
    try {
      broker = await startBroker();
      const env = apiEnv(broker.brokers, await freePort());
      api = new ApiProcess(env);
      await api.start();
      await expectKafkaInAndOut(testKafka(broker.brokers), env, 1);
    } finally {
      await api?.kill9();
      await stopBroker(broker);
    }
  }, 180_000);

  it('given no broker yet, when one comes up after the API has failed to start Kafka three times, then Kafka in and out work without a restart, and HTTP records facts meanwhile', async () => {
    const port = await freePort();
    const env = apiEnv(`127.0.0.1:${port}`, await freePort());
    const api = new ApiProcess(env);
    let broker: Broker | undefined;
    try {
      await api.start();
      const response = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/commits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(commit(10)) });
      expect(response.status).toBe(201);
      expect(await recordedEvents(env, streamOf(10))).toHaveLength(1);

      // The scenario: the broker arrives only once the API's start of Kafka has failed three times
      // (its retries back off 1 s, 2 s, 4 s), however long that takes on this machine, not after a
      // fixed 20 s that mostly sat out the backoff.
      const failedStarts = () => api.output.split('Kafka did not start').length - 1;
      await eventually(failedStarts, (failed) => failed >= 3, { what: 'the API to report three failed starts of Kafka', timeoutMs: 60_000, intervalMs: 100 });
      broker = await startBroker(port);
      await expectKafkaInAndOut(testKafka(broker.brokers), env, 11, [10]);
    } finally {
      await api.kill9();
      await stopBroker(broker);
    }
  }, 240_000);
});
