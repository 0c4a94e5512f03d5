// Runs alone: it kills and restarts the broker every other suite shares.
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { ApiProcess, freePort } from './support/api-process';
import { createTopics, json, kafkaBroker, killAndRestartBroker, produce, testKafka, uniqueKafkaEnv } from './support/kafka';
import { sha } from './support/pipeline-facts';

const FACTS = 400;
const commit = (n: number) => ({
  type: 'commit', repository: 'https://github.com/ska-sa/katproxy', sha: sha(n.toString(16).padStart(4, '0')), parents: [],
  author: 'ci', message: `change ${n}`, committedAt: '2026-11-25T08:00:00Z',
});

// Killing and restarting needs a broker deploy/kafka/kafka.sh started (.ci/run's does); one
// reached only by address (a Docker broker, say) cannot be restarted from here.
const restartable = process.env.KAFKA_BROKER_DIR ? kafkaBroker() : { ...kafkaBroker(), url: undefined, name: 'a Kafka broker started by deploy/kafka/kafka.sh', variable: 'KAFKA_BROKER_DIR' };

describeWithService(restartable, 'the broker killed -9 mid-stream', (brokers) => {
  describeWithService(postgresServer(), 'and restarted (postgres)', (url) => {
    it('given facts streaming in while the broker is killed -9 and restarted, then the log and the read model hold each exactly once', async () => {
      const schema = uniqueSchemaName('broker');
      const env: Record<string, string> = { ...uniqueKafkaEnv(brokers), DATABASE_URL: url, PROVENANCE_SCHEMA: schema, PROVENANCE_SAGAS: 'off', PORT: String(await freePort()) };
      const kafka = testKafka(brokers);
      await createTopics(kafka, [env.KAFKA_FACTS_TOPIC, env.KAFKA_DEAD_LETTER_TOPIC, env.KAFKA_EVENTS_TOPIC]);
      const api = new ApiProcess(env);
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        await api.start();
        const count = async () => {
          const [row] = (await db.query(`SELECT (SELECT count(*) FROM "${schema}".rm_commits) AS rows, (SELECT count(DISTINCT sha) FROM "${schema}".rm_commits) AS distinct_rows,
            (SELECT count(*) FROM "${schema}".events WHERE type = 'CommitRecorded') AS events`)).rows;
          return { rows: Number(row.rows), distinct: Number(row.distinct_rows), events: Number(row.events) };
        };
        // Mid-stream by progress, not by the clock: the first half goes before the kill, the rest only once the broker is down.
        let brokerDown!: () => void;
        const down = new Promise<void>((resolve) => (brokerDown = resolve));
        const producing = (async () => {
          const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
          await producer.connect();
          for (let n = 0; n < FACTS; n += 20) {
            if (n === FACTS / 2) await down;
            await producer.send({ topic: env.KAFKA_FACTS_TOPIC, acks: -1, messages: Array.from({ length: 20 }, (_, i) => json(commit(n + i), `k${(n + i) % 7}`)) });
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await producer.disconnect();
        })();
        await eventually(count, (counted) => counted.events > 0, { what: 'the first facts recorded', timeoutMs: 20_000 });
        await killAndRestartBroker(2_000, brokerDown);
        await producing;
        await eventually(count, (counted) => counted.rows >= FACTS, { what: `${FACTS} facts in the read model`, timeoutMs: 75_000, intervalMs: 250 });

        // A sentinel on each of the three partitions, after every fact: once all are in the read
        // model, so is anything a late duplicate would have written.
        const sentinels = [0, 1, 2].map((partition) => ({ ...json(commit(FACTS + partition)), partition }));
        await produce(kafka, env.KAFKA_FACTS_TOPIC, sentinels);
        const sentinelShas = [0, 1, 2].map((partition) => commit(FACTS + partition).sha);
        await eventually(
          async () => Number((await db.query(`SELECT count(*) AS rows FROM "${schema}".rm_commits WHERE sha = ANY($1)`, [sentinelShas])).rows[0].rows),
          (rows) => rows === sentinelShas.length,
          { what: 'the sentinels in the read model', timeoutMs: 20_000 },
        );
        const all = FACTS + sentinelShas.length;
        expect(await count()).toEqual({ rows: all, distinct: all, events: all });
      } finally {
        await api.kill9();
        await db.end();
        await dropSchema(url, schema);
      }
    }, 180_000);
  });
});
