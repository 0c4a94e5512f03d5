import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const LOG_POSITION = /^[0-9a-f]{16}-[0-9a-f]{16}$/;

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit = 100;
}

export class AuditEventsQuery extends PageQuery {
  /** The `position` of the last event already seen; omit to start at the beginning of the log. */
  @IsOptional()
  @Matches(LOG_POSITION, { message: 'after must be a log position as returned in an event\'s "position" field' })
  after?: string;
}

export class StreamQuery extends PageQuery {
  /** Revision to start at (inclusive). */
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'from must be a revision: a whole number from 0' })
  from?: string;

  @IsOptional()
  @IsIn(['forwards', 'backwards'], { message: 'direction must be "forwards" or "backwards"' })
  direction: 'forwards' | 'backwards' = 'forwards';
}
