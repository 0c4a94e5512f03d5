import { ApiProperty } from '@nestjs/swagger';
import { PIPELINE_STAGES, PipelineStage } from '@provenance/domain';
import type { PipelineRunView, StageRequestView } from '@provenance/projections';

/* The pipeline routes' answers as the OpenAPI document describes them, in step with the views. */

export class StageRequestAnswer implements StageRequestView {
  requestId!: string;
  @ApiProperty({ enum: PIPELINE_STAGES })
  stage!: PipelineStage;
  runId!: string | null;
  /** The request's place in the log: pass it back as `after` to page on. */
  cursor!: string;
  // Listed here: inferred from the union, the order varied from build to build.
  @ApiProperty({ enum: ['open', 'answered', 'timed-out'] })
  state!: 'open' | 'answered' | 'timed-out';
  requestedAt!: string;
  deadline!: string;
  answer!: string | null;
  answeredAt!: string | null;
  /** The deadline it was reported timed out against (kept when a late answer came after). */
  timedOutAt!: string | null;
  /** What the agent needs: the request event as recorded. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  request!: Record<string, unknown>;
}

export class StageRequestsAnswer {
  requests!: StageRequestAnswer[];
  /** Pass as `after` for the next page; null at the end. */
  next!: string | null;
}

export class RunBuildAnswer {
  package!: string;
  version!: string;
  finishedAt!: string;
}

export class PipelineRunAnswer implements PipelineRunView {
  runId!: string;
  state!: 'running' | 'release-candidate' | 'rejected';
  startedAt!: string;
  builds!: RunBuildAnswer[];
  earliestCommitAt!: string | null;
  imageDigest!: string | null;
  endedAt!: string | null;
  /** From the earliest commit in the run to its end as a release candidate or rejection. */
  leadTimeSeconds!: number | null;
  stages!: StageRequestAnswer[];
}

export class PipelineRunsAnswer {
  runs!: PipelineRunAnswer[];
}
