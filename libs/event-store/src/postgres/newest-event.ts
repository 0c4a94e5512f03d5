import { LogPosition, logPositionOf } from '../log-position';
import type { SqlQueryable } from './sql-connection';

/** ORDER BY names the table's columns: the bare names would pick the text aliases ("99" > "100") and sort the whole table. */
export const NEWEST_EVENT_SQL =
  'SELECT transaction_id::text AS transaction_id, position::text AS position FROM events ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1';

/**
 * The newest committed event, read without the open-transaction filter, so that an event a
 * long transaction still hides from readers is waited for rather than missed.
 */
export async function newestEventIn(connection: SqlQueryable): Promise<LogPosition | undefined> {
  const [row] = await connection.query<{ transaction_id: string; position: string }>(NEWEST_EVENT_SQL);
  return row ? logPositionOf(BigInt(row.transaction_id), BigInt(row.position)) : undefined;
}
