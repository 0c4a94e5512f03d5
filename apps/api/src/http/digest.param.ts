import { DIGEST, digestMessage, IsIdentifier } from '@provenance/facts';
import { Matches } from 'class-validator';

export class DigestParam {
  @Matches(DIGEST, { message: digestMessage('digest') })
  @IsIdentifier()
  digest!: string;
}
