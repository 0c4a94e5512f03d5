/**
 * npm run bench:queries — seeds a synthetic history of about a million events (BENCH_SCALE=1),
 * then measures, in one run:
 *   - a raw keyset-paged read of the whole log, and the projection rebuild over the same log (events/s, ratio);
 *   - p50/p99 latency of the provenance, impact and diff queries, called on the read model.
 * PostgreSQL when DATABASE_URL is set (a fresh schema, dropped afterwards); otherwise embedded.
 * Options (environment): BENCH_SCALE (default 1), BENCH_QUERIES (runs per query, default 300).
 */
import { randomUUID } from 'node:crypto';
import { openEmbeddedEventStore, openPostgresEventStore, SqlConnection, SqlEventStore } from '@provenance/event-store';
import { diffOf, impactOf, ProjectionRunner, provenanceFactsProjection, ProvenanceQueries } from '@provenance/projections';
import { followerContextOf } from '@provenance/followers';
import { commitSha, environmentName, imageDigest, repositoryOf, shapeAt, SeedStream, syntheticHistory } from './synthetic-history';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_QUERIES ?? 300);
const FLUSH_ROWS = 2_000;

function progress(label: string, done: number, total: number): void {
  const share = Math.min(done / total, 1);
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
  process.stderr.write(`\r  ${label.padEnd(10)} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')} events`);
  if (done >= total) process.stderr.write('\n');
}

async function seed(connection: SqlConnection, streams: Iterable<SeedStream>, expected: number): Promise<number> {
  const revisions = new Map<string, number>();
  let rows: unknown[][] = [];
  let written = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    const values = batch.map((_, n) => `($${n * 5 + 1}, $${n * 5 + 2}, $${n * 5 + 3}, $${n * 5 + 4}, $${n * 5 + 5}::jsonb, '{"actor":"bench"}'::jsonb)`);
    const last = new Map(batch.map((row) => [row[0] as string, row[1] as number]));
    await connection.transaction(async (tx) => {
      await tx.query(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ${values.join(', ')}`, batch.flat());
      const streams = [...last];
      await tx.query(
        `INSERT INTO streams (stream_id, revision) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision`,
        [streams.map(([id]) => id), streams.map(([, revision]) => revision)],
      );
    });
    written += batch.length;
    progress('seeding', written, expected);
  };
  for (const stream of streams) {
    for (const event of stream.events) {
      const revision = revisions.get(stream.streamId) ?? 0;
      // Only streams that get events more than once need remembering (environments).
      if (stream.streamId.startsWith('environment-') || stream.events.length > 1) revisions.set(stream.streamId, revision + 1);
      rows.push([stream.streamId, revision, randomUUID(), event.type, JSON.stringify(event.data)]);
    }
    if (!stream.streamId.startsWith('environment-')) revisions.delete(stream.streamId);
    if (rows.length >= FLUSH_ROWS) await flush();
  }
  await flush();
  return written;
}

async function rawRead(connection: SqlConnection, total: number): Promise<number> {
  let after = { transactionId: '0', position: '0' };
  let read = 0;
  for (;;) {
    const page = await connection.query<{ transaction_id: string; position: string }>(
      `SELECT * FROM events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint) ORDER BY transaction_id, position LIMIT 2000`,
      [after.transactionId, after.position],
    );
    if (page.length === 0) return read;
    read += page.length;
    if (read % 50_000 < 2000) progress('raw read', read, total);
    const last = page[page.length - 1];
    after = { transactionId: String(last.transaction_id), position: String(last.position) };
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latencies(label: string, run: (n: number) => Promise<unknown>): Promise<{ label: string; p50: number; p99: number }> {
  for (let n = 0; n < 10; n++) await run(n); // warm-up
  const samples: number[] = [];
  for (let n = 0; n < RUNS; n++) samples.push((await timed(() => run(n))).ms);
  return { label, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  const shape = shapeAt(SCALE);
  const schema = `bench_queries_${process.pid}`;
  const url = process.env.DATABASE_URL;
  const store: SqlEventStore = url
    ? await openPostgresEventStore({ connectionString: url, schema, maxConnections: 4 })
    : await openEmbeddedEventStore({ dataDir: 'memory://', schema });
  const backend = url ? 'postgres' : 'embedded';
  const db = store.sqlConnection;
  let random = 42;
  const next = (below: number) => {
    random = (random * 48271) % 2147483647;
    return random % below;
  };
  try {
    let expected = 0;
    for (const stream of syntheticHistory(shape)) expected += stream.events.length;
    console.log(`release-provenance query benchmark on ${backend}: ${expected.toLocaleString('en')} events (scale ${SCALE})`);
    const seeded = await seed(db, syntheticHistory(shape), expected);

    const raw = await timed(() => rawRead(db, seeded));
    progress('raw read', seeded, seeded);
    const runner = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection]);
    const rebuild = await timed(() => runner.rebuild('provenance-facts', (applied) => applied % 50_000 < 2000 && progress('rebuild', applied, seeded)));
    progress('rebuild', seeded, seeded);
    await runner.stop();
    await db.query('ANALYZE');

    const queries = new ProvenanceQueries(db);
    const results = [
      await latencies('provenance (environment, now)', (n) => queries.provenance(environmentName(n % shape.environments))),
      await latencies('provenance (environment, at a past time)', (n) =>
        queries.provenance(environmentName(n % shape.environments), { at: new Date(Date.UTC(2025, 0, 1) + (shape.commitsPerRepository * 10 + next(shape.deployments * 2)) * 60_000).toISOString() }),
      ),
      await latencies('impact (repository, sha)', () => {
        const r = next(shape.repositories);
        return impactOf(db, repositoryOf(r), commitSha(r, next(shape.commitsPerRepository)));
      }),
      await latencies('diff (two images)', () => {
        const k = next(shape.images - 3);
        return diffOf(db, imageDigest(k), imageDigest(k + 1 + next(2)));
      }),
    ];

    const rawRate = seeded / (raw.ms / 1000);
    const rebuildRate = rebuild.result / (rebuild.ms / 1000);
    console.log(`\nbackend ${backend}, ${seeded.toLocaleString('en')} events, ${RUNS} runs per query\n`);
    console.log('read or query                              | p50 ms | p99 ms | goal          |');
    console.log('-------------------------------------------|--------|--------|---------------|------');
    for (const r of results) {
      const goal = r.label.startsWith('diff') ? '(none)' : 'p99 < 50 ms';
      const verdict = goal === '(none)' ? '' : r.p99 < 50 ? 'met' : 'MISSED';
      console.log(`${r.label.padEnd(42)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${goal.padEnd(13)} | ${verdict}`);
    }
    console.log('\nlog read                                   | events/s   | ratio | goal    |');
    console.log('-------------------------------------------|------------|-------|---------|------');
    console.log(`${'raw keyset-paged SELECT'.padEnd(42)} | ${Math.round(rawRate).toLocaleString('en').padStart(10)} |       |         |`);
    const ratio = rebuildRate / rawRate;
    console.log(`${'projection rebuild (provenance-facts)'.padEnd(42)} | ${Math.round(rebuildRate).toLocaleString('en').padStart(10)} | ${ratio.toFixed(2).padStart(5)} | >= 0.25 | ${ratio >= 0.25 ? 'met' : 'MISSED'}`);
  } finally {
    if (url) await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
