import type { SqlQueryable } from '@provenance/event-store';
import type { PackageProvenance, ProvenanceView } from './provenance.view';

/** ISO 8601 in UTC with milliseconds, the way every time leaves this service. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A requirement's version (`r` requirement): pinned with `==`, or, for a VCS or path requirement
 * that pins no version, the version of the build the set names as pinned from. Written with the
 * row, so "which sets hold this build" is an index lookup, not a scan of every set.
 */
export const RESOLVED_VERSION = 'r.resolved_version';

/** Every requirement of a pinned set with its build and source commit, as known at `knownAt`. */
export async function packagesOf(
  db: SqlQueryable,
  pinnedSetId: string,
  knownAt: string,
): Promise<{ packages: PackageProvenance[]; unresolved: ProvenanceView['unresolved'] }> {
  const rows = await db.query<{
    name: string; version: string | null; artifact_sha256: string | null; build_url: string | null; finished_at: string | null;
    outcome: string | null; repository: string | null; sha: string | null; author: string | null; committed_at: string | null;
    has_build: boolean; has_commit: boolean;
  }>(
    { name: 'packages_of_pinned_set', text: `SELECT r.name, v.version, b.artifact_sha256, b.build_url, ${iso('b.finished_at')} AS finished_at, b.outcome,
            b.repository, b.sha, c.author, ${iso('c.committed_at')} AS committed_at,
            b.package IS NOT NULL AS has_build, c.sha IS NOT NULL AS has_commit
       FROM rm_pinned_requirements r
       JOIN rm_pinned_sets s ON s.id = r.pinned_set_id
       CROSS JOIN LATERAL (SELECT ${RESOLVED_VERSION} AS version) v
       LEFT JOIN rm_builds b ON b.package = r.name AND b.version = v.version AND b.recorded_at <= $2
       LEFT JOIN rm_commits c ON c.repository = b.repository AND c.sha = b.sha AND c.recorded_at <= $2
      WHERE r.pinned_set_id = $1
      ORDER BY r.name` },
    [pinnedSetId, knownAt],
  );
  const unresolved: ProvenanceView['unresolved'] = [];
  const packages = rows.map((row): PackageProvenance => {
    if (row.has_build && !row.has_commit) {
      unresolved.push({ kind: 'commit', reference: `${row.repository}@${row.sha}`, neededBy: `build ${row.name} ${row.version}` });
    }
    return {
      name: row.name,
      version: row.version,
      artifactSha256: row.artifact_sha256,
      build: row.has_build ? { buildUrl: row.build_url, finishedAt: row.finished_at!, outcome: row.outcome! } : null,
      source: row.has_commit ? { repository: row.repository!, sha: row.sha!, author: row.author!, committedAt: row.committed_at! } : null,
    };
  });
  return { packages, unresolved };
}
