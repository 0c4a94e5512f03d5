/**
 * npm run bench:peers — our PostgreSQL store beside emmett's (`@event-driven-io/emmett-postgresql`,
 * the TypeScript event store we hold up as the model) and beside raw SQL, on one fresh database,
 * in one run, with bench:store's workloads and payloads:
 *
 *   single appends   W writers, each appending one event at a time to a stream of its own
 *   batch appends    100 events per append, round-robin over 10 streams, one writer
 *   catch-up read    the whole global log from its start, 500 events a page
 *
 * Each round runs every workload once per contender, the order rotated each round (ours, emmett,
 * raw; then emmett, raw, ours; ...). Each store is used as its command path uses it: the first
 * append to a stream expects no stream, every later one the revision the last append returned.
 * The raw baseline is bench:store's: autocommit INSERTs into a copy of our events table, and a
 * keyset-paged SELECT of our log. Medians of the rounds are printed, ratios are the median of the
 * per-round ratios, and the goals of issue 18 beside them with "met" or "MISSED".
 *
 * emmett's read is checked as it runs: how many events it delivered and how many distinct ids
 * among them, against how many were appended.
 *
 * Needs DATABASE_URL (an admin connection: a database `<its name>_peers_<pid>` is created for the
 * run and dropped afterwards; emmett keeps its tables in `public`, ours go in schema `ours`).
 * Options (environment): BENCH_ROUNDS (default 5: the per-round ratios spread widely on 2 cores), BENCH_WRITERS (8), BENCH_SINGLE_EVENTS (4000),
 * BENCH_BATCHES (200).
 */
import { formatTable, median, rate, verdict } from '@provenance/testing';
import { Client } from 'pg';
import { cpus } from 'node:os';
import { migrate } from '../src/postgres/migrations';
import { PgConnection } from '../src/postgres/pg-connection';
import { SqlEventStore } from '../src/postgres/sql-event-store';
import { EmmettPeer } from './emmett-peer-client';
import { whatDiffers } from './peers-differences';
import { BATCH_SIZE, PAGE, createRawTable, inParallel, payload, rawBatchAppend, rawCatchUpRead, rawSingleAppend, timed } from './workloads';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE_EVENTS ?? 4000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const SCHEMA = 'ours';

type Contender = 'ours' | 'emmett' | 'raw';
type Workload = 'single' | 'batch' | 'read';
const CONTENDERS: Contender[] = ['ours', 'emmett', 'raw'];
const WORKLOADS: Record<Workload, string> = {
  single: `single appends, ${WRITERS} writers`,
  batch: `batch appends, ${BATCH_SIZE} per append`,
  read: 'catch-up read of the log',
};

/** Issue 18's goals: ours against raw and against emmett, per workload. */
const GOALS: { workload: Workload; against: Exclude<Contender, 'ours'>; atLeast: number }[] = [
  { workload: 'single', against: 'raw', atLeast: 0.7 },
  { workload: 'single', against: 'emmett', atLeast: 1.5 },
  { workload: 'batch', against: 'raw', atLeast: 0.85 },
  { workload: 'batch', against: 'emmett', atLeast: 1.3 },
  { workload: 'read', against: 'raw', atLeast: 0.9 },
];

interface ReadCheck {
  round: number;
  appended: number;
  delivered: number;
  distinct: number;
}

const say = (text: string) => process.stdout.write(`  ${text}\n`);

class Contenders {
  readonly rates = new Map<string, number[]>();
  readonly readChecks: Record<'ours' | 'emmett', ReadCheck[]> = { ours: [], emmett: [] };

  constructor(
    private readonly store: SqlEventStore,
    private readonly connection: PgConnection,
    private readonly emmett: EmmettPeer,
  ) {}

