import 'reflect-metadata';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { PackageVersionDto } from '../package-build/package-build.dto';
import { IsIdentifier } from '../rules/is-identifier';
import { OptionalIdentifier, OptionalPackageVersions } from '../rules/fields';

/** A pinned set as JSON: the pip-compile output as text, and the package builds it was pinned from. */
export class PinnedSetDto {
  @Matches(/^\S{1,200}$/, { message: 'name must be 1-200 characters without whitespace' })
  @IsIdentifier()
  name!: string;

  /** The requirements file exactly as pip-compile wrote it. */
  @IsString({ message: 'requirementsText must be the pip-compile output as a string' })
  @MinLength(1, { message: 'requirementsText must not be empty' })
  requirementsText!: string;

  @OptionalPackageVersions('builds', () => PackageVersionDto)
  builds?: PackageVersionDto[];

  @OptionalIdentifier()
  requestId?: string;
}

/** Query parameters when the body is text/plain. */
export class PinnedSetTextQuery {
  @Matches(/^\S{1,200}$/, { message: 'name must be 1-200 characters without whitespace' })
  @IsIdentifier()
  name!: string;

  /** The package builds it was pinned from: `katcomp==1.2.0,katobs==0.9.1`. */
  @IsOptional()
  @Matches(/^[^,=\s]+==[^,=\s]+(,[^,=\s]+==[^,=\s]+)*$/, { message: 'builds must be package==version pairs separated by commas' })
  @IsIdentifier()
  builds?: string;

  @OptionalIdentifier()
  requestId?: string;
}
