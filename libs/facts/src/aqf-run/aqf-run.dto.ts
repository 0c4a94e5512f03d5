import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { DIGEST, digestMessage, ENVIRONMENT, IDENTIFIER, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';

export class AqfRunStartDto {
  @Matches(IDENTIFIER, { message: 'runId must be 1-128 letters, digits or ._:@+- starting with a letter or digit' })
  @IsIdentifier()
  runId!: string;

  @Matches(DIGEST, { message: digestMessage('imageDigest') })
  @IsIdentifier()
  imageDigest!: string;

  @Matches(ENVIRONMENT, { message: 'environment must be a lowercase environment name, e.g. aqf-1' })
  @IsIdentifier()
  environment!: string;

  @IsInstant('startedAt')
  startedAt!: string;

  @IsOptional()
  @IsString()
  @IsIdentifier()
  requestId?: string;
}

export class AqfRunResultDto {
  @IsIn(['passed', 'failed', 'error'], { message: 'outcome must be "passed", "failed" or "error"' })
  outcome!: 'passed' | 'failed' | 'error';

  @IsInt({ message: 'passed must be a whole number' })
  @Min(0, { message: 'passed must not be negative' })
  @Max(1_000_000_000, { message: 'passed must be at most 1000000000' })
  passed!: number;

  @IsInt({ message: 'failed must be a whole number' })
  @Min(0, { message: 'failed must not be negative' })
  @Max(1_000_000_000, { message: 'failed must be at most 1000000000' })
  failed!: number;

  @IsInt({ message: 'skipped must be a whole number' })
  @Min(0, { message: 'skipped must not be negative' })
  @Max(1_000_000_000, { message: 'skipped must be at most 1000000000' })
  skipped!: number;

  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'reportUrl must be a URL' })
  @IsIdentifier()
  reportUrl?: string;

  @IsInstant('completedAt')
  completedAt!: string;
}

export class RunIdParam {
  @Matches(IDENTIFIER, { message: 'runId must be 1-128 letters, digits or ._:@+- starting with a letter or digit' })
  @IsIdentifier()
  runId!: string;
}
