/**
 * npm run bench:log — the tamper-evident log's goals, each beside a raw baseline measured in the
 * same run, on the same connection:
 *
 *   notarisation   the log-notary follower adding BENCH_EVENTS events to the tree   vs  a paged readAll of the same log (goal >= 0.5)
 *   log verify     the CLI's audit (leaf hashes recomputed from the events, the tree rebuilt,
 *                  every checkpoint checked) over those events                      vs  SHA-256 over the same leaf bytes (goal >= 0.3)
 *   proofs         inclusion and consistency p99 at BENCH_LEAVES leaves (TreeQueries, as HTTP
 *                  serves them)                                                     vs  one indexed row lookup, p99 (goal <= 3x)
 *
 * Beside log verify it also prints two floors: how fast the leaves and their events are read with
 * nothing hashed, and how fast the leaves and their tree are computed from events in memory with
 * nothing read or written. Verify must do both and notarisation the second after a read, so these
 * bound what either ratio can reach on one thread.
 * To reach BENCH_LEAVES quickly the tree is filled past the real events with synthetic leaf
 * hashes through the notary's own append code (TreeFrontier + appendToTree), not through the API.
 * PostgreSQL when DATABASE_URL is set (a fresh schema, dropped afterwards); otherwise embedded in memory.
 * Options (environment): BENCH_EVENTS (default 50,000), BENCH_LEAVES (default 1,000,000),
 * BENCH_QUERIES (runs per latency, default 1,000).
 */
import { createHash, randomUUID } from 'node:crypto';
import { openEmbeddedEventStore, openPostgresEventStore, RecordedEvent, SqlEventStore } from '@provenance/event-store';
import { followerContextOf } from '@provenance/followers';
import { appendToTree, LeafRow, LogSigner, nodeReaderOf, Notary, TreeQueries, treeSizeOf } from '@provenance/notary';
import { newSigningKey } from '@provenance/signing';
import { percentile, timed } from '@provenance/testing';
import { leafBytesOf, leafHash, NewNode, TreeFrontier } from '@provenance/transparency';
import { auditLog } from '../src/log/log-audit';
import { sqlTreeSource } from '../src/log/tree-source';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const LEAVES = Number(process.env.BENCH_LEAVES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_QUERIES ?? 1_000);
const BATCH = 500;
const FILL_BATCH = 5_000;

const say = (text: string) => process.stdout.write(`  ${text}\n`);

