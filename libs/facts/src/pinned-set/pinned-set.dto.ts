import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';
import { PackageVersionDto } from '../package-build/package-build.dto';
import { IsIdentifier } from '../rules/is-identifier';
import { HoldsAtMost } from '../rules/list-rules';
import { OptionalIdentifier } from '../rules/fields';

/** A pinned set as JSON: the pip-compile output as text, and the package builds it was pinned from. */
export class PinnedSetDto {
  @Matches(/^\S{1,200}$/, { message: 'name must be 1-200 characters without whitespace' })
  @IsIdentifier()
  name!: string;

  /** The requirements file exactly as pip-compile wrote it. */
  @IsString({ message: 'requirementsText must be the pip-compile output as a string' })
  @MinLength(1, { message: 'requirementsText must not be empty' })
  requirementsText!: string;

  @IsOptional()
  @IsArray()
  @HoldsAtMost('builds')
  // class-validator validates an item that is an array in place of the object it expects, so [[]] would pass.
  @IsObject({ each: true, message: 'each of builds must be an object with package and version' })
  @ValidateNested({ each: true })
  @Type(() => PackageVersionDto)
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
