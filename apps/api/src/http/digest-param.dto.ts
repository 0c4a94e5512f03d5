import { Digest } from '@provenance/facts';

export class DigestParam {
  @Digest('digest')
  digest!: string;
}