  async run(round: number): Promise<void> {
    const order = CONTENDERS.map((_, n) => CONTENDERS[(n + round) % CONTENDERS.length]);
    const appended = (round + 1) * (SINGLE_EVENTS + BATCHES * BATCH_SIZE);
    for (const workload of Object.keys(WORKLOADS) as Workload[]) {
      say(`round ${round + 1}/${ROUNDS}: ${WORKLOADS[workload]}${workload === 'read' ? ` (${appended} events each)` : ''}, ${order.join(' / ')}`);
      for (const contender of order) this.record(workload, contender, await this.measure(workload, contender, round, appended));
    }
  }

  private record(workload: Workload, contender: Contender, perSecond: number): void {
    const key = `${workload}/${contender}`;
    this.rates.set(key, [...(this.rates.get(key) ?? []), perSecond]);
  }

  private async measure(workload: Workload, contender: Contender, round: number, appended: number): Promise<number> {
    if (contender === 'emmett') {
      const request = workload === 'single' ? { kind: workload, round, writers: WRITERS, events: SINGLE_EVENTS } : workload === 'batch' ? { kind: workload, round, batches: BATCHES } : { kind: workload };
      const answer = await this.emmett.ask(request);
      if (workload === 'read') this.readChecks.emmett.push({ round, appended, delivered: answer.delivered ?? 0, distinct: answer.distinct ?? 0 });
      return answer.perSecond;
    }
    if (workload === 'single') return contender === 'ours' ? this.oursSingle(round) : this.rawSingle(round);
    if (workload === 'batch') return contender === 'ours' ? this.oursBatch(round) : this.rawBatch(round);
    return contender === 'ours' ? this.oursRead(round, appended) : timed(() => rawCatchUpRead(this.connection));
  }

  private oursSingle(round: number): Promise<number> {
    const revisions = new Map<number, bigint>();
    return timed(() =>
      inParallel(WRITERS, SINGLE_EVENTS, async (writer, n) => {
        const result = await this.store.appendToStream(`single-${round}-${writer}`, [payload(n)], { expectedRevision: revisions.get(writer) ?? 'no-stream' });
        revisions.set(writer, result.revision);
      }),
    );
  }

  private rawSingle(round: number): Promise<number> {
    const next = new Map<number, bigint>();
    return timed(() =>
      inParallel(WRITERS, SINGLE_EVENTS, async (writer, n) => {
        const revision = next.get(writer) ?? 0n;
        next.set(writer, revision + 1n);
        await rawSingleAppend(this.connection, `single-${round}-${writer}`, revision, payload(n));
      }),
    );
  }

  private oursBatch(round: number): Promise<number> {
    const revisions = new Map<string, bigint>();
    return timed(async () => {
      for (let n = 0; n < BATCHES; n++) {
        const streamId = `batch-${round}-${n % 10}`;
        const events = Array.from({ length: BATCH_SIZE }, (_, k) => payload(k));
        const result = await this.store.appendToStream(streamId, events, { expectedRevision: revisions.get(streamId) ?? 'no-stream' });
        revisions.set(streamId, result.revision);
      }
      return BATCHES * BATCH_SIZE;
    });
  }

  private rawBatch(round: number): Promise<number> {
    return timed(async () => {
      for (let n = 0; n < BATCHES; n++) {
        const events = Array.from({ length: BATCH_SIZE }, (_, k) => payload(k));
        await rawBatchAppend(this.connection, `batch-${round}-${n % 10}`, BigInt(Math.floor(n / 10) * BATCH_SIZE), events);
      }
      return BATCHES * BATCH_SIZE;
    });
  }

