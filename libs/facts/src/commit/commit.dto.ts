import { IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { GIT_SHA, shaMessage, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';
import { HoldsAtMost } from '../rules/list-rules';
import { GitSha, NoWhitespace, OptionalIdentifier } from '../rules/fields';

export class CommitDto {
  /** The repository, e.g. https://github.com/ska-sa/katcomp or ska-sa/katcomp. */
  @NoWhitespace('repository')
  repository!: string;

  @GitSha('sha')
  sha!: string;

  @IsArray({ message: 'parents must be an array of shas' })
  @HoldsAtMost('parents')
  @Matches(GIT_SHA, { each: true, message: shaMessage('each of parents') })
  @IsIdentifier()
  parents!: string[];

  @OptionalIdentifier()
  branch?: string;

  @IsString({ message: 'author must be a string' })
  @MaxLength(300)
  author!: string;

  @IsString({ message: 'message must be a string' })
  message!: string;

  @IsInstant('committedAt')
  committedAt!: string;
}
