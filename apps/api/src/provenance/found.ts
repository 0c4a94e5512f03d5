import { ConflictException, NotFoundException } from '@nestjs/common';
import type { Resolution } from '@provenance/projections';

interface Named {
  /** What was asked about, as the answer names it: `image sha256:6fd89f0`, `environment nosuch`. */
  what: string;
  /** What to say about the values that might have been meant. */
  near?: (values: string[]) => string;
}

const didYouMean = (values: string[]) => `did you mean ${values.join(' or ')}?`;

/**
 * The value a reference resolved to; else 404 naming what is not on record (and what might have
 * been meant), or 409 listing every value an ambiguous reference could be.
 */
export function found(resolution: Resolution<string>, { what, near = didYouMean }: Named): string {
  switch (resolution.kind) {
    case 'found':
      return resolution.value;
    case 'unknown':
      throw new NotFoundException(`no ${what} on record${resolution.didYouMean.length > 0 ? `; ${near(resolution.didYouMean)}` : ''}`);
    case 'ambiguous':
      throw new ConflictException(`${what} could be any of ${resolution.candidates.join(', ')}; give more of it`);
  }
}
