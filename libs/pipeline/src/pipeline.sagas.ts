import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, Saga } from '@nestjs/cqrs';
import type { AqfRunCompleted, CandidateDecision, ImageFact, PackageBuildFact, PinnedSetFact, PinningRequested, PipelineDefinition } from '@provenance/domain';
import { runIdOfRequest } from '@provenance/domain';
import type { RecordedEvent } from '@provenance/event-store';
import { filter, map, Observable } from 'rxjs';
import { loggedOf } from './logged-event';
import { AdvancePipelineRun, AnswerAqfRequest, AnswerBuildRequest, Cause, EndRunOfImage, NoteLeafBuild, RequestDownstreamBuilds, StartPipelineRun } from './pipeline.commands';
import { PIPELINE_DEFINITION } from './pipeline-definition.token';

const causeOf = (event: RecordedEvent): Cause => ({ eventId: event.id, recordedAt: event.metadata.recordedAt, position: event.position });

/** The fact answers a request of a pipeline run: its request id names the run. */
const inRun = <E extends { data: { requestId: string | null } }>(event: E): boolean => event.data.requestId !== null && runIdOfRequest(event.data.requestId) !== undefined;

/**
 * The pipeline's sagas: each maps events from the log to the command for the next stage. They
 * hold no state and read nothing; the command handlers fold the streams and decide, so the
 * same event always leads to the same command. `SagaRunner` feeds them from the durable log.
 */
@Injectable()
export class PipelineSagas {
  constructor(@Inject(PIPELINE_DEFINITION) private readonly pipeline: PipelineDefinition) {}

  /** A passed build requests builds of the packages downstream of it. */
  @Saga()
  downstreamBuilds = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<PackageBuildFact>('PackageBuildRecorded'),
      filter((event) => event.data.outcome === 'passed'),
      map((event) => new RequestDownstreamBuilds(event.data, causeOf(event))),
    );

  /** A build naming a package-build request outside any run answers it. */
  @Saga()
  buildAnswers = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<PackageBuildFact>('PackageBuildRecorded'),
      filter((event) => event.data.requestId !== null && !inRun(event)),
      map((event) => new AnswerBuildRequest(event.data.requestId!, `${event.data.package} ${event.data.version} ${event.data.outcome}`, causeOf(event))),
    );

  /** A leaf package's passed build goes to the fan-in. */
  @Saga()
  fanIn = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<PackageBuildFact>('PackageBuildRecorded'),
      filter((event) => event.data.outcome === 'passed' && this.pipeline.leafPackages.includes(event.data.package)),
      map((event) => new NoteLeafBuild({ package: event.data.package, version: event.data.version, finishedAt: event.data.finishedAt }, causeOf(event))),
    );

  /** Pinning requested by the fan-in opens a pipeline run. */
  @Saga()
  runStarts = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<PinningRequested['data']>('PinningRequested'),
      map((event) => new StartPipelineRun(event.data, causeOf(event))),
    );

  /** A pinned set recorded for a run's pinning request: bake it. */
  @Saga()
  pinnedSets = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<PinnedSetFact>('PinnedSetRecorded'),
      filter(inRun),
      map(
        (event) =>
          new AdvancePipelineRun(
            runIdOfRequest(event.data.requestId!)!,
            { type: 'AnswerPinning', requestId: event.data.requestId!, pinnedSetId: event.data.id, at: event.metadata.recordedAt },
            causeOf(event),
          ),
      ),
    );

  /** An image baked for a run's candidate-build request: verify it in each verification environment. */
  @Saga()
  bakedImages = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<ImageFact>('ImageBaked'),
      filter(inRun),
      map(
        (event) =>
          new AdvancePipelineRun(
            runIdOfRequest(event.data.requestId!)!,
            {
              type: 'AnswerCandidateBuild',
              requestId: event.data.requestId!,
              imageDigest: event.data.digest,
              at: event.metadata.recordedAt,
              verificationEnvironments: this.pipeline.verificationEnvironments,
            },
            causeOf(event),
          ),
      ),
    );

  /** A completed AQF run answers the request its start named. */
  @Saga()
  aqfResults = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<AqfRunCompleted['data']>('AqfRunCompleted'),
      map((event) => new AnswerAqfRequest(event.data.runId, event.data.outcome, causeOf(event))),
    );

  /** A promotion or rejection ends the run that baked the image; a rejection curtails it. */
  @Saga()
  candidateDecisions = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      loggedOf<CandidateDecision>('ReleaseCandidatePromoted', 'ReleaseCandidateRejected'),
      map((event) => new EndRunOfImage(event.data.imageDigest, event.type === 'ReleaseCandidatePromoted', causeOf(event))),
    );
}