  private async oursRead(round: number, appended: number): Promise<number> {
    // The ids are kept in a plain array and counted after the clock stops: the raw read checks
    // nothing, and hashing them into a Set (or keeping whole events) inside the timing cost ours
    // 15-25% of its rate in a probe.
    const ids: string[] = [];
    let delivered = 0;
    const perSecond = await timed(async () => {
      await new Promise<void>((resolve, reject) => {
        const subscription = this.store.subscribeToAll({
          batchSize: PAGE,
          onBatch: (events) => {
            delivered += events.length;
            for (const event of events) ids.push(event.id);
            if (delivered >= appended) subscription.stop().then(resolve, reject);
          },
        });
        subscription.finished.catch(reject);
      });
      return delivered;
    });
    this.readChecks.ours.push({ round, appended, delivered, distinct: new Set(ids).size });
    return perSecond;
  }
}

function report(contenders: Contenders, serverVersion: string): void {
  const rates = (workload: Workload, contender: Contender) => contenders.rates.get(`${workload}/${contender}`) ?? [];
  const cell = (values: number[]) => `${rate(median(values))} (${rate(Math.min(...values))}-${rate(Math.max(...values))})`;
  const ratio = (workload: Workload, of: Contender, to: Contender) => median(rates(workload, of).map((value, round) => value / rates(workload, to)[round]));
  const workloads = Object.keys(WORKLOADS) as Workload[];

  console.log(`\nbench:peers — ${ROUNDS} rounds, events/s as median (min-max); ratios are medians of the per-round ratios`);
  console.log(`machine: ${cpus().length} cores, Node ${process.versions.node}, PostgreSQL ${serverVersion}; emmett-postgresql 0.42.0\n`);
  console.log(
    formatTable(
      ['workload', 'ours', 'emmett', 'raw SQL', 'ours/emmett', 'ours/raw', 'emmett/raw'],
      workloads.map((workload) => [
        WORKLOADS[workload],
        ...CONTENDERS.map((contender) => cell(rates(workload, contender))),
        `${ratio(workload, 'ours', 'emmett').toFixed(2)}x`,
        ratio(workload, 'ours', 'raw').toFixed(2),
        ratio(workload, 'emmett', 'raw').toFixed(2),
      ]),
    ),
  );
  console.log('\ngoals (issue 18)\n');
  console.log(
    formatTable(
      ['workload', 'goal', 'measured', ''],
      GOALS.map(({ workload, against, atLeast }) => {
        const measured = ratio(workload, 'ours', against);
        return [WORKLOADS[workload], `ours/${against} >= ${atLeast}`, measured.toFixed(2), verdict(measured, atLeast)];
      }),
    ),
  );
  console.log('\nwhat each catch-up read delivered (appended / delivered / distinct ids), per round');
  for (const name of ['ours', 'emmett'] as const) {
    const checks = contenders.readChecks[name].map((check) => {
      const repeated = check.delivered - check.distinct;
      const missing = check.appended - check.distinct;
      return `${check.appended} / ${check.delivered} / ${check.distinct}${repeated || missing ? ` (${repeated} repeated, ${missing} never delivered)` : ''}`;
    });
    console.log(`  ${name.padEnd(6)} ${checks.join('; ')}`);
  }
  console.log(`\nwhat differs\n${whatDiffers.map((line) => `  - ${line}`).join('\n')}`);
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error('bench:peers needs PostgreSQL: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
    process.exit(2);
  }
  const url = new URL(adminUrl);
  const database = `${url.pathname.slice(1) || 'postgres'}_peers_${process.pid}`;
  url.pathname = `/${database}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const serverVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await admin.query(`CREATE DATABASE "${database}"`);
  say(`database ${database}: ours in schema "${SCHEMA}", emmett in "public"`);
  const connection = new PgConnection({ connectionString: url.toString(), schema: SCHEMA, maxConnections: WRITERS });
  const emmett = new EmmettPeer(url.toString());
  try {
    await migrate(connection, SCHEMA);
    await createRawTable(connection);
    const contenders = new Contenders(new SqlEventStore(connection, { schema: SCHEMA }), connection, emmett);
    for (let round = 0; round < ROUNDS; round++) await contenders.run(round);
    report(contenders, serverVersion);
  } finally {
    await emmett.close();
    await connection.close();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
