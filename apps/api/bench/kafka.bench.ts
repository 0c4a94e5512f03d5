/**
 * npm run bench:kafka — facts per second from the facts topic to the read model, beside a raw
 * kafkajs consume of the same messages, in one run. Produces BENCH_FACTS (default 20000)
 * commits to a fresh topic (not timed), then times
 *   - raw: a kafkajs consumer group reading and JSON-parsing every message;
 *   - ours: the service's ingest (validate, decide, append) until the read model holds them all.
 * Both are timed from the first fact through to the last (the group join left out); ours is also
 * shown from its start-up. Uses the broker at KAFKA_BROKERS, or starts one with deploy/kafka/kafka.sh and stops it after;
 * PostgreSQL when DATABASE_URL is set (a fresh schema, dropped afterwards), else embedded.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@provenance/config';
import { SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { kafkaClient } from '@provenance/kafka';
import { dropSchema, uniqueSchemaName } from '@provenance/testing';
import { Kafka, Partitioners } from 'kafkajs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ApiModule } from '../src/api.module';
import { ProvenanceExpressAdapter } from '../src/http/provenance-express-adapter';

const FACTS = Number(process.env.BENCH_FACTS ?? 20_000);
const GOAL = 5_000;
const KAFKA_SH = join(__dirname, '../../../deploy/kafka/kafka.sh');

function progress(label: string, done: number, total: number): void {
  const share = Math.min(done / total, 1);
  process.stderr.write(`\r  ${label.padEnd(10)} [${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  if (done >= total) process.stderr.write('\n');
}

function brokers(): { brokers: string; stop: () => void } {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS, stop: () => undefined };
  process.stderr.write('KAFKA_BROKERS is not set: starting a broker with deploy/kafka/kafka.sh\n');
  const exports = execFileSync(KAFKA_SH, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (name: string) => new RegExp(`export ${name}=(.*)`).exec(exports)?.[1] ?? '';
  const dir = value('KAFKA_BROKER_DIR');
  return { brokers: value('KAFKA_BROKERS'), stop: () => execFileSync(KAFKA_SH, ['stop', '--dir', dir], { stdio: 'inherit' }) };
}

const commit = (n: number) => ({
  type: 'commit',
  repository: `https://github.com/ska-sa/kat${n % 20}`,
  sha: createHash('sha1').update(`bench-${n}`).digest('hex'),
  parents: [],
  author: 'bench',
  message: `change ${n}`,
  committedAt: '2026-11-25T08:00:00Z',
});

async function produceFacts(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let n = 0; n < FACTS; n += 1_000) {
    const messages = Array.from({ length: Math.min(1_000, FACTS - n) }, (_, i) => {
      const fact = commit(n + i);
      return { key: fact.repository, value: JSON.stringify(fact) };
    });
    await producer.send({ topic, messages, acks: -1 });
    progress('producing', n + messages.length, FACTS);
  }
  await producer.disconnect();
}

async function rawConsume(kafka: Kafka, topic: string): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let started = 0;
  let finished = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: ({ message }) => {
        JSON.parse(message.value!.toString());
        if (++seen === 1) started = performance.now();
        if (seen === FACTS) {
          finished = performance.now();
          resolve();
        }
        return Promise.resolve();
      },
    });
  });
  await consumer.disconnect();
  // From the first message to the last, as for ours: the group join is not the consumer's speed.
  return (FACTS - 1) / ((finished - started) / 1000);
}

/**
 * The service's ingest, from the moment it is up (the consumer then joins its group) until the
 * read model holds every fact; also from the first fact in the read model to the last, which
 * leaves out the group join.
 */
async function ingest(env: Record<string, string>): Promise<{ total: number; steady: number }> {
  const app: INestApplication = await NestFactory.create(ApiModule.forRoot(loadConfig(env)), new ProvenanceExpressAdapter(), { logger: ['error', 'warn'], bodyParser: false });
  const started = performance.now();
  await app.init();
  const db = app.get<SqlConnection>(SQL_CONNECTION);
  let recorded = 0;
  let first: { at: number; count: number } | undefined;
  while (recorded < FACTS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [row] = await db.query<{ n: string }>('SELECT count(*) AS n FROM rm_commits');
    recorded = Number(row.n);
    if (!first && recorded > 0) first = { at: performance.now(), count: recorded };
    progress('ingesting', recorded, FACTS);
  }
  const finished = performance.now();
  await app.close();
  // With too few facts they all land in the first poll; then only the total means anything.
  const steady = first!.count < FACTS ? (FACTS - first!.count) / ((finished - first!.at) / 1000) : NaN;
  return { total: FACTS / ((finished - started) / 1000), steady };
}

async function main(): Promise<void> {
  const broker = brokers();
  const suffix = `${Date.now()}`;
  const topic = `bench-facts-${suffix}`;
  const schema = uniqueSchemaName('bench_kafka');
  const store: Record<string, string> = process.env.DATABASE_URL
    ? { PROVENANCE_STORE: 'postgres', DATABASE_URL: process.env.DATABASE_URL, PROVENANCE_SCHEMA: schema }
    : { PROVENANCE_DATA_DIR: 'memory://' };
  const env = {
    ...store, PROVENANCE_SAGAS: 'off', KAFKA_BROKERS: broker.brokers, KAFKA_FACTS_TOPIC: topic,
    KAFKA_EVENTS_TOPIC: `bench-events-${suffix}`, KAFKA_REQUESTS_TOPIC: `bench-requests-${suffix}`,
    KAFKA_DEAD_LETTER_TOPIC: `bench-dead-letter-${suffix}`, KAFKA_INGEST_GROUP: `bench-ingest-${suffix}`,
  };
  try {
    const kafka = kafkaClient({ brokers: broker.brokers.split(','), clientId: 'bench' });
    await produceFacts(kafka, topic);
    const raw = await rawConsume(kafka, topic);
    const ours = await ingest(env);
    const backend = process.env.DATABASE_URL ? 'postgres' : 'embedded';
    const rate = (value: number) => (Number.isNaN(value) ? 'n/a' : Math.round(value).toLocaleString('en')).padStart(9);
    console.log(`\n${FACTS.toLocaleString('en')} commit facts, 3 partitions, ${backend} store, broker ${broker.brokers}`);
    console.log('measure                                           | facts/s   | ratio to raw | goal');
    console.log(`raw kafkajs consume + JSON.parse, first to last  | ${rate(raw)} |              |`);
    console.log(`ours: topic -> read model, from start-up         | ${rate(ours.total)} |              |`);
    console.log(`ours: topic -> read model, first fact to last    | ${rate(ours.steady)} | ${(ours.steady / raw).toFixed(3).padStart(12)} | >= ${GOAL.toLocaleString('en')}/s ${Number.isNaN(ours.steady) ? '(raise BENCH_FACTS)' : ours.steady >= GOAL ? 'met' : 'NOT met'}`);
  } finally {
    if (process.env.DATABASE_URL) await dropSchema(process.env.DATABASE_URL, schema);
    broker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
