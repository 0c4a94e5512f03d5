import { Matches } from 'class-validator';
import { DIGEST, digestMessage, ENVIRONMENT } from '@provenance/facts';

export class GateQueryDto {
  /** The image's digest, sha256:<64 hex digits>. */
  @Matches(DIGEST, { message: digestMessage('image') })
  image!: string;

  /** The environment it would go to, e.g. site. */
  @Matches(ENVIRONMENT, { message: 'environment must be a lowercase environment name, e.g. site' })
  environment!: string;
}
