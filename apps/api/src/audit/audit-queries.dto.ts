import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';

/** The second part is a PostgreSQL bigint, so at most 7fff...; the first is a 64-bit transaction id. */
const LOG_POSITION = /^[0-9a-f]{16}-[0-7][0-9a-f]{15}$/;
const MAX_REVISION = (1n << 63n) - 1n;

/** A stream revision: 0 .. 2^63-1, PostgreSQL's bigint. */
function IsRevision() {
  return ValidateBy({
    name: 'isRevision',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_REVISION,
      defaultMessage: () => `from must be a revision: a whole number from 0 to ${MAX_REVISION}`,
    },
  });
}

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  @ApiPropertyOptional({ type: Number, description: 'at most this many events (1-1000)', default: 100 })
  limit = 100;
}

export class AuditEventsQuery extends PageQuery {
  /** The `position` of the last event already seen; omit to start at the beginning of the log. */
  @IsOptional()
  @Matches(LOG_POSITION, { message: 'after must be a log position as returned in an event\'s "position" field' })
  after?: string;

  /** Only events of streams whose id starts with this, e.g. `image-` or `commit-katcomp@`. */
  @IsOptional()
  @Matches(/^[^\s\p{Cc}\p{Cf}]{1,200}$/u, { message: 'streamPrefix must be 1-200 characters without spaces or invisible characters, e.g. image- or commit-katcomp@' })
  streamPrefix?: string;

  /** Only events of this type, e.g. `ImageRecorded`. */
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { message: 'type must be an event type such as ImageRecorded (letters and digits)' })
  type?: string;
}

export class StreamQuery extends PageQuery {
  /** Revision to start at (inclusive). */
  @IsOptional()
  @IsRevision()
  from?: string;

  @IsOptional()
  @IsIn(['forwards', 'backwards'], { message: 'direction must be "forwards" or "backwards"' })
  @ApiPropertyOptional({ enum: ['forwards', 'backwards'], default: 'forwards' })
  direction: 'forwards' | 'backwards' = 'forwards';
}
