import 'reflect-metadata';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsInstant } from '../rules/field-rules';
import { Digest, EnvironmentName, GitSha, Identifier, NodeNames, NoWhitespace, OptionalObject } from '../rules/fields';

export class ConfigRevisionDto {
  @NoWhitespace('configRevision.repository')
  repository!: string;

  @GitSha('configRevision.sha')
  sha!: string;
}

export class DeploymentDto {
  @Identifier('deploymentId')
  deploymentId!: string;

  @EnvironmentName('environment', 'site')
  environment!: string;

  @Digest('imageDigest')
  imageDigest!: string;

  @NodeNames()
  nodes!: string[];

  /** The configuration revision deployed with the image, e.g. katconfig at a sha. */
  @OptionalObject('configRevision', 'repository and sha', () => ConfigRevisionDto)
  configRevision?: ConfigRevisionDto;

  @IsInstant('startedAt')
  startedAt!: string;

  /** Who deployed; defaults to the caller's token name. */
  @IsOptional()
  @IsString()
  by?: string;
}

export class DeploymentResultDto {
  @IsIn(['succeeded', 'failed'], { message: 'outcome must be "succeeded" or "failed"' })
  outcome!: 'succeeded' | 'failed';

  @IsInstant('finishedAt')
  finishedAt!: string;
}

export class DeploymentIdParam {
  @Identifier('deploymentId')
  deploymentId!: string;
}
