import type { SqlQueryable } from '@provenance/event-store';
import { MOST_CANDIDATES, Resolution, resolutionOf, SHORTEST_PREFIX, startingWith } from './reference';

/**
 * Every repository the log knows (recorded commits', and builds' that name a commit before it
 * was recorded), found by skipping from one repository to the next along each table's index:
 * a lookup per repository, not a read of every commit.
 */
const KNOWN_REPOSITORIES = `
  WITH RECURSIVE
    commits(repository) AS (
      (SELECT repository FROM rm_commits ORDER BY repository LIMIT 1)
      UNION ALL
      SELECT (SELECT c.repository FROM rm_commits c WHERE c.repository > commits.repository ORDER BY c.repository LIMIT 1)
        FROM commits WHERE commits.repository IS NOT NULL),
    builds(repository) AS (
      (SELECT repository FROM rm_builds ORDER BY repository LIMIT 1)
      UNION ALL
      SELECT (SELECT b.repository FROM rm_builds b WHERE b.repository > builds.repository ORDER BY b.repository LIMIT 1)
        FROM builds WHERE builds.repository IS NOT NULL)
  SELECT repository FROM commits WHERE repository IS NOT NULL
  UNION SELECT repository FROM builds WHERE repository IS NOT NULL`;

/**
 * The repository a reference names: its full name as recorded, or, when exactly one repository
 * ends in it, its last path segment (`katcomp` for `https://github.com/ska-sa/katcomp`).
 */
export async function resolveRepository(db: SqlQueryable, reference: string): Promise<Resolution<string>> {
  const [{ exact }] = await db.query<{ exact: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM rm_commits WHERE repository = $1) OR EXISTS (SELECT 1 FROM rm_builds WHERE repository = $1) AS exact',
    [reference],
  );
  if (exact) return { kind: 'found', value: reference };
  const bySegment = await db.query<{ repository: string }>(
    `${KNOWN_REPOSITORIES} ORDER BY repository`,
    [],
  );
  const segmentOf = (repository: string) => [`/${reference}`, `:${reference}`, `/${reference}.git`].some((end) => repository.endsWith(end));
  return resolutionOf(
    bySegment.map((row) => row.repository).filter(segmentOf).slice(0, MOST_CANDIDATES + 1),
    () => Promise.resolve(bySegment.slice(0, MOST_CANDIDATES).map((row) => row.repository)),
  );
}

/** The commit of a repository a sha or its first 7 or more hex digits names. */
export async function resolveSha(db: SqlQueryable, repository: string, reference: string): Promise<Resolution<string>> {
  const matching = (prefix: string) =>
    // LIKE on a text_pattern_ops index: a range read of this repository's shas, in any collation.
    db.query<{ sha: string }>(
      `SELECT sha FROM rm_commits WHERE repository = $1 AND sha LIKE $2
       UNION SELECT sha FROM rm_builds WHERE repository = $1 AND sha LIKE $2
       ORDER BY sha LIMIT $3`, [
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
