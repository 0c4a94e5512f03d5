import type { RecordedEvent } from '@provenance/event-store';

/** A row write a projection wants: insert, or update the row with this key. */
export interface RowWrite {
  table: string;
  key: Record<string, unknown>;
  /** Columns to set; on insert the key columns are set too. */
  set: Record<string, unknown>;
  /**
   * `insert` adds the row and ignores an existing one (facts are written once); `upsert` adds it
   * or overwrites its columns; `update` completes an existing row (a result after its start).
   */
  mode: 'insert' | 'upsert' | 'update';
}

/**
 * A read model: the event types it handles and a pure `evolve` from one event to the row writes
 * it implies. The runner applies the writes in the same transaction as the checkpoint.
 */
export interface Projection {
  name: string;
  handles: ReadonlySet<string>;
  /** CREATE TABLE IF NOT EXISTS statements for its tables. */
  schema: string;
  /** CREATE INDEX IF NOT EXISTS statements for its secondary indexes; a rebuild drops and rebuilds them. */
  indexes: readonly string[];
  /** Its tables, emptied by a rebuild and compared row for row by the rebuild test. */
  tables: readonly string[];
  evolve(event: RecordedEvent): RowWrite[];
}
