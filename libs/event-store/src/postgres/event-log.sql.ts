/**
 * The event log's queries, shared by the `pg` and PGlite adapters. Numbers that may pass 2^53
 * (revisions, positions, transaction ids) cross the wire as text and become bigints in TypeScript.
 * ORDER BY names the table's columns explicitly: a bare name would pick the text alias.
 */

const RECORDED_EVENT_COLUMNS = `
  event_id::text AS event_id, type, data, metadata, stream_id,
  revision::text AS revision,
  lpad(to_hex(transaction_id::text::bigint), 16, '0') || '-' || lpad(to_hex(position), 16, '0') AS log_position,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

export interface RecordedEventRow {
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, string>;
  stream_id: string;
  revision: string;
  /** The log position, formatted by the database as LogPosition writes it (transaction ids stay below 2^63). */
  log_position: string;
  recorded_at: string;
}

export interface AppendedRow {
  out_event_id: string;
  out_revision: string;
  out_transaction_id: string;
  out_position: string;
  already_recorded: boolean;
}

export const APPEND_TO_STREAM = `SELECT * FROM append_to_stream($1, $2, $3::jsonb)`;

export const APPEND_TO_NEW_STREAMS = `SELECT * FROM append_to_new_streams($1::jsonb)`;

export const APPEND_WITH_NEW_STREAM = `SELECT * FROM append_with_new_stream($1, $2, $3::jsonb, $4, $5::jsonb)`;

export const READ_STREAM_FORWARDS = `
  SELECT ${RECORDED_EVENT_COLUMNS} FROM events
   WHERE stream_id = $1 AND revision >= $2::bigint
   ORDER BY events.revision
   LIMIT $3::bigint`;

export const READ_STREAM_BACKWARDS = `
  SELECT ${RECORDED_EVENT_COLUMNS} FROM events
   WHERE stream_id = $1 AND revision <= $2::bigint
   ORDER BY events.revision DESC
   LIMIT $3::bigint`;

/**
 * A commit-consistent page of the global log, after the cursor ($1, $2).
 *
 * Only rows written by transactions older than the oldest transaction still running are read
 * (`transaction_id < xmin`): those transactions have all ended, and every transaction that
 * ends later has a larger transaction id, so nothing can ever appear before a position already
 * read. No rows are skipped on a timer, ever.
 *
 * Trade-off: a long-running transaction anywhere on the server (in any database: transaction
 * ids are cluster-wide) holds xmin back and pauses every reader of the log until it ends.
 * Appends are short; keep other transactions on the same server short too.
 */
export const READ_ALL = `
  SELECT ${RECORDED_EVENT_COLUMNS} FROM events
   WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
     AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
   ORDER BY events.transaction_id, events.position
   LIMIT $3::bigint`;

export function notifyChannel(schema: string): string {
  return `event_log_${schema}`;
}
