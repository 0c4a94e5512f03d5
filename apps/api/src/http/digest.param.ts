import { Matches } from 'class-validator';
import { DIGEST, digestMessage } from './field-rules';

export class DigestParam {
  @Matches(DIGEST, { message: digestMessage('digest') })
  digest!: string;
}
