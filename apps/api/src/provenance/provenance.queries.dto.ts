import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from '@provenance/facts';
import { HISTORY_PAGE, MOST_HISTORY } from '@provenance/projections';

/** Both time axes; each defaults to now. */
export class MomentQuery {
  /** What was running at this time. */
  @IsOptional()
  @IsInstant('at')
  at?: string;

  /** As the log knew it at this time. */
  @IsOptional()
  @IsInstant('knownAt')
  knownAt?: string;
}

/** A page of an environment's history, newest entries first chosen, then given oldest first. */
export class HistoryQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MOST_HISTORY, { message: `limit must be at most ${MOST_HISTORY}` })
  @ApiPropertyOptional({ type: Number, description: `the newest this many entries (1-${MOST_HISTORY}), and any others at the same moment as the oldest of them`, default: HISTORY_PAGE })
  limit = HISTORY_PAGE;

  /** Only entries before this time: the `earlier` of the page before, to go back in time. */
  @IsOptional()
  @IsInstant('before')
  before?: string;
}
