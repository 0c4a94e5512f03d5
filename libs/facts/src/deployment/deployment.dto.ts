import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { DIGEST, digestMessage, ENVIRONMENT, GIT_SHA, IDENTIFIER, NO_WHITESPACE, shaMessage, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';
import { HoldsAtMost } from '../rules/list-rules';

export class ConfigRevisionDto {
  @Matches(NO_WHITESPACE, { message: 'configRevision.repository must be 1-300 characters without whitespace' })
  @IsIdentifier()
  repository!: string;

  @Matches(GIT_SHA, { message: shaMessage('configRevision.sha') })
  @IsIdentifier()
  sha!: string;
}

export class DeploymentDto {
  @Matches(IDENTIFIER, { message: 'deploymentId must be 1-128 letters, digits or ._:@+- starting with a letter or digit' })
  @IsIdentifier()
  deploymentId!: string;

  @Matches(ENVIRONMENT, { message: 'environment must be a lowercase environment name, e.g. site' })
  @IsIdentifier()
  environment!: string;

  @Matches(DIGEST, { message: digestMessage('imageDigest') })
  @IsIdentifier()
  imageDigest!: string;

  @IsArray({ message: 'nodes must be an array of node names' })
  @ArrayMinSize(1, { message: 'nodes must name at least one node' })
  @HoldsAtMost('nodes')
  @Matches(NO_WHITESPACE, { each: true, message: 'each of nodes must be a node name without whitespace' })
  @IsIdentifier()
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
  @Matches(IDENTIFIER, { message: 'deploymentId must be 1-128 letters, digits or ._:@+- starting with a letter or digit' })
  @IsIdentifier()
  deploymentId!: string;
}
