import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsInstant } from '../rules/field-rules';
import { Digest, EnvironmentName, GitSha, Identifier, NoWhitespace, NodeNames } from '../rules/fields';

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
  @IsOptional()
  // class-validator validates an array's items in place of the object it expects, so [] would pass.
  @IsObject({ message: 'configRevision must be an object with repository and sha' })
  @ValidateNested()
  @Type(() => ConfigRevisionDto)
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
