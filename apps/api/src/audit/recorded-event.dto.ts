import type { RecordedEvent } from '@provenance/event-store';

/** A recorded event as JSON: revisions are decimal strings, since JSON numbers lose precision past 2^53. */
export interface RecordedEventDto {
  id: string;
  type: string;
  streamId: string;
  revision: string;
  position: string;
  data: unknown;
  metadata: Record<string, string | undefined>;
  /** The event's leaf in the log's Merkle tree, once notarised. */
  leafIndex?: number;
}

/** The leaf of the tamper-evident log is exactly this without `position` and `leafIndex` (`leafValueOf` in @provenance/transparency). */
export function toRecordedEventDto(event: RecordedEvent, leafIndex?: number): RecordedEventDto {
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision.toString(),
    position: event.position,
    data: event.data,
    metadata: event.metadata,
    ...(leafIndex === undefined ? {} : { leafIndex }),
  };
}
