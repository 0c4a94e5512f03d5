/**
 * npm run bench:failover — how fast work moves to another process when its lease holder dies,
 * and what standing by costs. Needs DATABASE_URL (several processes share one PostgreSQL
 * database; a fresh schema, dropped afterwards); includes the Kafka publisher when
 * KAFKA_BROKERS is set.
 *   - Three API processes; a writer records a commit every 20 ms. The process holding the lease
 *     of the follower with the fewest kills so far is killed -9, until each follower's holder was
 *     killed BENCH_KILLS times (default 5); for every follower it held, the time from the kill to the first batch the new holder applied (the deadline
 *     watch: to the new holder taking its lease), beside PROVENANCE_LEASE_TIMEOUT (default 10s).
 *     Goal: every failover within the lease timeout + 2 s.
 *   - A projection rebuild of BENCH_EVENTS (default 100000) events with one process running,
 *     then with three (two standing by). Goal: three at least 0.9 of one.
 */
import { durationMs } from '@provenance/config';
import { openPostgresEventStore } from '@provenance/event-store';
import { dropSchema, uniqueSchemaName } from '@provenance/testing';
import { createHash, randomUUID } from 'node:crypto';
import { ApiCluster } from '../../../test/support/api-cluster';

const KILLS = Number(process.env.BENCH_KILLS ?? 5);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const LEASE = process.env.PROVENANCE_LEASE_TIMEOUT ?? '10s';
const REBUILDS = 3;

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    say('bench:failover needs PostgreSQL: several processes share one database. Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
    process.exit(2);
  }
  const leaseMs = durationMs(LEASE);
  const schema = uniqueSchemaName('failover');
  const kafka: Record<string, string> = process.env.KAFKA_BROKERS
    ? { KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_EVENTS_TOPIC: `bench-events-${schema}`, KAFKA_FACTS_TOPIC: `bench-facts-${schema}`, KAFKA_REQUESTS_TOPIC: `bench-requests-${schema}`, KAFKA_DEAD_LETTER_TOPIC: `bench-dead-${schema}`, KAFKA_INGEST_GROUP: `bench-${schema}` }
    : { KAFKA_BROKERS: '' };
  if (!process.env.KAFKA_BROKERS) say('KAFKA_BROKERS is not set: the Kafka publisher is not measured');
  const env = { ...kafka, PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: schema, PROVENANCE_LEASE_TIMEOUT: LEASE, PROVENANCE_TOKENS: '' };
  say(`release-provenance failover benchmark on PostgreSQL, lease timeout ${leaseMs / 1000} s`);
  try {
    const rebuild = await rebuildRates(url, schema, env);
    const failovers = await failoverTimes(url, schema, env);
    report(failovers, leaseMs, rebuild);
  } finally {
    await dropSchema(url, schema);
  }
}

/** Commits straight into the log, so the rebuild has something to replay. */
async function seed(url: string, schema: string): Promise<void> {
  const store = await openPostgresEventStore({ connectionString: url, schema });
  try {
    for (let n = 0; n < EVENTS; n += 1_000) {
      await store.appendToNewStreams(
        Array.from({ length: Math.min(1_000, EVENTS - n) }, (_, k) => {
          const sha = createHash('sha1').update(`seed ${n + k}`).digest('hex');
          const repository = `https://git.example/ska-sa/pkg${(n + k) % 50}`;
          const data = { repository, sha, parents: [], branch: 'master', author: 'bench', message: `change ${n + k}`, committedAt: '2026-11-01T00:00:00Z' };
          return { streamId: `commit-${repository}@${sha}`, events: [{ id: randomUUID(), type: 'CommitRecorded', data }] };
        }),
      );
      process.stderr.write(`\r  seeding ${(n + 1_000).toLocaleString('en')} / ${EVENTS.toLocaleString('en')} events`);
    }
    process.stderr.write('\n');
  } finally {
    await store.close();
  }
}

async function rebuildRates(url: string, schema: string, env: Record<string, string>): Promise<{ one: number; three: number }> {
  const single = await ApiCluster.start(1, env, url, schema);
  await seed(url, schema);
  const rate = async (cluster: ApiCluster) => {
    const started = Date.now();
    const answer = await cluster.post('/api/v1/admin/projections/provenance-facts/rebuild', {});
    const applied = Number(/"applied":(\d+)}\s*$/.exec(String(answer.body))?.[1]);
    if (!applied) throw new Error(`the rebuild answered ${answer.status}: ${String(answer.body).slice(-300)}`);
    return applied / ((Date.now() - started) / 1000);
  };
  const one: number[] = [];
  const three: number[] = [];
  try {
    for (let n = 0; n < REBUILDS; n++) one.push(await rate(single));
  } finally {
    await single.stop();
  }
  const cluster = await ApiCluster.start(3, env, url, schema);
  try {
    for (let n = 0; n < REBUILDS; n++) three.push(await rate(cluster));
  } finally {
    await cluster.stop();
  }
  say(`  rebuild events/s, 1 process: ${one.map(Math.round).join(', ')}; 3 processes: ${three.map(Math.round).join(', ')}`);
  return { one: median(one), three: median(three) };
}

