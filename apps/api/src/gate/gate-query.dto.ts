import { Matches } from 'class-validator';
import { ENVIRONMENT } from '@provenance/facts';
import { IMAGE_REFERENCE } from '@provenance/projections';

export class GateQueryDto {
  /** The image: its digest (sha256:<64 hex digits>), or its first 7 or more hex digits. */
  @Matches(IMAGE_REFERENCE, { message: 'image must be an image digest (sha256:<64 hex digits>), with or without sha256:, or at least its first 7 hex digits' })
  image!: string;

  /** The environment it would go to, e.g. site. */
  @Matches(ENVIRONMENT, { message: 'environment must be a lowercase environment name, e.g. site' })
  environment!: string;
}
