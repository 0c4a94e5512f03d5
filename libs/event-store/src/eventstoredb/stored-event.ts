import { jsonEvent } from '@eventstore/db-client';
import type { EventData, RecordedEvent as ClientRecordedEvent } from '@eventstore/db-client';
import type { ValidatedEvent } from '../append-validation';
import { InvalidAppend } from '../errors';
import type { EventMetadata, JsonObject, RecordedEvent } from '../event';
import { streamIdOf } from './log-namespace';
import { logPositionOfClient } from './position.codec';

/**
 * Which append wrote an event: that call's own id, the event's place in its batch and the
 * batch's size, kept in the event's metadata under this key. EventStoreDB knows neither
 * batches nor who wrote what, and idempotency needs both (see `resend.ts`).
 */
export const APPEND_MARKER = 'provenance:append';

export interface AppendMarker {
  attempt: string;
  index: number;
  size: number;
}

/** An event of the log as read back, with the marker of the append that wrote it (none when another tool wrote it). */
export interface StoredEvent {
  event: RecordedEvent;
  marker?: AppendMarker;
}

/** What EventStoreDB refuses or would hide from `$all` readers, refused before anything is sent. */
export function checkStorable(events: ValidatedEvent[], field = 'events'): void {
  events.forEach((event, index) => {
    if (event.type.startsWith('$')) {
      throw new InvalidAppend(`${field}[${index}].type`, 'not-reserved', "must not start with '$' (EventStoreDB's system event types)");
    }
    if (APPEND_MARKER in event.metadata) {
      throw new InvalidAppend(`${field}[${index}].metadata.${APPEND_MARKER}`, 'store-assigned', 'is set by the store when the event is written');
    }
  });
}

export function storedEventsOf(events: ValidatedEvent[], attempt: string): EventData[] {
  return events.map(({ id, type, data, metadata }, index) =>
    jsonEvent({ id, type, data, metadata: { ...metadata, [APPEND_MARKER]: `${attempt} ${index}/${events.length}` } }),
  );
}

/** An event read from the server as the port's, with its marker; positions are `$all`'s. */
export function storedEventOf(namespace: string, recorded: ClientRecordedEvent): StoredEvent {
  const streamId = streamIdOf(namespace, recorded.streamId);
  if (streamId === undefined) throw new Error(`stream ${recorded.streamId} is not in the log's namespace ${namespace}`);
  if (!recorded.isJson || !isObject(recorded.data)) throw new Error(`event ${recorded.id} in ${recorded.streamId} is not a JSON object; the log holds nothing else`);
  if (!recorded.position) throw new Error(`EventStoreDB did not say where event ${recorded.id} of ${recorded.streamId} is in $all`);
  const { metadata, marker } = metadataOf(recorded.metadata);
  return {
    event: {
      id: recorded.id.toLowerCase(),
      type: recorded.type,
      data: recorded.data as JsonObject,
      metadata: { ...metadata, recordedAt: recorded.created.toISOString() },
      streamId,
      revision: recorded.revision,
      position: logPositionOfClient(recorded.position),
    },
    marker,
  };
}

function metadataOf(stored: unknown): { metadata: EventMetadata; marker?: AppendMarker } {
  if (!isObject(stored)) return { metadata: {} };
  const metadata: EventMetadata = {};
  let marker: AppendMarker | undefined;
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value !== 'string') continue;
    if (key === APPEND_MARKER) marker = markerOf(value);
    else metadata[key] = value;
  }
  return { metadata, marker };
}

function markerOf(text: string): AppendMarker | undefined {
  const match = /^(\S+) (\d+)\/(\d+)$/.exec(text);
  return match ? { attempt: match[1], index: Number(match[2]), size: Number(match[3]) } : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
