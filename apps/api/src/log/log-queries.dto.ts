import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';

const wholeNumber = (name: string) => ({ message: `${name} must be a whole number` });

export class LeavesQuery {
  /** The first leaf index (inclusive). */
  @Type(() => Number)
  @IsInt(wholeNumber('start'))
  @Min(0, { message: 'start must be at least 0' })
  start!: number;

  /** The leaf index to stop before (exclusive); at most 1000 leaves after start. */
  @Type(() => Number)
  @IsInt(wholeNumber('end'))
  @Min(1, { message: 'end must be at least 1' })
  end!: number;
}

export class InclusionQuery {
  /** The leaf to prove; or give `eventId`. */
  @ValidateIf((query: InclusionQuery) => query.eventId === undefined)
  @Type(() => Number)
  @IsInt({ message: 'leafIndex must be a whole number (or give eventId instead)' })
  @Min(0, { message: 'leafIndex must be at least 0' })
  @ApiPropertyOptional()
  leafIndex?: number;

  /** The event whose leaf to prove; or give `leafIndex`. */
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be an event id (a UUID)' })
  eventId?: string;

  /** The tree size to prove against; default the latest signed checkpoint. */
  @IsOptional()
  @Type(() => Number)
  @IsInt(wholeNumber('treeSize'))
  @Min(1, { message: 'treeSize must be at least 1' })
  treeSize?: number;
}

export class ConsistencyQuery {
  /** The older tree size (a checkpoint you hold). */
  @Type(() => Number)
  @IsInt(wholeNumber('first'))
  @Min(0, { message: 'first must be at least 0' })
  first!: number;

  /** The newer tree size; default the latest signed checkpoint. */
  @IsOptional()
  @Type(() => Number)
  @IsInt(wholeNumber('second'))
  @Min(1, { message: 'second must be at least 1' })
  second?: number;
}

export class CheckpointsQuery {
  /** The smallest tree size to list (inclusive). */
  @IsOptional()
  @Type(() => Number)
  @IsInt(wholeNumber('from'))
  @Min(0, { message: 'from must be at least 0' })
  from = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt(wholeNumber('limit'))
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit = 100;
}
