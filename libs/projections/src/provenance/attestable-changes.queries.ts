import type { SqlQueryable } from '@provenance/event-store';
import type { AttestableChanges } from './attestable-changes';
import { RESOLVED_VERSION } from './packages.sql';

type PackageVersion = { package: string; version: string };

/** Whose statements a stretch of the log may have changed: images, and package builds in no image. */
export interface AttestedSubjects {
  images: string[];
  /** Changed builds (and builds built against them) that no recorded image's pinned set names: their statement stands alone. */
  loneBuilds: PackageVersion[];
}

/**
 * The images whose statements these changes may alter (their own facts, their pinned set, a
 * build their set names or one of those was built against, a build's source commit), and the
 * changed builds no image names. Errs on the side of more: the caller rebuilds and compares.
 */
export async function attestedSubjectsOf(db: SqlQueryable, changes: AttestableChanges): Promise<AttestedSubjects> {
  const changed = new Map(changes.builds.map((build) => [`${build.package}==${build.version}`, build]));
  if (changes.commits.length > 0) {
    const fromCommits = await db.query<PackageVersion>(
      `SELECT b.package, b.version FROM rm_builds b JOIN jsonb_to_recordset($1::jsonb) AS w(repository text, sha text) ON w.repository = b.repository AND w.sha = b.sha`,
      [JSON.stringify(changes.commits)],
    );
    for (const build of fromCommits) changed.set(`${build.package}==${build.version}`, build);
  }
  const builds = [...changed.values()];
  // A build's statement names the artifacts of what it was built against, so theirs changes it.
  const downstream = builds.length === 0 ? [] : await db.query<PackageVersion>(
    `SELECT b.package, b.version FROM rm_builds b
      WHERE EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS w(package text, version text)
                     WHERE b.built_against @> jsonb_build_array(jsonb_build_object('package', w.package, 'version', w.version)))`,
    [JSON.stringify(builds)],
  );
  const named = [...new Map([...builds, ...downstream].map((build) => [`${build.package}==${build.version}`, build])).values()];
  const containing = named.length === 0 ? [] : await db.query<{ digest: string; package: string; version: string }>(
    `SELECT DISTINCT i.digest, r.name AS package, v.version
       FROM rm_pinned_requirements r
       JOIN rm_pinned_sets s ON s.id = r.pinned_set_id
       CROSS JOIN LATERAL (SELECT ${RESOLVED_VERSION} AS version) v
       JOIN jsonb_to_recordset($1::jsonb) AS w(package text, version text) ON w.package = r.name AND w.version = v.version
       JOIN rm_images i ON i.pinned_set_id = r.pinned_set_id`,
    [JSON.stringify(named)],
  );
  const bySet = changes.pinnedSets.length === 0 ? [] : await db.query<{ digest: string }>('SELECT digest FROM rm_images WHERE pinned_set_id = ANY($1)', [changes.pinnedSets]);
  const inSomeImage = new Set(containing.map((row) => `${row.package}==${row.version}`));
  return {
    images: [...new Set([...changes.images, ...containing.map((row) => row.digest), ...bySet.map((row) => row.digest)])],
    loneBuilds: named.filter((build) => !inSomeImage.has(`${build.package}==${build.version}`)),
  };
}
