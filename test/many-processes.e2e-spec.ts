import { openPostgresEventStore, RecordedEvent } from '@provenance/event-store';
import { JOURNAL_ROWS } from '@provenance/followers';
import { PROJECTIONS } from '@provenance/projections';
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName, waitBudget } from '@provenance/testing';
import { createHash } from 'node:crypto';
import { ApiCluster, Lease } from './support/api-cluster';
import { header, kafkaBroker, testKafka, TopicReader, uniqueKafkaEnv } from './support/kafka';
import { PACKAGE_GRAPH } from './support/pipeline-agents';

const FOLLOWERS = ['deadline-watch', 'kafka-publisher', 'pipeline', 'pipeline-sagas', 'provenance-facts'];
/** Lease holders with no place in the log: the deadline watch reads the clock, the checkpoint publisher the tree's checkpoints. */
const NOT_FOLLOWING_THE_LOG = ['deadline-watch', 'checkpoint-publisher'];
const KILLS_PER_FOLLOWER = 5;
const MIN_FACTS = 3_000;
const PUBLISHER_BATCH = 500;
const UPSTREAM = ['katcore', 'katconf'];

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Fact n: every tenth a commit and passed build of an upstream package (the sagas request two builds downstream), else a commit. */
function factsOf(n: number): { path: string; body: Record<string, unknown>; streamId: string; type: string }[] {
  const committedAt = new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString().replace('.000Z', 'Z');
  if (n % 10 !== 0) {
    const repository = `https://github.com/ska-sa/bulk-${n % 7}`;
    const sha = sha1(`bulk ${n}`);
    return [{ path: '/api/v1/commits', body: { repository, sha, parents: [], branch: 'master', author: 'ci', message: `change ${n}`, committedAt }, streamId: `commit-${repository}@${sha}`, type: 'CommitRecorded' }];
  }
  const pkg = UPSTREAM[(n / 10) % 2];
  const version = `2.${n / 10}`;
  const repository = `https://github.com/ska-sa/${pkg}`;
  const sha = sha1(`${pkg}==${version}`);
  return [
    { path: '/api/v1/commits', body: { repository, sha, parents: [], branch: 'master', author: 'ci', message: `${pkg} ${version}`, committedAt }, streamId: `commit-${repository}@${sha}`, type: 'CommitRecorded' },
    {
      path: '/api/v1/builds',
      body: { package: pkg, version, repository, sha, outcome: 'passed', artifact: { filename: `${pkg}-${version}-py3-none-any.whl`, sha256: sha.padEnd(64, '0') }, builtAgainst: [], finishedAt: committedAt },
      streamId: `build-${pkg}@${version}`,
      type: 'PackageBuildRecorded',
    },
  ];
}

