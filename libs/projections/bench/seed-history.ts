import { randomUUID } from 'node:crypto';
import type { SqlConnection } from '@provenance/event-store';
import type { SeedStream } from './synthetic-history';

/* The bench's history written straight into the log's tables (the bench measures reads, not appends), and a raw read of it. */

const FLUSH_ROWS = 2_000;

export function progress(label: string, done: number, total: number): void {
  const share = Math.min(done / total, 1);
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
  process.stderr.write(`\r  ${label.padEnd(10)} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')} events`);
  if (done >= total) process.stderr.write('\n');
}

export async function seed(connection: SqlConnection, streams: Iterable<SeedStream>, expected: number): Promise<number> {
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

export async function rawRead(connection: SqlConnection, total: number): Promise<number> {
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

