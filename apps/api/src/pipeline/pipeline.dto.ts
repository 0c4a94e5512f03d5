import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PIPELINE_STAGES, PipelineStage } from '@provenance/domain';
import { IDENTIFIER, IsIdentifier } from '@provenance/facts';

export class PipelineRequestsQuery {
  /** Only this stage's requests. */
  @IsOptional()
  @IsIn(PIPELINE_STAGES, { message: `stage must be one of ${PIPELINE_STAGES.join(', ')}` })
  stage?: PipelineStage;

  /** The `cursor` of the last request you handled (or `next` of the last page); omit to start at the beginning. */
  @IsOptional()
  @Matches(/^[0-9a-f]{16}-[0-9a-f]{16}$/, { message: 'after must be a cursor from an earlier answer (16 hex digits, "-", 16 hex digits)' })
  after?: string;

  /** At most this many requests (1-1000, default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;

  /** Long-poll: when nothing is there yet, wait up to this many seconds (0-30, default 0) for a request. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'wait must be a whole number of seconds' })
  @Min(0, { message: 'wait must not be negative' })
  @Max(30, { message: 'wait must be at most 30 seconds' })
  wait?: number;
}

export class PipelineRunsQuery {
  /** The newest runs first, at most this many (1-500, default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class PipelineRunParam {
  @Matches(IDENTIFIER, { message: 'runId must be a pipeline run id such as run-0123abcd' })
  @IsIdentifier()
  runId!: string;
}
