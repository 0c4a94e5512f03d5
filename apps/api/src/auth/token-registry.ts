import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenEntry } from '@provenance/config';
import type { Principal } from './roles';

/** Looks bearer tokens up by their SHA-256; the tokens themselves are never configured or kept. */
export class TokenRegistry {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(tokens: TokenEntry[]) {
    this.entries = tokens.map((token) => ({
      digest: Buffer.from(token.sha256, 'hex'),
      principal: { name: token.name, roles: token.roles },
    }));
  }

  get enabled(): boolean {
    return this.entries.length > 0;
  }

  principalFor(token: string): Principal | undefined {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    return this.entries.find((entry) => timingSafeEqual(entry.digest, digest))?.principal;
  }
}

export const TOKEN_REGISTRY = Symbol('TokenRegistry');
