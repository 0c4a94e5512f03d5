import { Command } from '@nestjs/cqrs';
import type { LeafBuild, PackageBuildFact, PinningRequested, PipelineRunCommand } from '@provenance/domain';
import type { RecordingResult } from '@provenance/recording';

/**
 * The commands the pipeline's sagas send. Each names the log event that caused it
 * (`causedBy`), and its time is that event's recording time, never the clock: a replay of
 * the same event sends the same command.
 */
export interface Cause {
  eventId: string;
  recordedAt: string;
  /** Its place in the global log: rules read other streams as they stood there. */
  position: string;
}

/** Request builds of the packages downstream of a passed build. */
export class RequestDownstreamBuilds extends Command<RecordingResult[]> {
  constructor(readonly build: PackageBuildFact, readonly causedBy: Cause) {
    super();
  }
}

/** Note a leaf package's passed build in the fan-in; pinning is requested when all are in. */
export class NoteLeafBuild extends Command<RecordingResult> {
  constructor(readonly build: LeafBuild, readonly causedBy: Cause) {
    super();
  }
}

/** Open the pipeline run a pinning request belongs to. */
export class StartPipelineRun extends Command<RecordingResult> {
  constructor(readonly pinning: PinningRequested['data'], readonly causedBy: Cause) {
    super();
  }
}

/** Move a pipeline run on: an answer, a decision or a deadline check. */
export class AdvancePipelineRun extends Command<RecordingResult> {
  constructor(readonly runId: string, readonly command: PipelineRunCommand, readonly causedBy: Cause) {
    super();
  }
}

/** An AQF run completed: answer the request its start named, if any. */
export class AnswerAqfRequest extends Command<RecordingResult | undefined> {
  constructor(readonly aqfRunId: string, readonly outcome: string, readonly causedBy: Cause) {
    super();
  }
}

/** An image was promoted or rejected: end the run that baked it, if any. */
export class EndRunOfImage extends Command<RecordingResult | undefined> {
  constructor(readonly imageDigest: string, readonly promoted: boolean, readonly causedBy: Cause) {
    super();
  }
}

/** A build naming a package-build request (outside any run) answers it. */
export class AnswerBuildRequest extends Command<RecordingResult> {
  constructor(readonly requestId: string, readonly answer: string, readonly causedBy: Cause) {
    super();
  }
}

/** Report a package-build request past its deadline, if it still is. */
export class CheckBuildRequestDeadline extends Command<RecordingResult> {
  constructor(readonly requestId: string, readonly now: string, readonly timeoutSeconds: number) {
    super();
  }
}
