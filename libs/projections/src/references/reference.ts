/**
 * What a reference a person typed (a short digest, a short sha, a repository's last path
 * segment) names on record: exactly one thing, nothing (with what it might have meant), or
 * several (all of them, so the next try can be exact).
 */
export type Resolution<T> = { kind: 'found'; value: T } | { kind: 'unknown'; didYouMean: T[] } | { kind: 'ambiguous'; candidates: T[] };

/** The fewest hex digits a short digest or sha may have, as `git` abbreviates. */
export const SHORTEST_PREFIX = 7;

/** How many candidates an ambiguous or mistyped reference lists. */
export const MOST_CANDIDATES = 10;

/** A digest with or without `sha256:`, or at least its first 7 hex digits. */
export const IMAGE_REFERENCE = /^(sha256:)?[0-9a-f]{7,64}$/;

/** A git sha, or at least its first 7 hex digits. */
export const SHA_REFERENCE = /^[0-9a-f]{7,64}$/;

/** A whole digest, `sha256:` and 64 hex digits: it needs no resolving. */
export const isFullDigest = (reference: string) => /^sha256:[0-9a-f]{64}$/.test(reference);

/** `sha256:<hex>` from a reference with or without the prefix. */
export const asDigest = (reference: string) => (reference.startsWith('sha256:') ? reference : `sha256:${reference}`);

/** A LIKE pattern matching every value that starts with `prefix` (which holds no LIKE wildcards: it is hex). */
export const startingWith = (prefix: string) => `${prefix}%`;

/** The outcome for the values that matched a prefix, at most MOST_CANDIDATES + 1 of them. */
export function resolutionOf<T>(matches: T[], didYouMean: () => Promise<T[]>): Promise<Resolution<T>> {
  if (matches.length === 1) return Promise.resolve({ kind: 'found', value: matches[0] });
  if (matches.length > 1) return Promise.resolve({ kind: 'ambiguous', candidates: matches.slice(0, MOST_CANDIDATES) });
  return didYouMean().then((near) => ({ kind: 'unknown', didYouMean: near.slice(0, MOST_CANDIDATES) }));
}
