import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AqfRunState, aqfRunDecider, aqfRunStreamId, imageDecider, imageStreamId, pipelineRunDecider, pipelineRunStreamId, runIdOfRequest } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingResult, stateOf } from '@provenance/recording';
import { AdvancePipelineRun, AnswerAqfRequest, EndRunOfImage } from '../pipeline.commands';
import { pipelineContext } from './pipeline-context';

@CommandHandler(AdvancePipelineRun)
export class AdvancePipelineRunHandler implements ICommandHandler<AdvancePipelineRun> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ runId, command, causedBy }: AdvancePipelineRun): Promise<RecordingResult> {
    return decideAndAppend(this.store, pipelineRunStreamId(runId), pipelineRunDecider, command, pipelineContext(causedBy, runId));
  }
}

/** The AQF run's start names the request it answers; the completion does not repeat it. */
@CommandHandler(AnswerAqfRequest)
export class AnswerAqfRequestHandler implements ICommandHandler<AnswerAqfRequest> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ aqfRunId, outcome, causedBy }: AnswerAqfRequest): Promise<RecordingResult | undefined> {
    const { started }: AqfRunState = await stateOf(this.store, aqfRunStreamId(aqfRunId), aqfRunDecider);
    const runId = started?.requestId ? runIdOfRequest(started.requestId) : undefined;
    if (!runId) return undefined;
    const command = { type: 'AnswerAqfRun' as const, requestId: started!.requestId!, outcome, at: causedBy.recordedAt };
    return decideAndAppend(this.store, pipelineRunStreamId(runId), pipelineRunDecider, command, pipelineContext(causedBy, runId));
  }
}

/** The image's bake names the request, and so the run, it answered. */
@CommandHandler(EndRunOfImage)
export class EndRunOfImageHandler implements ICommandHandler<EndRunOfImage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ imageDigest, promoted, causedBy }: EndRunOfImage): Promise<RecordingResult | undefined> {
    const { baked } = await stateOf(this.store, imageStreamId(imageDigest), imageDecider);
    const runId = baked?.requestId ? runIdOfRequest(baked.requestId) : undefined;
    if (!runId) return undefined;
    const command = { type: 'DecideCandidate' as const, imageDigest, promoted, at: causedBy.recordedAt };
    return decideAndAppend(this.store, pipelineRunStreamId(runId), pipelineRunDecider, command, pipelineContext(causedBy, runId));
  }
}
