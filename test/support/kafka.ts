import { kafkaClient } from '@provenance/kafka';
import { eventually, realService } from '@provenance/testing';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Message } from 'kafkajs';
import { logLevel, Partitioners } from 'kafkajs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';

/** A real broker, from deploy/kafka/kafka.sh (`.ci/run` starts one and exports KAFKA_BROKERS). */
export const kafkaBroker = () => realService('Kafka', 'KAFKA_BROKERS');

/**
 * The tests' own client. Its connection errors are not logged: a suite that stops the broker
 * expects them, and one that does not fails on what it waits for.
 */
export function testKafka(brokers: string): Kafka {
  return kafkaClient({ brokers: brokers.split(','), clientId: 'provenance-tests' }, 'provenance-tests', { logLevel: logLevel.NOTHING });
}

/** Topics and a group no other suite uses, as the variables the service reads. */
export function uniqueKafkaEnv(brokers: string): Record<string, string> {
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    KAFKA_BROKERS: brokers,
    KAFKA_FACTS_TOPIC: `facts-${suffix}`,
    KAFKA_DEAD_LETTER_TOPIC: `dead-letter-${suffix}`,
    KAFKA_EVENTS_TOPIC: `events-${suffix}`,
    KAFKA_REQUESTS_TOPIC: `requests-${suffix}`,
    KAFKA_ATTESTATIONS_TOPIC: `attestations-${suffix}`,
    KAFKA_CHECKPOINTS_TOPIC: `checkpoints-${suffix}`,
    KAFKA_INGEST_GROUP: `ingest-${suffix}`,
  };
}

export async function createTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export async function produce(kafka: Kafka, topic: string, messages: Message[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

export const json = (value: unknown, key?: string, headers?: IHeaders): Message => ({ key, value: JSON.stringify(value), headers });

/** Reads a topic from the beginning into `seen` until stopped. */
export class TopicReader {
  readonly seen: KafkaMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka, private readonly topic: string) {}

  async start(): Promise<this> {
    // A fetch answers as soon as a message is there either way; the short wait only bounds an idle
    // one, which `stop` sits out (kafkajs's 5 s default made each reader's stop take up to 5 s).
    this.consumer = this.kafka.consumer({ groupId: `reader-${this.topic}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ message }) => void this.seen.push(message) });
    return this;
  }

  /** Every message seen once `done` holds for them; past `timeoutMs` (eventually's default unless given), throws with what was seen. */
  async until(done: (seen: KafkaMessage[]) => boolean, timeoutMs?: number): Promise<KafkaMessage[]> {
    const summary = () => ({ messages: this.seen.length, last: this.seen.length > 0 ? briefly(this.seen[this.seen.length - 1]) : 'none' });
    await eventually(summary, () => done(this.seen), { what: `the messages awaited on topic ${this.topic}`, timeoutMs, intervalMs: 100 });
    return this.seen;
  }

  stop(): Promise<void> {
    return this.consumer?.disconnect() ?? Promise.resolve();
  }
}

export const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

const briefly = (message: KafkaMessage) => ({
  offset: message.offset,
  key: message.key?.toString(),
  headers: Object.fromEntries(Object.keys(message.headers ?? {}).map((name) => [name, header(message, name)])),
  value: message.value?.toString().slice(0, 200),
});

/**
 * Kills the broker -9 and starts it again on its ports and data (only for a broker kafka.sh
 * started), calling `whileDown` once it is dead. Asynchronous, so the clients in this process
 * live through the outage.
 */
export async function killAndRestartBroker(downForMs = 2_000, whileDown: () => void = () => undefined): Promise<void> {
  const script = join(__dirname, '../../deploy/kafka/kafka.sh');
  await promisify(execFile)(script, ['kill-broker']);
  whileDown();
  await new Promise((resolve) => setTimeout(resolve, downForMs));
  await promisify(execFile)(script, ['restart']);
}
