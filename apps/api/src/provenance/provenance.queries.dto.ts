import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/field-rules';

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
