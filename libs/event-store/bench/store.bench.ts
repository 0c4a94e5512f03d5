/**
 * npm run bench:store — the event log's throughput beside a raw baseline measured in the same run,
 * on the same connection, against an identical table (same columns, defaults and indexes).
 *
 *   single appends   C writers each appending one event at a time   vs  INSERT one row, autocommit
 *   batch appends    100 events per append                          vs  one 100-row INSERT
 *   catch-up read    subscribeToAll from the start to the end       vs  keyset-paged SELECT of the same rows
 *
 * EventStoreDB runs when EVENTSTORE_URL is set, against the raw client (eventstoredb.bench.ts).
 * PostgreSQL runs when DATABASE_URL is set; the embedded store (PGlite) always runs three ways:
 * in memory (`memory://`), on a directory as the service runs it (every commit fsynced before it
 * returns) and on a directory with PROVENANCE_EMBEDDED_SYNC=off. The raw baseline shares the
 * store's connection, so on the synced directory each raw INSERT is fsynced too: the ratio
 * compares like with like, and the synced and unsynced rows side by side are the cost of syncing.
 * Options (environment): BENCH_WRITERS (default 8), BENCH_SINGLE_EVENTS (4000), BENCH_BATCHES (200),
 * BENCH_DIR (where the directories are made; default the system's temporary directory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/postgres/migrations';
import { PgConnection } from '../src/postgres/pg-connection';
import { EmbeddedSync, PgliteConnection } from '../src/postgres/pglite-connection';
import type { SqlConnection } from '../src/postgres/sql-connection';
import { SqlEventStore } from '../src/postgres/sql-event-store';
import { benchEventStoreDb } from './eventstoredb.bench';
import { BATCH_SIZE, PAGE, createRawTable, inParallel, payload, rawBatchAppend, rawCatchUpRead, rawSingleAppend, timed } from './workloads';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE_EVENTS ?? 4000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);

interface Row {
  backend: string;
  workload: string;
  ours: number;
  raw: number;
  goal: number;
}

async function benchBackend(backend: string, connection: SqlConnection, schema: string): Promise<Row[]> {
  const progress = (text: string) => process.stdout.write(`  ${backend}: ${text}\n`);
  await migrate(connection, schema);
  await createRawTable(connection);
  const store = new SqlEventStore(connection, { schema });
  const rows: Row[] = [];

  progress(`single appends, ${WRITERS} writers, ${SINGLE_EVENTS} events each way`);
  const revisions = new Map<number, bigint>();
  const rawSingle = await timed(() =>
    inParallel(WRITERS, SINGLE_EVENTS, async (writer, n) => {
      const revision = revisions.get(writer) ?? 0n;
      revisions.set(writer, revision + 1n);
      await rawSingleAppend(connection, `single-${writer}`, revision, payload(n));
    }),
  );
  const oursSingle = await timed(() =>
    inParallel(WRITERS, SINGLE_EVENTS, async (writer, n) => {
      await store.appendToStream(`single-${writer}`, [payload(n)]);
    }),
  );
  rows.push({ backend, workload: `single appends, ${WRITERS} writers`, ours: oursSingle, raw: rawSingle, goal: 0.4 });

  progress(`batch appends, ${BATCHES} x ${BATCH_SIZE} events each way`);
  const rawBatch = await timed(async () => {
    for (let batch = 0; batch < BATCHES; batch++) {
      const events = Array.from({ length: BATCH_SIZE }, (_, n) => payload(n));
      await rawBatchAppend(connection, `batch-${batch % 10}`, BigInt(Math.floor(batch / 10) * BATCH_SIZE), events);
    }
    return BATCHES * BATCH_SIZE;
  });
  const oursBatch = await timed(async () => {
    for (let batch = 0; batch < BATCHES; batch++) {
      await store.appendToStream(`batch-${batch % 10}`, Array.from({ length: BATCH_SIZE }, (_, n) => payload(n)));
    }
    return BATCHES * BATCH_SIZE;
  });
  rows.push({ backend, workload: `batch appends, ${BATCH_SIZE} per append`, ours: oursBatch, raw: rawBatch, goal: 0.5 });

  const total = SINGLE_EVENTS + BATCHES * BATCH_SIZE;
  progress(`catch-up read of ${total} events each way`);
  const rawRead = await timed(() => rawCatchUpRead(connection));
  const oursRead = await timed(async () => {
    let read = 0;
    await new Promise<void>((resolve, reject) => {
      const subscription = store.subscribeToAll({
        batchSize: PAGE,
        onBatch: (events) => {
          read += events.length;
          if (read >= total) subscription.stop().then(resolve, reject);
        },
      });
      subscription.finished.catch(reject);
    });
    return read;
  });
  rows.push({ backend, workload: 'catch-up read', ours: oursRead, raw: rawRead, goal: 0.5 });
  return rows;
}

function printTable(rows: Row[]): void {
  const header = ['backend', 'workload', 'ours (events/s)', 'raw (events/s)', 'ratio', 'goal', ''];
  const body = rows.map((row) => {
    const ratio = row.ours / row.raw;
    return [
      row.backend,
      row.workload,
      Math.round(row.ours).toLocaleString('en'),
      Math.round(row.raw).toLocaleString('en'),
      ratio.toFixed(2),
      `>= ${row.goal}`,
      ratio >= row.goal ? 'met' : 'MISSED',
    ];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((line) => line[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ').trimEnd();
  console.log(['', line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...body.map(line)].join('\n'));
}

async function main(): Promise<void> {
  const schema = `bench_${process.pid}`;
  const rows: Row[] = [];
  const url = process.env.DATABASE_URL;
  if (url) {
    const connection = new PgConnection({ connectionString: url, schema, maxConnections: WRITERS });
    try {
      rows.push(...(await benchBackend('postgres', connection, schema)));
    } finally {
      await connection.query(`DROP SCHEMA ${schema} CASCADE`);
      await connection.close();
    }
  } else {
    console.log('  postgres: skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  }
  const eventStoreUrl = process.env.EVENTSTORE_URL;
  if (eventStoreUrl) {
    rows.push(...(await benchEventStoreDb(eventStoreUrl, { writers: WRITERS, singleEvents: SINGLE_EVENTS, batches: BATCHES, batchSize: BATCH_SIZE, page: PAGE, payload, timed, inParallel })));
  } else {
    console.log('  eventstoredb: skipped (set EVENTSTORE_URL, e.g. esdb://127.0.0.1:2113?tls=false; see README.md, "EventStoreDB")');
  }
  const parent = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'provenance-bench-'));
  try {
    const embedded: Array<[string, { dataDir: string; sync?: EmbeddedSync }]> = [
      ['embedded, memory', { dataDir: 'memory://' }],
      ['embedded, disk, synced', { dataDir: join(parent, 'synced') }],
      ['embedded, disk, sync off', { dataDir: join(parent, 'unsynced'), sync: 'off' }],
    ];
    for (const [backend, options] of embedded) {
      const connection = await PgliteConnection.open({ ...options, schema });
      try {
        rows.push(...(await benchBackend(backend, connection, schema)));
      } finally {
        await connection.close();
      }
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
  printTable(rows);
  printCostOfSyncing(rows);
}

/** The synced directory's single-append rates beside the unsynced one's: what durability costs. */
function printCostOfSyncing(rows: Row[]): void {
  const single = (backend: string) => rows.find((row) => row.backend === backend && row.workload.startsWith('single'));
  const [synced, unsynced] = [single('embedded, disk, synced'), single('embedded, disk, sync off')];
  if (!synced || !unsynced) return;
  const rate = (value: number) => Math.round(value).toLocaleString('en');
  console.log(
    `\nsingle appends on disk, synced vs sync off: ours ${rate(synced.ours)} vs ${rate(unsynced.ours)} events/s ` +
      `(${(synced.ours / unsynced.ours).toFixed(2)}x), raw INSERT ${rate(synced.raw)} vs ${rate(unsynced.raw)} rows/s ` +
      `(${(synced.raw / unsynced.raw).toFixed(2)}x)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
