import { createHash } from 'node:crypto';
import type { PinnedRequirement } from './pinned-requirement';

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The pinned set as deterministic JSON: requirements sorted by name, keys in a fixed order,
 * extras and hashes sorted. `via` is left out: it is pip-compile's annotation of why a package
 * is there, not part of what gets installed.
 */
export function canonicalPinnedSet(requirements: PinnedRequirement[]): string {
  const entries = requirements.map((requirement) => ({
    name: requirement.name,
    version: requirement.version,
    extras: [...requirement.extras].sort(byCodeUnits),
    marker: requirement.marker,
    url: requirement.url,
    editable: requirement.editable,
    hashes: [...requirement.hashes].sort(byCodeUnits),
  }));
  const serialised = entries
    .map((entry) => ({ name: entry.name, json: JSON.stringify(entry) }))
    // Ties on name are broken on the whole entry, so any input order serialises alike.
    .sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.json, b.json));
  return `[${serialised.map((entry) => entry.json).join(',')}]`;
}

/** `sha256:<hex>` of the canonical form: equal for files that differ only in order, comments or `# via`. */
export function pinnedSetIdOf(requirements: PinnedRequirement[]): string {
  return `sha256:${createHash('sha256').update(canonicalPinnedSet(requirements), 'utf8').digest('hex')}`;
}
