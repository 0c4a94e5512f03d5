import { IsIn, IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';
import { DIGEST, digestMessage, NO_WHITESPACE, IsInstant } from '../rules/field-rules';
import { IsIdentifier } from '../rules/is-identifier';

export class ImageDto {
  /** The sha256 of the baked file. */
  @Matches(DIGEST, { message: digestMessage('digest') })
  @IsIdentifier()
  digest!: string;

  /** The baked file's name, e.g. autobuild-2026-11-25.tar.gz. */
  @Matches(NO_WHITESPACE, { message: 'name must be 1-300 characters without whitespace' })
  @IsIdentifier()
  name!: string;

  @Matches(DIGEST, { message: digestMessage('pinnedSetId') })
  @IsIdentifier()
  pinnedSetId!: string;

  @IsOptional()
  @IsString()
  @IsIdentifier()
  builderId?: string;

  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'buildUrl must be a URL' })
  @IsIdentifier()
  buildUrl?: string;

  @IsInstant('bakedAt')
  bakedAt!: string;

  @IsOptional()
  @IsString()
  @IsIdentifier()
  requestId?: string;
}

export class ReleaseCandidateDecisionDto {
  @IsIn(['promote', 'reject'], { message: 'decision must be "promote" or "reject"' })
  decision!: 'promote' | 'reject';

  @IsString({ message: 'reason must be a string' })
  @MinLength(1, { message: 'reason must say why' })
  reason!: string;
}
