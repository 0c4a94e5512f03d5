import { IsIn, IsString, MinLength } from 'class-validator';
import { IsInstant } from '../rules/field-rules';
import { Digest, NoWhitespace, OptionalIdentifier, OptionalUrl } from '../rules/fields';

export class ImageDto {
  /** The sha256 of the baked file. */
  @Digest('digest')
  digest!: string;

  /** The baked file's name, e.g. autobuild-2026-11-25.tar.gz. */
  @NoWhitespace('name')
  name!: string;

  @Digest('pinnedSetId')
  pinnedSetId!: string;

  @OptionalIdentifier()
  builderId?: string;

  @OptionalUrl('buildUrl')
  buildUrl?: string;

  @IsInstant('bakedAt')
  bakedAt!: string;

  @OptionalIdentifier()
  requestId?: string;
}

export class ReleaseCandidateDecisionDto {
  @IsIn(['promote', 'reject'], { message: 'decision must be "promote" or "reject"' })
  decision!: 'promote' | 'reject';

  @IsString({ message: 'reason must be a string' })
  @MinLength(1, { message: 'reason must say why' })
  reason!: string;
}
