import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { NO_WHITESPACE, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';
import { EnvironmentName, GitSha, Identifier, NoWhitespace, NodeNames, PackageName } from '../rules/fields';

export class EnvironmentParam {
  @EnvironmentName('env', 'site')
  env!: string;
}

export class PatchDto {
  @Identifier('patchId')
  patchId!: string;

  @PackageName()
  package!: string;

  @Matches(NO_WHITESPACE, { message: 'fromVersion must be a version without whitespace' })
  @IsIdentifier()
  fromVersion!: string;

  @Matches(NO_WHITESPACE, { message: 'toVersion must be a version without whitespace' })
  @IsIdentifier()
  toVersion!: string;

  @NodeNames()
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
  @NoWhitespace('repository')
  repository!: string;

  @GitSha('sha')
  sha!: string;

  @IsInstant('appliedAt')
  appliedAt!: string;
}

/** The environment a patch or configuration change went to, where a route takes it from its path. */
export class EnvironmentField {
  @EnvironmentName('environment', 'site')
  environment!: string;
}
