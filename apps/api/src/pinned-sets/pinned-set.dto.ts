import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';
import { PackageVersionDto } from '../builds/package-build.dto';

/** A pinned set as JSON: the pip-compile output as text, and the package builds it was pinned from. */
export class PinnedSetDto {
  @Matches(/^\S{1,200}$/, { message: 'name must be 1-200 characters without whitespace' })
  name!: string;

  /** The requirements file exactly as pip-compile wrote it. */
  @IsString({ message: 'requirementsText must be the pip-compile output as a string' })
  @MinLength(1, { message: 'requirementsText must not be empty' })
  requirementsText!: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PackageVersionDto)
  builds?: PackageVersionDto[];

  @IsOptional()
  @IsString()
  requestId?: string;
}

/** Query parameters when the body is text/plain. */
export class PinnedSetTextQuery {
  @Matches(/^\S{1,200}$/, { message: 'name must be 1-200 characters without whitespace' })
  name!: string;

  /** The package builds it was pinned from: `katcomp==1.2.0,katobs==0.9.1`. */
  @IsOptional()
  @Matches(/^[^,=\s]+==[^,=\s]+(,[^,=\s]+==[^,=\s]+)*$/, { message: 'builds must be package==version pairs separated by commas' })
  builds?: string;

  @IsOptional()
  @IsString()
  requestId?: string;
}
