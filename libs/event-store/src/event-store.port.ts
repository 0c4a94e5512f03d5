import type { EventIdConflict, ExpectedRevisionConflict } from './errors';
import type { ExpectedRevision } from './expected-revision';
export type { ExpectedRevision } from './expected-revision';
import type { EventToAppend, RecordedEvent } from './event';
import type { LogPosition } from './log-position';

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  /**
   * Another stream's first events, written in the same transaction: both appends or neither.
   * That stream must not exist yet, unless it holds exactly these events (a resend, which writes
   * nothing there). A refusal by either stream refuses the whole append and names its stream.
   * (EventStoreDB: a multi-stream append.)
   */
  withNewStream?: NewStreamAppend;
}

export interface AppendResult {
  /** The stream's last revision after the append (pass it as the next expected revision). */
  revision: bigint;
  /** One entry per appended event, in the order given. */
  events: { id: string; revision: bigint; position: LogPosition }[];
  /** True when every event was already recorded (an idempotent retry): nothing was written. */
  alreadyRecorded: boolean;
}

export interface ReadStreamOptions {
  /** Inclusive revision to start at; defaults to the first (forwards) or the last (backwards). */
  from?: bigint;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

/** One stream's first events, for `appendToNewStreams`. */
export interface NewStreamAppend {
  streamId: string;
  events: EventToAppend[];
}

/** Each item's outcome: appended (or already recorded by an exact resend), or refused alone. */
export type NewStreamOutcome = { appended: AppendResult } | { refused: ExpectedRevisionConflict | EventIdConflict };

export interface ReadAllOptions {
  /** Exclusive cursor; omitted means the start of the log. */
  after?: LogPosition;
  limit?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint to resume after; omitted means the start of the log. */
  after?: LogPosition;
  /** Called with each batch, in log order; the next batch is delivered only after it settles (it may be read meanwhile). */
  onBatch?: (events: RecordedEvent[]) => Promise<void> | void;
  /** Called with each event, in log order, when `onBatch` is not given. */
  onEvent?: (event: RecordedEvent) => Promise<void> | void;
  /** Events per batch (default 500). */
  batchSize?: number;
  /** Called each time a read finds the end of the log (a page shorter than a batch). */
  onCaughtUp?: () => void;
  /**
   * Once caught up, the least time from the start of a read that found events to the next read (default 0):
   * under steady appends each batch then carries what arrived in that time, and a batch's
   * fixed costs are shared by more events. A read after one that found nothing, a catch-up
   * read and an urged read are never held back.
   */
  minReadIntervalMs?: number;
}

export interface Subscription {
  /**
   * Stops after the handler call in progress; resolves once nothing more will be delivered. A
   * handler may stop its own subscription: called before the handler's first `await`, stop()
   * resolves without waiting for that call; called after it, stop() must not be awaited there,
   * or the handler waits for itself.
   */
  stop(): Promise<void>;
  /** Reads again now, without waiting out `minReadIntervalMs`: somebody waits for this subscriber to catch up. */
  urge(): void;
  /** Settles when the subscription ends: resolves on stop(), rejects with a handler's or the backend's error. */
  readonly finished: Promise<void>;
}

/**
 * The event log. Adapters: PostgreSQL (`pg`), embedded (PGlite) and, later, EventStoreDB.
 * Every adapter passes the contract suite in `contract/`.
 */
export interface EventStore {
  appendToStream(streamId: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Many streams' first events in one round trip and one commit: each item is an append with
   * expected revision `no-stream`, refused on its own when its stream exists (the others are
   * still appended). Bad input (`InvalidAppend`) refuses the whole call before anything is written.
   */
  appendToNewStreams(items: NewStreamAppend[]): Promise<NewStreamOutcome[]>;
  /** An unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A commit-consistent page of the global log: it never later gains an event before its last position. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from a checkpoint, then follow live appends. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  close(): Promise<void>;
}

/** Nest injection token for the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');
