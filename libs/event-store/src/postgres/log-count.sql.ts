import { checkCountLimit, LogCount } from '../log-count';
import { LogPosition, partsOfLogPosition } from '../log-position';
import type { SqlQueryable } from './sql-connection';

/**
 * The log's events after a position, from the `events` table. A capped count walks the
 * log-order index from the position (the followers' lag, as it always was); the whole log
 * uncapped is a plain `count(*)` (the rebuild's total, as it always was), plus the first
 * event's time from the same index.
 */
export async function countLogIn(connection: SqlQueryable, after: LogPosition | null, limit: number): Promise<LogCount> {
  checkCountLimit(limit);
  if (after === null && limit === Number.POSITIVE_INFINITY) {
    const [{ total }] = await connection.query<{ total: string }>('SELECT count(*)::text AS total FROM events');
    if (Number(total) === 0) return { events: 0, oldestRecordedAt: null };
    const [first] = await connection.query<{ recorded_at: string }>('SELECT recorded_at::text FROM events ORDER BY transaction_id, position LIMIT 1');
    return { events: Number(total), oldestRecordedAt: first ? new Date(first.recorded_at) : null };
  }
  const { major, minor } = after ? partsOfLogPosition(after) : { major: 0n, minor: 0n };
  const [row] = await connection.query<{ events: number; oldest: string | null }>(
    `SELECT count(*)::int AS events, min(recorded_at)::text AS oldest FROM (
       SELECT recorded_at FROM events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, position LIMIT $3) AS waiting`,
    [major.toString(), minor.toString(), limit === Number.POSITIVE_INFINITY ? null : limit],
  );
  return { events: Number(row.events), oldestRecordedAt: row.oldest ? new Date(row.oldest) : null };
}