async function failoverTimes(url: string, schema: string, env: Record<string, string>): Promise<Map<string, number[]>> {
  const cluster = await ApiCluster.start(3, env, url, schema);
  const times = new Map<string, number[]>();
  let writing = true;
  let n = 0;
  const writer = (async () => {
    while (writing) {
      const sha = createHash('sha1').update(`live ${n++}`).digest('hex');
      await cluster.post('/api/v1/commits', { repository: 'https://git.example/ska-sa/live', sha, parents: [], branch: 'master', author: 'bench', message: 'live', committedAt: '2026-11-02T00:00:00Z' });
      await sleep(20);
    }
  })();
  try {
    for (let kill = 1; ; kill++) {
      const leases = await heldByRunning(cluster);
      const fewest = [...leases].sort((a, b) => (times.get(a.name)?.length ?? 0) - (times.get(b.name)?.length ?? 0))[0];
      if ((times.get(fewest.name)?.length ?? 0) >= KILLS) break;
      const target = fewest;
      const held = leases.filter((lease) => lease.pid === target.pid);
      const member = cluster.memberOf(target.pid)!;
      const killedAt = Date.now();
      await member.process.kill9();
      await Promise.all(held.map(async (lease) => {
        const seconds = await firstWorkAfter(cluster, lease.name, lease.generation, killedAt);
        times.set(lease.name, [...(times.get(lease.name) ?? []), seconds]);
      }));
      say(`  kill ${kill}: pid ${target.pid} held ${held.map((lease) => lease.name).join(', ')}; taken over in ${held.map((lease) => `${times.get(lease.name)!.at(-1)!.toFixed(2)} s`).join(', ')}`);
      await member.process.start();
    }
  } finally {
    writing = false;
    await writer;
    await cluster.stop();
  }
  return times;
}

async function heldByRunning(cluster: ApiCluster) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const leases = (await cluster.leases()).filter((lease) => lease.live && cluster.memberOf(lease.pid));
    if (leases.length >= 4) return leases;
    await sleep(50);
  }
  throw new Error('the leases were not all held by running processes within 30 s');
}

/** Seconds from the kill to the new holder's first checkpoint write (or, for the deadline watch, its taking the lease). */
async function firstWorkAfter(cluster: ApiCluster, name: string, oldGeneration: string, killedAt: number): Promise<number> {
  for (;;) {
    const [row] = await cluster.query<{ at: string | null }>(
      name === 'deadline-watch'
        ? `SELECT (extract(epoch FROM acquired_at) * 1000)::text AS at FROM follower_leases WHERE name = $1 AND generation > $2::bigint`
        : `SELECT (extract(epoch FROM min(written_at)) * 1000)::text AS at FROM follower_journal WHERE name = $1 AND generation > $2::bigint`,
      [name, oldGeneration],
    );
    if (row?.at) return (Number(row.at) - killedAt) / 1000;
    await sleep(20);
  }
}

function report(failovers: Map<string, number[]>, leaseMs: number, rebuild: { one: number; three: number }): void {
  const limit = leaseMs / 1000 + 2;
  const rows = [...failovers].sort(([a], [b]) => a.localeCompare(b)).map(([name, seconds]) => {
    const worst = Math.max(...seconds);
    return `${name.padEnd(17)} | ${String(seconds.length).padStart(5)} | ${Math.min(...seconds).toFixed(2).padStart(6)} | ${median(seconds).toFixed(2).padStart(6)} | ${worst.toFixed(2).padStart(6)} | ${(leaseMs / 1000).toFixed(1).padStart(5)} s | <= ${limit.toFixed(1)} s ${worst <= limit ? 'met' : 'MISSED'}`;
  });
  console.log('\nfailover: kill -9 of the lease holder to the first work done by the new holder (seconds)');
  console.log('follower          | kills |    min | median |    max | lease   | goal');
  for (const row of rows) console.log(row);
  const ratio = rebuild.three / rebuild.one;
  console.log('\nprojection rebuild (provenance-facts), median of 3');
  console.log('processes | events/s  | ratio | goal');
  console.log(`1         | ${Math.round(rebuild.one).toLocaleString('en').padStart(9)} |       |`);
  console.log(`3         | ${Math.round(rebuild.three).toLocaleString('en').padStart(9)} | ${ratio.toFixed(2).padStart(5)} | >= 0.90 ${ratio >= 0.9 ? 'met' : 'MISSED'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