async function p99(run: (n: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let n = 0; n < 20; n++) await run(n); // warm-up
  const samples: number[] = [];
  for (let n = 0; n < RUNS; n++) samples.push((await timed(() => run(n))).seconds * 1000);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

let random = 42;
const next = (below: number) => {
  random = (random * 48271) % 2147483647;
  return random % below;
};

async function seedEvents(store: SqlEventStore): Promise<void> {
  for (let done = 0; done < EVENTS; done += BATCH) {
    const count = Math.min(BATCH, EVENTS - done);
    await store.appendToStream(
      `bench-${done / BATCH}`,
      Array.from({ length: count }, (_, n) => ({
        id: randomUUID(),
        type: 'PackageBuildRecorded',
        data: { package: 'katcomp', version: `0.1.${done + n}`, outcome: 'passed', artifact: { sha256: 'ab'.repeat(32) } },
        metadata: { actor: 'bench' },
      })),
    );
    if ((done / BATCH) % 20 === 0) say(`seeded ${(done + count).toLocaleString('en')} / ${EVENTS.toLocaleString('en')} events`);
  }
}

async function rawReadAll(store: SqlEventStore): Promise<number> {
  let read = 0;
  let after;
  for (;;) {
    const page = await store.readAll({ after, limit: BATCH });
    if (page.length === 0) return read;
    read += page.length;
    after = page[page.length - 1].position;
  }
}

async function notarise(store: SqlEventStore, signer: LogSigner): Promise<number> {
  const notary = new Notary(store, followerContextOf(store, { log: { log: () => undefined, error: (message: string) => console.error(message) } }), {
    signer,
    intervalMs: 1_000,
    batchSize: BATCH,
  });
  await notary.start();
  try {
    for (;;) {
      const size = await treeSizeOf(store.sqlConnection);
      if (size >= EVENTS) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await notary.signNow();
  } finally {
    await notary.stop();
  }
  return EVENTS;
}

/** The notary's computation alone: leaf bytes, leaf hashes and the completed subtrees, in memory. */
function treeOf(events: RecordedEvent[]): number {
  const frontier = TreeFrontier.empty();
  for (const event of events) frontier.append(leafHash(leafBytesOf(event)));
  return frontier.size;
}

async function readLeaves(source: ReturnType<typeof sqlTreeSource>, size: number): Promise<number> {
  let read = 0;
  for (let start = 0; start < size; start += 1_000) read += (await source.leaves(start, Math.min(start + 1_000, size))).length;
  return read;
}

/** Synthetic leaves after the real ones, appended as the notary appends: the frontier read back, then leaves and completed nodes in one statement. */
async function fillTo(store: SqlEventStore, target: number): Promise<void> {
  const db = store.sqlConnection;
  let size = await treeSizeOf(db);
  const frontier = TreeFrontier.of(size, await nodeReaderOf(db)(TreeFrontier.nodesOf(size)));
  let reported = 0;
  while (size < target) {
    const leaves: (LeafRow & { hash: Buffer })[] = [];
    const nodes: NewNode[] = [];
    for (let n = 0; n < FILL_BATCH && size < target; n++, size++) {
      const hash = createHash('sha256').update(`synthetic leaf ${size}`).digest();
      leaves.push({ leafIndex: size, streamId: 'bench-synthetic', revision: String(size), eventId: randomUUID(), hash });
      nodes.push(...frontier.append(hash).filter((node) => node.level > 0));
    }
    await appendToTree(db, leaves, nodes);
    if (size - reported >= 100_000 || size >= target) {
      reported = size;
      say(`tree filled to ${size.toLocaleString('en')} / ${target.toLocaleString('en')} leaves`);
    }
  }
}

async function main(): Promise<void> {
  const schema = `bench_log_${process.pid}`;
  const url = process.env.DATABASE_URL;
  const store: SqlEventStore = url
    ? await openPostgresEventStore({ connectionString: url, schema, maxConnections: 4 })
    : await openEmbeddedEventStore({ dataDir: 'memory://', schema });
  const backend = url ? 'postgres' : 'embedded (memory://)';
  const db = store.sqlConnection;
  const signer = new LogSigner('bench.example/log', newSigningKey().key);
  const rows: { workload: string; ours: string; raw: string; ratio: number; goal: string; met: boolean }[] = [];
  try {
    console.log(`release-provenance log benchmark on ${backend}: ${EVENTS.toLocaleString('en')} events, proofs at ${Math.max(LEAVES, EVENTS).toLocaleString('en')} leaves`);
    await seedEvents(store);

    say(`raw paged readAll of ${EVENTS.toLocaleString('en')} events (pages of ${BATCH})`);
    const raw = await timed(() => rawReadAll(store));
    say(`notarising ${EVENTS.toLocaleString('en')} events (log-notary follower, batches of ${BATCH})`);
    const ours = await timed(() => notarise(store, signer));
    const rawRate = raw.result / raw.seconds;
    const oursRate = ours.result / ours.seconds;
    rows.push({ workload: 'notarisation (events/s)', ours: oursRate.toFixed(0), raw: `${rawRate.toFixed(0)} (readAll)`, ratio: oursRate / rawRate, goal: '>= 0.5', met: oursRate / rawRate >= 0.5 });

    say(`log verify over ${EVENTS.toLocaleString('en')} leaves (the CLI's audit, on the store's connection)`);
    const verify = await timed(() => auditLog(sqlTreeSource(db, 'bench'), signer.verifier));
    if (verify.result.findings.length > 0) throw new Error(`log verify found problems: ${verify.result.findings.map((one) => one.message).join('; ')}`);
    const events = await store.readAll();
    const bytes = events.map((event) => leafBytesOf(event));
    const hashing = await timed(() => {
      for (const leaf of bytes) createHash('sha256').update(Buffer.from([0])).update(leaf).digest();
      return Promise.resolve(bytes.length);
    });
    const verifyRate = verify.result.leaves / verify.seconds;
    const hashRate = hashing.result / hashing.seconds;
    rows.push({ workload: 'log verify (leaves/s)', ours: verifyRate.toFixed(0), raw: `${hashRate.toFixed(0)} (SHA-256 of the leaves)`, ratio: verifyRate / hashRate, goal: '>= 0.3', met: verifyRate / hashRate >= 0.3 });
    // What verify cannot do without: reading each leaf beside its event's row, nothing hashed.
    const reading = await timed(() => readLeaves(sqlTreeSource(db, 'bench'), EVENTS));
    const readRate = reading.result / reading.seconds;
    say(`reading the ${EVENTS.toLocaleString('en')} leaves with their events alone (no hashing): ${readRate.toFixed(0)} leaves/s, ${(readRate / hashRate).toFixed(2)} of SHA-256's rate: as far as log verify's ratio can go on this database`);
    // What both must compute whatever the storage: each leaf's canonical JSON, its hash and the
    // subtrees it completes, from events already in memory, nothing read or written.
    const computing = await timed(() => Promise.resolve(treeOf(events)));
    const computeRate = computing.result / computing.seconds;
    say(
      `computing the ${EVENTS.toLocaleString('en')} leaves and their tree from events in memory (canonical JSON, leaf and node hashes; nothing read or written): ` +
        `${computeRate.toFixed(0)} leaves/s, ${(computeRate / hashRate).toFixed(2)} of SHA-256's rate; with the raw read before it ${(1 / (1 / rawRate + 1 / computeRate) / rawRate).toFixed(2)} of the raw read's rate: ` +
        'the most log verify and notarisation can reach on one thread',
    );

    say(`filling the tree with synthetic leaf hashes through the notary's append code (not events through the API)`);
    await fillTo(store, LEAVES);
    await db.query('ANALYZE');
    const size = await treeSizeOf(db);
    const queries = new TreeQueries(db, signer);
    say(`latencies at ${size.toLocaleString('en')} leaves, ${RUNS} runs each`);
    const lookup = await p99(() => db.query('SELECT leaf_hash FROM tree_leaves WHERE leaf_index = $1', [String(next(size))]));
    const inclusion = await p99(() => queries.inclusion(next(size), size));
    const consistency = await p99(() => queries.consistency(1 + next(size - 1), size));
    for (const [label, latency] of [['inclusion proof p99 (ms)', inclusion], ['consistency proof p99 (ms)', consistency]] as const) {
      const ratio = latency.p99 / lookup.p99;
      rows.push({ workload: label, ours: latency.p99.toFixed(2), raw: `${lookup.p99.toFixed(2)} (row lookup)`, ratio, goal: '<= 3', met: ratio <= 3 });
    }
    say(`p50: row lookup ${lookup.p50.toFixed(2)} ms, inclusion ${inclusion.p50.toFixed(2)} ms, consistency ${consistency.p50.toFixed(2)} ms`);

    console.log(`\n${'workload'.padEnd(28)} ${'ours'.padStart(10)}  ${'raw baseline'.padEnd(34)} ${'ratio'.padStart(7)}  goal`);
    for (const row of rows) {
      console.log(`${row.workload.padEnd(28)} ${row.ours.padStart(10)}  ${row.raw.padEnd(34)} ${row.ratio.toFixed(2).padStart(7)}  ${row.goal} ${row.met ? 'met' : 'MISSED'}`);
    }
    if (size > EVENTS) console.log(`(leaves ${EVENTS.toLocaleString('en')}..${(size - 1).toLocaleString('en')} are synthetic hashes appended with the notary's tree code)`);
  } finally {
    if (url) await db.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
