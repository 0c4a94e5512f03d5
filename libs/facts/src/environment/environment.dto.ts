import { ArrayMinSize, IsArray, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { ENVIRONMENT, GIT_SHA, IDENTIFIER, NO_WHITESPACE, shaMessage, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';
import { HoldsAtMost } from '../rules/list-rules';

export class EnvironmentParam {
  @Matches(ENVIRONMENT, { message: 'env must be a lowercase environment name, e.g. site' })
  @IsIdentifier()
  env!: string;
}

export class PatchDto {
  @Matches(IDENTIFIER, { message: 'patchId must be 1-128 letters, digits or ._:@+- starting with a letter or digit' })
  @IsIdentifier()
  patchId!: string;

  @Matches(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/, { message: 'package must be a Python package name' })
  @IsIdentifier()
  package!: string;

  @Matches(NO_WHITESPACE, { message: 'fromVersion must be a version without whitespace' })
  @IsIdentifier()
  fromVersion!: string;

  @Matches(NO_WHITESPACE, { message: 'toVersion must be a version without whitespace' })
  @IsIdentifier()
  toVersion!: string;

  @IsArray({ message: 'nodes must be an array of node names' })
  @ArrayMinSize(1, { message: 'nodes must name at least one node' })
  @HoldsAtMost('nodes')
  @Matches(NO_WHITESPACE, { each: true, message: 'each of nodes must be a node name without whitespace' })
  @IsIdentifier()
  nodes!: string[];

  @IsString({ message: 'reason must be a string' })
  @MinLength(1, { message: 'reason must say why the patch was applied' })
  reason!: string;

  @IsInstant('appliedAt')
  appliedAt!: string;

  @IsOptional()
  @IsString()
  by?: string;
}

export class ConfigurationDto {
  @Matches(NO_WHITESPACE, { message: 'repository must be 1-300 characters without whitespace' })
  @IsIdentifier()
  repository!: string;

  @Matches(GIT_SHA, { message: shaMessage('sha') })
  @IsIdentifier()
  sha!: string;

  @IsInstant('appliedAt')
  appliedAt!: string;
}

/** The environment a patch or configuration change went to, where a route takes it from its path. */
export class EnvironmentField {
  @Matches(ENVIRONMENT, { message: 'environment must be a lowercase environment name, e.g. site' })
  @IsIdentifier()
  environment!: string;
}
