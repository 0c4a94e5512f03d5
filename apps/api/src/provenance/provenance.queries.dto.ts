import { IsOptional } from 'class-validator';
import { IsInstant } from '@provenance/facts';

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
