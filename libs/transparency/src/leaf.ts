import { canonicalJsonBytes } from '@provenance/signing';

/** The fields of a recorded event a leaf commits to (structurally, `RecordedEvent` without its position). */
export interface LeafEvent {
  id: string;
  type: string;
  streamId: string;
  revision: bigint | string;
  data: unknown;
  metadata: Record<string, string | undefined>;
}

/**
 * The leaf of an event: the event as `GET /api/v1/audit/events` serves it without its log
 * position (which is the database's, and not known to other backends), so that anyone holding
 * that JSON can recompute its leaf hash.
 */
export function leafValueOf(event: LeafEvent): { id: string; type: string; streamId: string; revision: string; data: unknown; metadata: Record<string, string | undefined> } {
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision.toString(),
    data: event.data,
    metadata: event.metadata,
  };
}

/** The leaf's bytes: RFC 8785 canonical JSON of `leafValueOf(event)`. */
export const leafBytesOf = (event: LeafEvent): Buffer => canonicalJsonBytes(leafValueOf(event));
