import type { CheckpointStore } from '../checkpointed-follower';
import { LogPosition, logPositionOf } from '../log-position';
import type { SqlConnection } from './sql-connection';

const SCHEMA = `CREATE TABLE IF NOT EXISTS log_checkpoints (
  name text PRIMARY KEY, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;

/** Checkpoints in a table beside the log, in the same database; a checkpoint only moves forwards. */
export class SqlCheckpoints implements CheckpointStore {
  private created?: Promise<unknown>;

  constructor(private readonly connection: SqlConnection) {}

  async read(name: string): Promise<LogPosition | undefined> {
    await this.ensureTable();
    const [row] = await this.connection.query<{ position: string }>('SELECT position FROM log_checkpoints WHERE name = $1', [name]);
    return row?.position as LogPosition | undefined;
  }

  async write(name: string, position: LogPosition): Promise<void> {
    await this.connection.query(
      `INSERT INTO log_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
       WHERE log_checkpoints.position COLLATE "C" < EXCLUDED.position COLLATE "C"`,
      [name, position],
    );
  }

  newestEvent(): Promise<LogPosition | undefined> {
    return newestEventIn(this.connection);
  }

  private ensureTable(): Promise<unknown> {
    this.created ??= this.connection.execScript(SCHEMA);
    return this.created;
  }
}

/**
 * The newest committed event, read without the open-transaction filter, so that an event a
 * long transaction still hides from readers is waited for rather than missed.
 */
export async function newestEventIn(connection: SqlConnection): Promise<LogPosition | undefined> {
  const [row] = await connection.query<{ transaction_id: string; position: string }>(
    'SELECT transaction_id::text AS transaction_id, position::text AS position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1',
  );
  return row ? logPositionOf(BigInt(row.transaction_id), BigInt(row.position)) : undefined;
}
