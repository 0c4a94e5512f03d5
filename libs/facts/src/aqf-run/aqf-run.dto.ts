import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsInstant } from '../rules/field-rules';
import { Digest, EnvironmentName, Identifier, OptionalIdentifier, OptionalUrl } from '../rules/fields';

export class AqfRunStartDto {
  @Identifier('runId')
  runId!: string;

  @Digest('imageDigest')
  imageDigest!: string;

  @EnvironmentName('environment', 'aqf-1')
  environment!: string;

  @IsInstant('startedAt')
  startedAt!: string;

  @OptionalIdentifier()
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

  @OptionalUrl('reportUrl')
  reportUrl?: string;

  @IsInstant('completedAt')
  completedAt!: string;
}

export class RunIdParam {
  @Identifier('runId')
  runId!: string;
}
