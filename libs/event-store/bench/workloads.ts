/**
 * The workloads bench:store and bench:peers share: one payload, one clock, one way to run writers
 * side by side, and the raw-SQL baseline (INSERTs into a copy of the events table, keyset-paged
 * SELECTs of the log) that every store is measured against.
 */
import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../src/event';
import type { SqlConnection } from '../src/postgres/sql-connection';

export const BATCH_SIZE = 100;
export const PAGE = 500;

/** A package build as a pipeline agent records it: about 250 bytes of data and metadata. */
export function payload(n: number): EventToAppend {
  return {
    id: randomUUID(),
    type: 'PackageBuildRecorded',
    data: { package: 'katcomp', version: `0.1.${n}`, outcome: 'passed', artifact: { sha256: 'ab'.repeat(32) } },
    metadata: { actor: 'bench', correlationId: randomUUID() },
  };
}

/** Events per second of `work`, which returns how many events it handled. */
export async function timed(work: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const events = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return events / seconds;
}

/** `writers` loops taking the next of `total` numbers until none is left; returns `total`. */
export async function inParallel(writers: number, total: number, write: (writer: number, n: number) => Promise<void>): Promise<number> {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (next < total) await write(writer, next++);
    }),
  );
  return total;
}

const RAW_INSERT_COLUMNS = '(stream_id, revision, event_id, type, data, metadata)';

/** The baseline's table: the events table's columns, defaults and indexes, nothing else. */
export async function createRawTable(connection: SqlConnection): Promise<void> {
  await connection.query('CREATE TABLE raw_events (LIKE events INCLUDING ALL)');
}

/** One event, one autocommit INSERT, at a revision the writer counts itself. */
export async function rawSingleAppend(connection: SqlConnection, streamId: string, revision: bigint, event: EventToAppend): Promise<void> {
  await connection.query(`INSERT INTO raw_events ${RAW_INSERT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6)`, [
    streamId, revision.toString(), event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata),
  ]);
}

/** A batch as one multi-row INSERT, revisions from `first` on. */
export async function rawBatchAppend(connection: SqlConnection, streamId: string, first: bigint, events: EventToAppend[]): Promise<void> {
  const values = events.map((_, n) => `($${n * 6 + 1}, $${n * 6 + 2}, $${n * 6 + 3}, $${n * 6 + 4}, $${n * 6 + 5}, $${n * 6 + 6})`);
  const params = events.flatMap((event, n) => [
    streamId, (first + BigInt(n)).toString(), event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata),
  ]);
  await connection.query(`INSERT INTO raw_events ${RAW_INSERT_COLUMNS} VALUES ${values.join(', ')}`, params);
}

/** The log's rows in log order, `PAGE` at a time by keyset, with no visibility rule: what a store's read is measured against. */
export async function rawCatchUpRead(connection: SqlConnection): Promise<number> {
  let after = { transactionId: '0', position: '0' };
  let read = 0;
  for (;;) {
    const page = await connection.query<{ transaction_id: string; position: string }>(
      `SELECT * FROM events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, position LIMIT $3`,
      [after.transactionId, after.position, PAGE],
    );
    if (page.length === 0) return read;
    read += page.length;
    const last = page[page.length - 1];
    after = { transactionId: String(last.transaction_id), position: String(last.position) };
  }
}