async function dump(cluster: ApiCluster, tables: readonly string[]): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    result[table] = (await cluster.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`)).map((r) => r.row);
  }
  return result;
}

async function readLog(url: string, schema: string): Promise<RecordedEvent[]> {
  const store = await openPostgresEventStore({ connectionString: url, schema });
  const log: RecordedEvent[] = [];
  try {
    for (let page = await store.readAll({ limit: 10_000 }); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position, limit: 10_000 })) log.push(...page);
  } finally {
    await store.close();
  }
  return log;
}

/**
 * The log once nothing more follows from it: every follower has passed its end, and reading it
 * again finds nothing new. A saga appends its effects before its checkpoint passes their cause,
 * so effects of the last facts land after the writers stop and before the followers pass them.
 */
async function settledLog(cluster: ApiCluster, url: string, schema: string, timeLeft: ReturnType<typeof waitBudget>): Promise<RecordedEvent[]> {
  for (;;) {
    const log = await readLog(url, schema);
    const end = log[log.length - 1].position;
    await eventually(
      async () => (await cluster.get('/api/v1/admin/followers')).body.followers as { name: string; checkpoint: string | null }[],
      (followers) => followers.filter((f) => !NOT_FOLLOWING_THE_LOG.includes(f.name)).every((f) => f.checkpoint !== null && f.checkpoint >= end),
      { what: 'every follower at the end of the log', timeoutMs: timeLeft(25_000) },
    );
    const again = await readLog(url, schema);
    if (again[again.length - 1].position === end) return again;
  }
}

describeWithService(postgresServer(), 'three API processes on one database', (url) => {
  describeWithService(kafkaBroker(), 'and one Kafka cluster', (brokers) => {
    const schema = uniqueSchemaName('cluster');
    const kafkaEnv = uniqueKafkaEnv(brokers);
    let cluster: ApiCluster;
    let events: TopicReader | undefined;

    beforeAll(async () => {
      cluster = await ApiCluster.start(
        3,
        { ...kafkaEnv, PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: schema, PROVENANCE_LEASE_TIMEOUT: '1s', PROVENANCE_SAGAS: 'on', PROVENANCE_DEADLINE_CHECK_MS: '500' },
        url,
        schema,
      );
    }, 120_000);
    afterAll(async () => {
      await events?.stop();
      await cluster?.stop();
      await dropSchema(url, schema);
    }, 60_000);

    it('given facts spread over all three while the holder of each lease is killed -9 again and again, then every fact, effect and event happens once', async () => {
      // Every wait of the test draws on most of its 600 s, so together they end before jest's timeout.
      const timeLeft = waitBudget(540_000);
      expect((await cluster.post('/api/v1/package-graph', PACKAGE_GRAPH)).status).toBe(201);
      const acknowledged: { streamId: string; type: string }[] = [];
      let next = 0;
      let killing = true;
      const writer = async () => {
        while (killing || next < MIN_FACTS) {
          for (const fact of factsOf(next++)) {
            const { status, body } = await cluster.post(fact.path, fact.body);
            if (status !== 200 && status !== 201) throw new Error(`${fact.path} answered ${status}: ${JSON.stringify(body)}`);
            acknowledged.push(fact);
          }
        }
      };
      const writers = Promise.all(Array.from({ length: 6 }, writer));

      const kills = Object.fromEntries(FOLLOWERS.map((name) => [name, 0]));
      let publisherKills = 0;
      try {
        while (FOLLOWERS.some((name) => kills[name] < KILLS_PER_FOLLOWER)) {
          await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
          const leases = await eventually(
            () => cluster.leases(),
            (all) => FOLLOWERS.every((name) => all.some((lease) => lease.name === name && lease.live && cluster.memberOf(lease.pid))),
            { what: 'every lease held by a running process', timeoutMs: timeLeft(25_000) },
          );
          const wanted = FOLLOWERS.filter((name) => kills[name] < KILLS_PER_FOLLOWER);
          const name = wanted[Math.floor(Math.random() * wanted.length)];
          const target = leases.find((lease) => lease.name === name) as Lease;
          const member = cluster.memberOf(target.pid)!;
          for (const lease of leases.filter((one) => one.live && one.pid === target.pid)) kills[lease.name] = (kills[lease.name] ?? 0) + 1;
          if (leases.some((lease) => lease.name === 'kafka-publisher' && lease.live && lease.pid === target.pid)) publisherKills++;
          // Back before the next kill, so that a standby is always there to take over.
          await cluster.kill9(member);
        }
      } finally {
        killing = false;
      }
      await writers;

      // Every follower catches up with the whole log, including the effects the sagas append for its last facts.
      const log = await settledLog(cluster, url, schema, timeLeft);

      // Every acknowledged fact is in the log exactly once.
      expect(acknowledged.length).toBeGreaterThanOrEqual(MIN_FACTS);
      const byStream = new Map<string, RecordedEvent[]>();
      for (const event of log) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      for (const fact of acknowledged) expect(byStream.get(fact.streamId)?.filter((event) => event.type === fact.type)).toHaveLength(1);

      // Each saga effect happened once: two downstream build requests per upstream build, one request event per request stream.
      const upstreamBuilds = new Set(acknowledged.filter((fact) => fact.type === 'PackageBuildRecorded').map((fact) => fact.streamId)).size;
      const requests = log.filter((event) => event.type.endsWith('Requested'));
      expect(requests.filter((event) => event.type === 'PackageBuildRequested')).toHaveLength(2 * upstreamBuilds);
      const requestsPerStream = new Map<string, number>();
      for (const event of requests) requestsPerStream.set(event.streamId, (requestsPerStream.get(event.streamId) ?? 0) + 1);
      expect([...requestsPerStream.values()].every((count) => count === 1)).toBe(true);

      // No two holders applied a batch for one follower: each write starts where the last one ended, generations only grow, one holder each.
      const journal = await cluster.query<{ name: string; generation: string; holder: string; after_position: string | null; through_position: string }>(
        'SELECT name, generation::text AS generation, holder, after_position, through_position FROM follower_journal ORDER BY name, seq',
      );
      for (const name of FOLLOWERS.filter((one) => one !== 'deadline-watch')) {
        const writes = journal.filter((row) => row.name === name);
        // The journal keeps each follower's newest JOURNAL_ROWS writes; a shorter one still starts at the first.
        if (writes.length < JOURNAL_ROWS) expect(writes[0].after_position).toBeNull();
        const holderOf = new Map<string, string>();
        writes.forEach((write, index) => {
          if (index > 0) {
            expect(write.after_position).toBe(writes[index - 1].through_position);
            expect(BigInt(write.generation)).toBeGreaterThanOrEqual(BigInt(writes[index - 1].generation));
          }
          expect(holderOf.get(write.generation) ?? write.holder).toBe(write.holder);
          holderOf.set(write.generation, write.holder);
        });
        expect(writes[writes.length - 1].through_position).toBe(log[log.length - 1].position);
      }

      // Deduplicated by event-id, the events topic holds exactly the log; repeats only from batches in flight at the kills.
      events = await new TopicReader(testKafka(brokers), kafkaEnv.KAFKA_EVENTS_TOPIC).start();
      const ids = new Set(log.map((event) => event.id));
      const published = await events.until((seen) => new Set(seen.map((message) => header(message, 'event-id'))).size >= ids.size, timeLeft(60_000));
      const publishedIds = new Set(published.map((message) => header(message, 'event-id')!));
      expect([...publishedIds].sort()).toEqual([...ids].sort());
      const repeats = published.length - publishedIds.size;
      expect(repeats).toBeLessThanOrEqual(publisherKills * PUBLISHER_BATCH);

      // Every read model equals a rebuild from scratch, row for row.
      for (const projection of PROJECTIONS) {
        const followed = await dump(cluster, projection.tables);
        const rebuilt = await cluster.post(`/api/v1/admin/projections/${projection.name}/rebuild`, {});
        expect(rebuilt.status).toBe(200);
        expect(await dump(cluster, projection.tables)).toEqual(followed);
      }
      console.log(
        `many processes: ${acknowledged.length} facts, ${log.length} events, kills per follower ${JSON.stringify(kills)}, ` +
          `${repeats} repeated messages on the events topic (bound ${publisherKills} x ${PUBLISHER_BATCH})`,
      );
    }, 600_000);
  });
});
