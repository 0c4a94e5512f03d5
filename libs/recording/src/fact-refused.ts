import type { Refusal } from '@provenance/domain';

/** A command the domain refused: identity conflicts become 409, broken rules 422. */
export class FactRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
