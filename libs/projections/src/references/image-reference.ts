import type { SqlQueryable } from '@provenance/event-store';
import { asDigest, isFullDigest, MOST_CANDIDATES, Resolution, resolutionOf, SHORTEST_PREFIX, startingWith } from './reference';

/** Every digest the log knows as an image: recorded, or deployed or tested before it was recorded. */
const knownDigests = (match: '=' | 'LIKE') => `
  SELECT digest FROM (
    SELECT digest FROM rm_images WHERE digest ${match} $1
    UNION SELECT image_digest FROM rm_deployments WHERE image_digest ${match} $1
    UNION SELECT image_digest FROM rm_aqf_runs WHERE image_digest ${match} $1
  ) known ORDER BY digest LIMIT $2`;

async function digestsMatching(db: SqlQueryable, digest: string): Promise<string[]> {
  const exact = isFullDigest(digest);
  const rows = await db.query<{ digest: string }>(knownDigests(exact ? '=' : 'LIKE'), [exact ? digest : startingWith(digest), MOST_CANDIDATES + 1]);
  return rows.map((row) => row.digest);
}

/**
 * The image a reference names: a digest, with or without `sha256:`, or its first 7 or more hex
 * digits. Unknown, it suggests the images that share the reference's first 7 hex digits.
 */
export async function resolveImage(db: SqlQueryable, reference: string): Promise<Resolution<string>> {
  const digest = asDigest(reference);
  const near = digest.slice(0, 'sha256:'.length + SHORTEST_PREFIX);
  return resolutionOf(await digestsMatching(db, digest), () => (near === digest ? Promise.resolve([]) : digestsMatching(db, near)));
}
