import { Matches } from 'class-validator';
import { DIGEST, digestMessage } from './field-rules';
import { IsIdentifier } from './is-identifier';

export class DigestParam {
  @Matches(DIGEST, { message: digestMessage('digest') })
  @IsIdentifier()
  digest!: string;
}
