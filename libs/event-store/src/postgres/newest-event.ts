import { LogPosition, logPositionOf } from '../log-position';
import type { SqlQueryable } from './sql-connection';

/**
 * The newest committed event, read without the open-transaction filter, so that an event a
 * long transaction still hides from readers is waited for rather than missed.
 */
export async function newestEventIn(connection: SqlQueryable): Promise<LogPosition | undefined> {
  const [row] = await connection.query<{ transaction_id: string; position: string }>(
    'SELECT transaction_id::text AS transaction_id, position::text AS position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1',
  );
  return row ? logPositionOf(BigInt(row.transaction_id), BigInt(row.position)) : undefined;
}
