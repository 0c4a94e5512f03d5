import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Decider, DomainEvent } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingContext, RecordingResult } from '../command-path';
import { NewStreamBatches } from '../new-stream-batches';

/** Records one fact in one stream: the command path with the stream's decider. */
export class RecordFactCommand<State = unknown, DomainCommand = unknown, Event extends DomainEvent<string, object> = DomainEvent<string, object>> extends Command<RecordingResult> {
  constructor(
    readonly streamId: string,
    readonly decider: Decider<State, DomainCommand, Event>,
    readonly command: DomainCommand,
    readonly context: RecordingContext,
    /** `expectNewStream`: the fact usually starts its stream; try that first (one round trip). */
    readonly options: { expectNewStream?: boolean } = {},
  ) {
    super();
  }
}

/** A fact that usually starts its stream (a commit, a build, an image): it may be recorded in bulk. */
export const startsItsStream = (command: unknown): command is RecordFactCommand =>
  command instanceof RecordFactCommand && command.options.expectNewStream === true;

@CommandHandler(RecordFactCommand)
export class RecordFactHandler implements ICommandHandler<RecordFactCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly newStreams: NewStreamBatches,
  ) {}

  execute(fact: RecordFactCommand): Promise<RecordingResult> {
    // An Idempotency-Key claim is written with the fact by the full path, one fact at a time.
    if (startsItsStream(fact) && !fact.context.claim) return this.newStreams.record(fact);
    return decideAndAppend(this.store, fact.streamId, fact.decider, fact.command, fact.context, fact.options);
  }
}
