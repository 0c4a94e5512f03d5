import type { Decider, DomainEvent } from '@provenance/domain';
import type { EventStore } from '@provenance/event-store';
import type { RecordingContext, RecordingResult } from './command-path';
import { newStreamAppendOf } from './command-path';

/** One fact for one stream, as a RecordFactCommand carries it. */
export interface StreamFact<State = unknown, DomainCommand = unknown, Event extends DomainEvent<string, object> = DomainEvent<string, object>> {
  readonly streamId: string;
  readonly decider: Decider<State, DomainCommand, Event>;
  readonly command: DomainCommand;
  readonly context: RecordingContext;
}

/**
 * Records many stream-starting facts in one round trip and one commit: each is decided on its
 * stream's empty state and appended as its first events (`appendToNewStreams`). The answer for a
 * command is its result, or undefined when it must take the full command path (its stream
 * exists: a repeat with other metadata, a conflict; or its decision is not a plain record).
 */
export async function recordNewStreams(store: EventStore, commands: readonly StreamFact[]): Promise<(RecordingResult | undefined)[]> {
  // A command with an Idempotency-Key claim takes the full path, which writes the claim with it.
  const appends = commands.map((command) => (command.context.claim ? undefined : newStreamAppendOf(command.streamId, command.decider, command.command, command.context)));
  const ready = appends.flatMap((append, index) => (append ? [{ index, append }] : []));
  const answers: (RecordingResult | undefined)[] = commands.map(() => undefined);
  if (ready.length === 0) return answers;
  const outcomes = await store.appendToNewStreams(ready.map(({ append }) => append.item));
  outcomes.forEach((outcome, n) => {
    if ('appended' in outcome) answers[ready[n].index] = ready[n].append.resultOf(outcome.appended);
  });
  return answers;
}
