import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AqfRunResultFact, aqfRunDecider, aqfRunStreamId, EnvironmentSettings, imageDecider, imageStreamId } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingContext, RecordingResult, stateOf } from '../command-path';
import { ENVIRONMENT_SETTINGS } from '../environment-settings';

/**
 * An AQF run's result goes on the run's stream, then is noted on its image's stream, where the
 * release-candidate rule decides. Both steps are idempotent, so a retry after a failure
 * between them completes the second.
 */
export class RecordAqfResultCommand extends Command<RecordingResult> {
  constructor(
    readonly runId: string,
    readonly result: AqfRunResultFact,
    readonly context: RecordingContext,
  ) {
    super();
  }
}

@CommandHandler(RecordAqfResultCommand)
export class RecordAqfResultHandler implements ICommandHandler<RecordAqfResultCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENVIRONMENT_SETTINGS) private readonly settings: EnvironmentSettings,
  ) {}

  async execute({ runId, result, context }: RecordAqfResultCommand): Promise<RecordingResult> {
    const run = await decideAndAppend(this.store, aqfRunStreamId(runId), aqfRunDecider, { type: 'CompleteAqfRun', runId, result }, context);
    const { completed } = await stateOf(this.store, aqfRunStreamId(runId), aqfRunDecider);
    const image = await decideAndAppend(
      this.store,
      imageStreamId(completed!.imageDigest),
      imageDecider,
      {
        type: 'NoteAqfRunOutcome',
        imageDigest: completed!.imageDigest,
        run: { runId, environment: completed!.environment, outcome: completed!.outcome, completedAt: completed!.completedAt },
        verificationEnvironments: this.settings.verificationEnvironments,
      },
      { ...context, causationId: run.events[0].eventId },
    );
    return { status: run.status, events: [...run.events, ...(image.status === 'recorded' ? image.events : [])] };
  }
}
