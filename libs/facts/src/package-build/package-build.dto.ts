import 'reflect-metadata';
import { IsIn, IsString, Matches } from 'class-validator';
import { IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';
import { GitSha, NoWhitespace, OptionalIdentifier, OptionalObject, OptionalPackageVersions, OptionalUrl, PackageName } from '../rules/fields';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]{0,63}$/;

export class ArtifactDto {
  @IsString({ message: 'artifact.filename must be a string' })
  @NoWhitespace('artifact.filename')
  filename!: string;

  @Matches(/^[0-9a-f]{64}$/, { message: 'artifact.sha256 must be 64 lowercase hex digits' })
  @IsIdentifier()
  sha256!: string;
}

export class PackageVersionDto {
  @PackageName()
  package!: string;

  @Matches(VERSION, { message: 'version must be a package version, e.g. 1.4.2.dev37+g0a1b2c3' })
  @IsIdentifier()
  version!: string;
}

export class PackageBuildDto extends PackageVersionDto {
  @NoWhitespace('repository')
  repository!: string;

  @GitSha('sha')
  sha!: string;

  @IsIn(['passed', 'failed'], { message: 'outcome must be "passed" or "failed"' })
  outcome!: 'passed' | 'failed';

  /** The built artifact; required when the build passed. */
  @OptionalObject('artifact', 'filename and sha256', () => ArtifactDto)
  artifact?: ArtifactDto;

  @OptionalUrl('buildUrl')
  buildUrl?: string;

  /** The upstream package versions this build was built against. */
  @OptionalPackageVersions('builtAgainst', () => PackageVersionDto)
  builtAgainst?: PackageVersionDto[];

  @IsInstant('finishedAt')
  finishedAt!: string;

  @OptionalIdentifier()
  requestId?: string;
}
