import type { LogPosition } from './log-position';

/** A JSON value as it survives a round trip through the log. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/** Who and what caused an event. Free-form keys are allowed; values are strings. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  actor?: string;
  [key: string]: string | undefined;
}

/** An event as a caller hands it to the store. */
export interface EventToAppend<Type extends string = string, Data extends JsonObject = JsonObject> {
  /** A uuid; also the idempotency key within its stream. */
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/** An event as the log holds it. */
export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  id: string;
  type: Type;
  data: Data;
  /** `recordedAt` is the store's clock (ISO 8601, UTC) when the event was written. */
  metadata: EventMetadata & { recordedAt: string };
  streamId: string;
  /** 0-based position in its stream; a bigint so that it is exact beyond 2^53. */
  revision: bigint;
  position: LogPosition;
}
