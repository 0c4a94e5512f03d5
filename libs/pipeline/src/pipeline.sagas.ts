import type { AqfRunCompleted, CandidateDecision, ImageFact, PackageBuildFact, PinnedSetFact, PinningRequested, PipelineDefinition } from '@provenance/domain';
import { runIdOfRequest } from '@provenance/domain';
import type { RecordedEvent } from '@provenance/event-store';
import { AdvancePipelineRun, AnswerAqfRequest, AnswerBuildRequest, Cause, EndRunOfImage, NoteLeafBuild, RequestDownstreamBuilds, StartPipelineRun } from './pipeline.commands';
import { onLogged, Saga } from './saga';

const causeOf = (event: RecordedEvent): Cause => ({ eventId: event.id, recordedAt: event.metadata.recordedAt, position: event.position });

/** The fact answers a request of a pipeline run: its request id names the run. */
const inRun = (event: { data: { requestId: string | null } }): boolean => event.data.requestId !== null && runIdOfRequest(event.data.requestId) !== undefined;

/** A passed build requests builds of the packages downstream of it. */
const downstreamBuilds = onLogged<PackageBuildFact>(['PackageBuildRecorded'], (event) =>
  event.data.outcome === 'passed' ? [new RequestDownstreamBuilds(event.data, causeOf(event))] : [],
);

/** A build naming a package-build request outside any run answers it. */
const buildAnswers = onLogged<PackageBuildFact>(['PackageBuildRecorded'], (event) =>
  event.data.requestId !== null && !inRun(event)
    ? [new AnswerBuildRequest(event.data.requestId, `${event.data.package} ${event.data.version} ${event.data.outcome}`, causeOf(event))]
    : [],
);

/** A leaf package's passed build goes to the fan-in. */
const fanIn = (pipeline: PipelineDefinition) =>
  onLogged<PackageBuildFact>(['PackageBuildRecorded'], (event) =>
    event.data.outcome === 'passed' && pipeline.leafPackages.includes(event.data.package)
      ? [new NoteLeafBuild({ package: event.data.package, version: event.data.version, finishedAt: event.data.finishedAt }, causeOf(event))]
      : [],
  );

/** Pinning requested by the fan-in opens a pipeline run. */
const runStarts = onLogged<PinningRequested['data']>(['PinningRequested'], (event) => [new StartPipelineRun(event.data, causeOf(event))]);

/** A pinned set recorded for a run's pinning request: bake it. */
const pinnedSets = onLogged<PinnedSetFact>(['PinnedSetRecorded'], (event) =>
  inRun(event)
    ? [
        new AdvancePipelineRun(
          runIdOfRequest(event.data.requestId!)!,
          { type: 'AnswerPinning', requestId: event.data.requestId!, pinnedSetId: event.data.id, at: event.metadata.recordedAt },
          causeOf(event),
        ),
      ]
    : [],
);

/** An image baked for a run's candidate-build request: verify it in each verification environment. */
const bakedImages = (pipeline: PipelineDefinition) =>
  onLogged<ImageFact>(['ImageBaked'], (event) =>
    inRun(event)
      ? [
          new AdvancePipelineRun(
            runIdOfRequest(event.data.requestId!)!,
            {
              type: 'AnswerCandidateBuild',
              requestId: event.data.requestId!,
              imageDigest: event.data.digest,
              at: event.metadata.recordedAt,
              verificationEnvironments: pipeline.verificationEnvironments,
            },
            causeOf(event),
          ),
        ]
      : [],
  );

/** A completed AQF run answers the request its start named. */
const aqfResults = onLogged<AqfRunCompleted['data']>(['AqfRunCompleted'], (event) => [new AnswerAqfRequest(event.data.runId, event.data.outcome, causeOf(event))]);

/** A promotion or rejection ends the run that baked the image; a rejection curtails it. */
const candidateDecisions = onLogged<CandidateDecision>(['ReleaseCandidatePromoted', 'ReleaseCandidateRejected'], (event) => [
  new EndRunOfImage(event.data.imageDigest, event.type === 'ReleaseCandidatePromoted', causeOf(event)),
]);

/**
 * The pipeline's sagas, in the order their commands are sent for one event: each maps events
 * from the log to the command for the next stage. They hold no state and read nothing; the
 * command handlers fold the streams and decide, so the same event always leads to the same
 * command. `SagaRunner` feeds them from the durable log.
 */
export function pipelineSagas(pipeline: PipelineDefinition): Saga[] {
  return [downstreamBuilds, buildAnswers, fanIn(pipeline), runStarts, pinnedSets, bakedImages(pipeline), aqfResults, candidateDecisions];
}
