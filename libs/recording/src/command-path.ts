import { canonicalJson, Decider, DomainEvent, fold } from '@provenance/domain';
import { AppendResult, EventIdConflict, EventStore, EventToAppend, ExpectedRevisionConflict, JsonObject, NewStreamAppend, RecordedEvent } from '@provenance/event-store';
import { eventIdFor } from './event-id';
import { FactRefused } from './fact-refused';
import { claimAlone, IdempotencyClaim, throwIfClaimRefused } from './idempotency-claim';

/** Who is recording, carried into every event's metadata. */
export interface RecordingContext {
  actor: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /** Written with the first events this command records, in the same transaction (see idempotency-claim.ts). */
  claim?: IdempotencyClaim;
}

export interface WrittenEvent {
  streamId: string;
  eventId: string;
  type: string;
  revision: string;
  position: string;
}

export interface RecordingResult {
  /**
   * `already-recorded`: the fact was on record before this command; `nothing-to-record`: the
   * command changes nothing (a saga rule that does not apply). Neither wrote anything.
   */
  status: 'recorded' | 'already-recorded' | 'nothing-to-record';
  events: WrittenEvent[];
}

const MAX_ATTEMPTS = 12;

/** The stream kept changing under this command; it was not recorded and may be retried. */
export class StreamBusy extends Error {
  constructor(readonly streamId: string, attempts: number) {
    super(`stream ${streamId} changed under ${attempts} attempts in a row; nothing was recorded, retry shortly`);
  }
}

/** Jittered exponential backoff, so appenders colliding on one stream spread out. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 250) * (0.5 + Math.random())));

/**
 * The one command path: read the stream, fold its state, decide, append with the revision
 * that was read; on a concurrent append, read again and decide again.
 */
export async function decideAndAppend<State, Command, Event extends DomainEvent<string, object>>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: RecordingContext,
  options: { expectNewStream?: boolean } = {},
): Promise<RecordingResult> {
  if (options.expectNewStream) {
    const recorded = await appendToNewStream(store, streamId, decider, command, context);
    if (recorded) return recorded;
  }
  for (let attempt = 1; ; attempt++) {
    const { recorded, state } = await read(store, streamId, decider);
    const decision = decider.decide(command, state);
    switch (decision.outcome) {
      case 'refused':
        throw new FactRefused(decision.refusal);
      case 'already-recorded':
        await claimAlone(store, context.claim);
        return { status: 'already-recorded', events: [writtenOf(matching(recorded, decision.existing))] };
      case 'record': {
        if (decision.events.length === 0) {
          await claimAlone(store, context.claim);
          return { status: 'nothing-to-record', events: [] };
        }
        try {
          return await append(store, streamId, recorded.at(-1)?.revision, decision.events, context);
        } catch (error) {
          throwIfClaimRefused(error, context.claim);
          if (!(error instanceof ExpectedRevisionConflict)) throw error;
          if (attempt >= MAX_ATTEMPTS) throw new StreamBusy(streamId, attempt);
          await backoff(attempt);
        }
      }
    }
  }
}

/**
 * The fast path for a fact that usually starts its stream (a commit, a build, an image): decide
 * on the empty state and append expecting no stream, one round trip instead of two. A resend of
 * the same fact is recognised by the store (same event ids); anything else (the stream exists
 * with other events) returns undefined and the caller takes the full path.
 */
async function appendToNewStream<State, Command, Event extends DomainEvent<string, object>>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: RecordingContext,
): Promise<RecordingResult | undefined> {
  const append = newStreamAppendOf(streamId, decider, command, context);
  if (!append) return undefined;
  try {
    return append.resultOf(await store.appendToStream(streamId, append.item.events, { expectedRevision: 'no-stream', withNewStream: context.claim }));
  } catch (error) {
    throwIfClaimRefused(error, context.claim);
    if (error instanceof ExpectedRevisionConflict || error instanceof EventIdConflict) return undefined;
    throw error;
  }
}

/**
 * A command decided on its stream's empty state, as the stream's first append, with the event
 * ids the full path would give it there; undefined when the decision is not a plain record.
 */
export function newStreamAppendOf<State, Command, Event extends DomainEvent<string, object>>(
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: RecordingContext,
): { item: NewStreamAppend; resultOf(result: AppendResult): RecordingResult } | undefined {
  const decision = decider.decide(command, decider.initialState);
  if (decision.outcome !== 'record' || decision.events.length === 0) return undefined;
  const events = eventsToAppend(streamId, undefined, decision.events, context);
  return { item: { streamId, events }, resultOf: (result) => recordingResultOf(streamId, decision.events, result) };
}

/** Appends a decision's events after `last` (undefined: a new stream), with ids derived from both. */
async function append<Event extends DomainEvent<string, object>>(
  store: EventStore,
  streamId: string,
  last: bigint | undefined,
  events: Event[],
  context: RecordingContext,
): Promise<RecordingResult> {
  const result = await store.appendToStream(streamId, eventsToAppend(streamId, last, events, context), {
    expectedRevision: last ?? 'no-stream',
    withNewStream: context.claim,
  });
  return recordingResultOf(streamId, events, result);
}

function eventsToAppend(streamId: string, last: bigint | undefined, events: DomainEvent<string, object>[], context: RecordingContext): EventToAppend[] {
  return events.map((event, index) => ({
    id: eventIdFor(streamId, last === undefined ? 'none' : last.toString(), index, event),
    type: event.type,
    data: event.data as JsonObject,
    metadata: metadataOf(context),
  }));
}

function recordingResultOf(streamId: string, events: DomainEvent<string, object>[], result: AppendResult): RecordingResult {
  return {
    status: result.alreadyRecorded ? 'already-recorded' : 'recorded',
    events: result.events.map((written, index) => ({
      streamId,
      eventId: written.id,
      type: events[index].type,
      revision: written.revision.toString(),
      position: written.position,
    })),
  };
}

/** Folds a stream into its decider's state, for reads that need it (the gate, policies). */
export async function stateOf<State, Event extends DomainEvent<string, object>>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
): Promise<State> {
  return (await read(store, streamId, decider)).state;
}

/** A stream's events and the state they fold into. */
async function read<State, Event extends DomainEvent<string, object>>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
): Promise<{ recorded: RecordedEvent[]; state: State }> {
  const recorded = await store.readStream(streamId);
  return { recorded, state: fold(decider, recorded as unknown as Event[]) };
}

function matching(recorded: RecordedEvent[], existing: DomainEvent): RecordedEvent {
  const content = canonicalJson(existing.data);
  const same = recorded.filter((event) => event.type === existing.type && canonicalJson(event.data) === content);
  return same.at(-1) ?? recorded.filter((event) => event.type === existing.type).at(-1) ?? recorded.at(-1)!;
}

function writtenOf(event: RecordedEvent): WrittenEvent {
  return { streamId: event.streamId, eventId: event.id, type: event.type, revision: event.revision.toString(), position: event.position };
}

function metadataOf(context: RecordingContext): Record<string, string> {
  const metadata: Record<string, string> = { actor: context.actor };
  if (context.correlationId) metadata.correlationId = context.correlationId;
  if (context.causationId) metadata.causationId = context.causationId;
  if (context.idempotencyKey) metadata.idempotencyKey = context.idempotencyKey;
  return metadata;
}
