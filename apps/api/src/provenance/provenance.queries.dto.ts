import { IsISO8601, IsOptional } from 'class-validator';

/** Both time axes; each defaults to now. */
export class MomentQuery {
  /** What was running at this time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time, e.g. 2026-11-24T12:00:00Z' })
  at?: string;

  /** As the log knew it at this time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'knownAt must be an ISO 8601 time, e.g. 2026-11-24T12:00:00Z' })
  knownAt?: string;
}
