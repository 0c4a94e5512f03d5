import { IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GIT_SHA, NO_WHITESPACE, shaMessage, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';
import { HoldsAtMost } from '../rules/list-rules';

export class CommitDto {
  /** The repository, e.g. https://github.com/ska-sa/katcomp or ska-sa/katcomp. */
  @Matches(NO_WHITESPACE, { message: 'repository must be 1-300 characters without whitespace' })
  @IsIdentifier()
  repository!: string;

  @Matches(GIT_SHA, { message: shaMessage('sha') })
  @IsIdentifier()
  sha!: string;

  @IsArray({ message: 'parents must be an array of shas' })
  @HoldsAtMost('parents')
  @Matches(GIT_SHA, { each: true, message: shaMessage('each of parents') })
  @IsIdentifier()
  parents!: string[];

  @IsOptional()
  @IsString()
  @IsIdentifier()
  branch?: string;

  @IsString({ message: 'author must be a string' })
  @MaxLength(300)
  author!: string;

  @IsString({ message: 'message must be a string' })
  message!: string;

  @IsInstant('committedAt')
  committedAt!: string;
}
