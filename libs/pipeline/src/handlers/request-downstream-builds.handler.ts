import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { buildRequestDecider, buildRequestStreamId, downstreamBuildRequests, PACKAGE_GRAPH_STREAM_ID, PackageBuildRequested, PackageGraphFact } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingResult } from '@provenance/recording';
import { AnswerBuildRequest, CheckBuildRequestDeadline, RequestDownstreamBuilds } from '../pipeline.commands';
import { pipelineContext } from './pipeline-context';

@CommandHandler(RequestDownstreamBuilds)
export class RequestDownstreamBuildsHandler implements ICommandHandler<RequestDownstreamBuilds> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ build, causedBy }: RequestDownstreamBuilds): Promise<RecordingResult[]> {
    // The graph as it stood when the build was recorded, so a replay requests the same builds.
    const graphs = await this.store.readStream(PACKAGE_GRAPH_STREAM_ID);
    const graph = graphs.filter((event) => event.position < causedBy.position).at(-1)?.data as PackageGraphFact | undefined;
    // The request this build answers, if any: the build continues its wave, so a cycle ends.
    const requested = build.requestId === null ? [] : await this.store.readStream(buildRequestStreamId(build.requestId), { limit: 1 });
    const answered = requested.find((event) => event.type === 'PackageBuildRequested' && event.position < causedBy.position);
    const results: RecordingResult[] = [];
    for (const request of downstreamBuildRequests(build, causedBy.eventId, causedBy.recordedAt, graph, answered?.data as PackageBuildRequested['data'] | undefined)) {
      results.push(
        await decideAndAppend(this.store, buildRequestStreamId(request.data.requestId), buildRequestDecider, { type: 'RequestPackageBuild', request }, pipelineContext(causedBy)),
      );
    }
    return results;
  }
}

@CommandHandler(AnswerBuildRequest)
export class AnswerBuildRequestHandler implements ICommandHandler<AnswerBuildRequest> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ requestId, answer, causedBy }: AnswerBuildRequest): Promise<RecordingResult> {
    const command = { type: 'AnswerBuildRequest' as const, requestId, answer, at: causedBy.recordedAt };
    return decideAndAppend(this.store, buildRequestStreamId(requestId), buildRequestDecider, command, pipelineContext(causedBy));
  }
}

@CommandHandler(CheckBuildRequestDeadline)
export class CheckBuildRequestDeadlineHandler implements ICommandHandler<CheckBuildRequestDeadline> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ requestId, now, timeoutSeconds }: CheckBuildRequestDeadline): Promise<RecordingResult> {
    const command = { type: 'CheckBuildRequestDeadline' as const, now, timeoutSeconds };
    return decideAndAppend(this.store, buildRequestStreamId(requestId), buildRequestDecider, command, { actor: 'pipeline', causationId: `deadline-check-${now}` });
  }
}
