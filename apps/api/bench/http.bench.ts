/**
 * npm run bench:http — what HTTP costs on the route pipeline agents call most, recording a commit
 * (POST /api/v1/commits), against the API on PostgreSQL started as a process of its own (no Kafka).
 *
 *   new commits over HTTP      autocannon, 8 and 32 connections, a new commit in every body
 *   new commits direct         the same facts through the same command path in this process
 *                              (recordCommit -> decideAndAppend on a store of the same pool size),
 *                              as many in flight as HTTP has connections
 *   idempotent repeat          one commit with one Idempotency-Key sent again and again (200s)
 *   provenance query           GET /api/v1/commits/:repository/:sha/impact of a recorded commit
 *
 * HTTP and direct alternate for BENCH_ROUNDS rounds (default 3); medians are printed, the ratio
 * is the median of the per-round ratios, and the goal (HTTP >= 0.5 of direct) beside it with
 * "met" or "MISSED". The API's resident memory is read before the first request and after the last.
 * Both sides write into the one schema, so the API's own followers project the direct appends
 * too, as they would in service.
 *
 * Where the CPU goes (Linux, from /proc): per fact, this process (autocannon, or the direct
 * appends), the API process (HTTP, the command path and its followers) and PostgreSQL's server
 * processes, counted from a side's first request until the API's followers have applied its last
 * fact. On a 2-core machine the three share the cores, so HTTP's rate is bounded by its total.
 *
 * Needs DATABASE_URL (a fresh schema, dropped afterwards). Options (environment): BENCH_ROUNDS (3),
 * BENCH_FACTS (facts per run, default 2000), BENCH_QUERIES (requests of each read, default 2000).
 */
import { newestEventIn, openPostgresEventStore, SqlEventStore } from '@provenance/event-store';
import type { CommitDto } from '@provenance/facts';
import { decideAndAppend } from '@provenance/recording';
import { dropSchema, formatTable, median, percentile, rate, uniqueSchemaName, verdict } from '@provenance/testing';
import autocannon from 'autocannon';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { ApiProcess, freePort } from '../../../test/support/api-process';
import { cpuMeter, CpuUse } from './cpu-use';
import { recordCommit } from '../src/commits/record-commit';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FACTS = Number(process.env.BENCH_FACTS ?? 2000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const CONNECTIONS = [8, 32];
const GOAL = 0.5;
const REPOSITORY = 'https://github.com/ska-sa/katcomp';

const say = (text: string) => process.stdout.write(`  ${text}\n`);

/** A commit no run has sent before: its sha is derived from the run's label and a counter. */
function commit(label: string, n: number): CommitDto {
  const sha = createHash('sha1').update(`${label} ${n}`).digest('hex');
  return { repository: REPOSITORY, sha, parents: ['a0'.repeat(20)], branch: 'master', author: 'Bench <bench@ska.ac.za>', message: `bench ${label} ${n}`, committedAt: '2026-11-24T08:00:00Z' };
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) / 1024;
}

interface Measured {
  perSecond: number;
  p99Ms: number;
}

interface Side extends Measured {
  /** CPU µs per fact, from the first request until the API's followers have applied the last fact. */
  cpu: CpuUse;
}

/** Resolves once every follower's checkpoint in the schema has reached the newest event. */
async function followersSettled(store: SqlEventStore): Promise<void> {
  const newest = await newestEventIn(store.sqlConnection);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [{ behind }] = await store.sqlConnection.query<{ behind: number }>(
      'SELECT count(*)::int AS behind FROM follower_checkpoints WHERE position IS NULL OR position < $1',
      [newest],
    );
    if (behind === 0) return;
    if (Date.now() > deadline) throw new Error(`${behind} followers had not reached ${newest} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A side's rate, and its CPU per fact until the API's followers are done with it. */
async function metered(api: ApiProcess, store: SqlEventStore, run: () => Promise<Measured>): Promise<Side> {
  const meter = cpuMeter(api.pid);
  const measured = await run();
  await followersSettled(store);
  const used = meter();
  const perFact = (ms: number) => (ms * 1000) / FACTS;
  return { ...measured, cpu: { here: perFact(used.here), api: perFact(used.api), postgres: perFact(used.postgres) } };
}

/**
 * `amount` requests at `connections`. The rate is taken from the first request to the last answer:
 * autocannon itself notices that it is done only on its once-a-second tick.
 */
async function load(base: string, connections: number, amount: number, request: autocannon.Request, expect: number): Promise<Measured> {
  const statuses = new Map<number, number>();
  let lastAnswer = 0n;
  const onResponse = (status: number) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    lastAnswer = process.hrtime.bigint();
  };
  const started = process.hrtime.bigint();
  const result = await autocannon({ url: base, connections, amount, requests: [{ ...request, onResponse }] });
  const answered = statuses.get(expect) ?? 0;
  if (answered !== amount || result.errors || result.timeouts) {
    throw new Error(`${request.method} ${request.path}: ${answered} of ${amount} answered ${expect}; status counts ${JSON.stringify([...statuses])}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { perSecond: amount / (Number(lastAnswer - started) / 1e9), p99Ms: result.latency.p99 };
}

function overHttp(base: string, connections: number, label: string): Promise<Measured> {
  let next = 0;
  return load(base, connections, FACTS, {
    method: 'POST',
    path: '/api/v1/commits',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify(commit(label, next++)) }),
  }, 201);
}

