import type { RecordedEvent, SqlQueryable } from '@provenance/event-store';
import { leafBytesOf } from '@provenance/transparency';
import type { LeafRow } from './tree-store.sql';

/** A leaf as the tree holds it, beside the event as the log holds it now (null when its row is gone). */
export interface StoredLeaf extends LeafRow {
  hash: Buffer;
  /** The leaf's bytes re-serialised from the event's current row; null when the row is gone. */
  leaf: Buffer | null;
}

interface LeafEventRow {
  leaf_index: string;
  stream_id: string;
  revision: string;
  leaf_event_id: string;
  leaf_hash: string;
  event_id: string | null;
  type: string | null;
  data: RecordedEvent['data'] | null;
  metadata: Record<string, string> | null;
  recorded_at: string | null;
}

/** Leaves [start, end) with their events as they are now, joined by stream and revision. */
export async function leavesBetween(db: SqlQueryable, start: number, end: number): Promise<StoredLeaf[]> {
  const rows = await db.query<LeafEventRow>(
    `SELECT l.leaf_index::text AS leaf_index, l.stream_id, l.revision::text AS revision, l.event_id::text AS leaf_event_id,
            encode(l.leaf_hash, 'hex') AS leaf_hash,
            e.event_id::text AS event_id, e.type, e.data, e.metadata,
            to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
       FROM tree_leaves l LEFT JOIN events e ON e.stream_id = l.stream_id AND e.revision = l.revision
      WHERE l.leaf_index >= $1 AND l.leaf_index < $2
      ORDER BY l.leaf_index`,
    [String(start), String(end)],
  );
  return rows.map((row) => {
    // Added to the freshly parsed object: a spread copy of it cost a tenth of a log read.
    if (row.metadata) row.metadata.recordedAt = row.recorded_at!;
    return {
      leafIndex: Number(row.leaf_index),
      streamId: row.stream_id,
      revision: row.revision,
      eventId: row.leaf_event_id,
      hash: Buffer.from(row.leaf_hash, 'hex'),
      leaf:
        row.event_id === null
          ? null
          : leafBytesOf({ id: row.event_id, type: row.type!, streamId: row.stream_id, revision: row.revision, data: row.data, metadata: row.metadata! }),
    };
  });
}

/** The leaves of an event id (one, unless two streams hold an event with that id). */
export async function leavesOfEvent(db: SqlQueryable, eventId: string): Promise<LeafRow[]> {
  const rows = await db.query<{ leaf_index: string; stream_id: string; revision: string; event_id: string }>(
    `SELECT leaf_index::text AS leaf_index, stream_id, revision::text AS revision, event_id::text AS event_id
       FROM tree_leaves WHERE event_id = $1::uuid ORDER BY tree_leaves.leaf_index`,
    [eventId],
  );
  return rows.map((row) => ({ leafIndex: Number(row.leaf_index), streamId: row.stream_id, revision: row.revision, eventId: row.event_id }));
}

/** Leaf indices of events, by stream and revision (those not notarised yet are absent). */
export async function leafIndicesOf(db: SqlQueryable, events: { streamId: string; revision: bigint }[]): Promise<Map<string, number>> {
  if (events.length === 0) return new Map();
  const rows = await db.query<{ stream_id: string; revision: string; leaf_index: string }>(
    `SELECT l.stream_id, l.revision::text AS revision, l.leaf_index::text AS leaf_index
       FROM tree_leaves l JOIN unnest($1::text[], $2::bigint[]) AS wanted(s, r) ON l.stream_id = wanted.s AND l.revision = wanted.r`,
    [events.map((event) => event.streamId), events.map((event) => event.revision.toString())],
  );
  return new Map(rows.map((row) => [`${row.stream_id}\n${row.revision}`, Number(row.leaf_index)]));
}

export const leafKey = (event: { streamId: string; revision: bigint | string }) => `${event.streamId}\n${event.revision.toString()}`;
