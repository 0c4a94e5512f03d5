import type { SqlQueryable } from '@provenance/event-store';
import { MOST_CANDIDATES, Resolution, resolutionOf, SHORTEST_PREFIX, startingWith } from './reference';

/** Every commit the log knows: recorded, or named by a build before it was recorded. */
const KNOWN_COMMITS = `
  SELECT repository, sha FROM rm_commits UNION SELECT repository, sha FROM rm_builds`;

/**
 * The repository a reference names: its full name as recorded, or, when exactly one repository
 * ends in it, its last path segment (`katcomp` for `https://github.com/ska-sa/katcomp`).
 */
export async function resolveRepository(db: SqlQueryable, reference: string): Promise<Resolution<string>> {
  const exact = await db.query<{ repository: string }>(`SELECT DISTINCT repository FROM (${KNOWN_COMMITS}) known WHERE repository = $1`, [reference]);
  if (exact.length > 0) return { kind: 'found', value: reference };
  const bySegment = await db.query<{ repository: string }>(
    `SELECT DISTINCT repository FROM (${KNOWN_COMMITS}) known
      WHERE right(repository, length($1) + 1) IN ('/' || $1, ':' || $1) OR right(repository, length($1) + 5) = '/' || $1 || '.git'
      ORDER BY repository LIMIT $2`,
    [reference, MOST_CANDIDATES + 1],
  );
  return resolutionOf(
    bySegment.map((row) => row.repository),
    async () => (await db.query<{ repository: string }>(`SELECT DISTINCT repository FROM (${KNOWN_COMMITS}) known ORDER BY repository LIMIT $1`, [MOST_CANDIDATES])).map((row) => row.repository),
  );
}

/** The commit of a repository a sha or its first 7 or more hex digits names. */
export async function resolveSha(db: SqlQueryable, repository: string, reference: string): Promise<Resolution<string>> {
  const matching = (prefix: string) =>
    db.query<{ sha: string }>(`SELECT DISTINCT sha FROM (${KNOWN_COMMITS}) known WHERE repository = $1 AND sha LIKE $2 ORDER BY sha LIMIT $3`, [
      repository,
      startingWith(prefix),
      MOST_CANDIDATES + 1,
    ]);
  const near = reference.slice(0, SHORTEST_PREFIX);
  return resolutionOf(
    (await matching(reference)).map((row) => row.sha),
    async () => (near === reference ? [] : (await matching(near)).map((row) => row.sha)),
  );
}