async function direct(store: SqlEventStore, inFlight: number, label: string): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < FACTS) {
        const command = recordCommit(commit(label, next++), { actor: 'bench' });
        const sent = process.hrtime.bigint();
        const result = await decideAndAppend(store, command.streamId, command.decider, command.command, command.context, command.options);
        if (result.status !== 'recorded') throw new Error(`direct append answered ${result.status}`);
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: FACTS / seconds, p99Ms: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('bench:http needs PostgreSQL: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
    process.exit(2);
  }
  const schema = uniqueSchemaName('http');
  const port = await freePort();
  const api = new ApiProcess({ PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: schema, PROVENANCE_TOKENS: '', KAFKA_BROKERS: '', PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  say(`starting the API on port ${port}, schema ${schema}`);
  await api.start();
  const store = await openPostgresEventStore({ connectionString: url, schema });
  try {
    const rssBefore = rssMiB(api.pid);
    const runs = new Map<string, Side[]>();
    const keep = (key: string, side: Side) => runs.set(key, [...(runs.get(key) ?? []), side]);
    // As long as a measured run, so that both sides are measured compiled, not while the JIT warms up.
    say(`warm-up: ${FACTS} commits over HTTP, ${FACTS} direct, at 8 connections (not measured)`);
    await overHttp(base, 8, 'warm-up http');
    await direct(store, 8, 'warm-up direct');
    await followersSettled(store);
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        say(`round ${round + 1}/${ROUNDS}: ${FACTS} new commits at ${connections} connections, ${round % 2 === 0 ? 'HTTP then direct' : 'direct then HTTP'}`);
        const sides = [
          async () => keep(`http/${connections}`, await metered(api, store, () => overHttp(base, connections, `http ${connections} ${round}`))),
          async () => keep(`direct/${connections}`, await metered(api, store, () => direct(store, connections, `direct ${connections} ${round}`))),
        ];
        for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
      }
    }

    say(`idempotent repeat: one commit, one Idempotency-Key, ${QUERIES} times at 8 connections`);
    const repeated = JSON.stringify(commit('repeated', 0));
    const repeat = { method: 'POST' as const, path: '/api/v1/commits', headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-repeat-1' }, body: repeated };
    await load(base, 1, 1, repeat, 201);
    const repeats = await load(base, 8, QUERIES, repeat, 200);

    const queried = commit('http 8 0', 0).sha;
    say(`provenance query: GET impact of commit ${queried.slice(0, 12)}, ${QUERIES} times at 8 connections`);
    const queries = await load(base, 8, QUERIES, { method: 'GET', path: `/api/v1/commits/katcomp/${queried}/impact` }, 200);
    const rssAfter = rssMiB(api.pid);
    report(runs, repeats, queries, rssBefore, rssAfter);
  } finally {
    await store.close();
    await api.stop();
    await dropSchema(url, schema);
  }
}

function report(runs: Map<string, Side[]>, repeats: Measured, queries: Measured, rssBefore: number, rssAfter: number): void {
  const of = (key: string) => runs.get(key) ?? [];
  const cell = (measured: Measured[]) => `${rate(median(measured.map((m) => m.perSecond)))} (${rate(Math.min(...measured.map((m) => m.perSecond)))}-${rate(Math.max(...measured.map((m) => m.perSecond)))})`;
  const p99 = (measured: Measured[]) => median(measured.map((m) => m.p99Ms)).toFixed(1);
  console.log(`\nbench:http — ${ROUNDS} rounds of ${FACTS} new commits per side; per second as median (min-max), p99 in ms as median of the rounds`);
  console.log(`machine: ${cpus().length} cores, Node ${process.versions.node}; the API and this process share them\n`);
  const rows = CONNECTIONS.map((connections) => {
    const [http, direct] = [of(`http/${connections}`), of(`direct/${connections}`)];
    const ratio = median(http.map((m, round) => m.perSecond / direct[round].perSecond));
    return [`new commits, ${connections} connections`, cell(http), p99(http), cell(direct), p99(direct), ratio.toFixed(2), `>= ${GOAL} ${verdict(ratio, GOAL)}`];
  });
  console.log(formatTable(['workload', 'HTTP (facts/s)', 'HTTP p99 ms', 'direct (facts/s)', 'direct p99 ms', 'HTTP/direct', 'goal'], rows));
  console.log('\nCPU per fact in µs, median of the rounds (this process: autocannon for HTTP, the appends for direct)');
  const cpuRows = CONNECTIONS.flatMap((connections) =>
    (['http', 'direct'] as const).map((side) => {
      const sides = of(`${side}/${connections}`);
      const part = (pick: (cpu: CpuUse) => number) => median(sides.map((one) => pick(one.cpu)));
      const total = part((cpu) => cpu.here + cpu.api + cpu.postgres);
      return [`${side === 'http' ? 'HTTP' : 'direct'}, ${connections} connections`, ...[part((cpu) => cpu.here), part((cpu) => cpu.api), part((cpu) => cpu.postgres), total].map((us) => us.toFixed(0))];
    }),
  );
  console.log(formatTable(['side', 'this process', 'API process', 'PostgreSQL', 'total'], cpuRows));
  console.log('');
  console.log(
    formatTable(
      ['read or repeat, 8 connections', 'requests/s', 'p99 ms'],
      [
        ['idempotent repeat (200, same key)', rate(repeats.perSecond), repeats.p99Ms.toFixed(1)],
        ['provenance query (commit impact)', rate(queries.perSecond), queries.p99Ms.toFixed(1)],
      ],
    ),
  );
  console.log(`\nAPI resident memory: ${rssBefore.toFixed(0)} MiB before the first request, ${rssAfter.toFixed(0)} MiB after the last`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
