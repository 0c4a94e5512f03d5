import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Decider, DomainEvent } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingContext, RecordingResult } from '../command-path';

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

@CommandHandler(RecordFactCommand)
export class RecordFactHandler implements ICommandHandler<RecordFactCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ streamId, decider, command, context, options }: RecordFactCommand): Promise<RecordingResult> {
    return decideAndAppend(this.store, streamId, decider, command, context, options);
  }
}
