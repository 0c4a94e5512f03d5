import type { SqlQueryable } from '@provenance/event-store';
import { iso, RESOLVED_VERSION } from './packages.sql';

export interface ImpactView {
  commit: { repository: string; sha: string; author: string | null; message: string | null; committedAt: string | null; recorded: boolean };
  builds: { package: string; version: string; outcome: string; finishedAt: string }[];
  pinnedSets: { id: string; name: string; packages: string[] }[];
  images: { digest: string; name: string; bakedAt: string; pinnedSetId: string; releaseCandidate: boolean | null; aqfRuns: { runId: string; environment: string; outcome: string | null }[] }[];
  /** Where it runs or ran: deployed in an image, or put on nodes by a hot-fix patch, with the interval. */
  environments: {
    environment: string;
    via: 'deployment' | 'patch';
    imageDigest: string | null;
    deploymentId: string | null;
    patchId: string | null;
    from: string;
    until: string | null;
    runningNow: boolean;
  }[];
}

/** Forwards from a commit: builds, pinned sets, images, AQF results, and where it runs or ran. */
export async function impactOf(db: SqlQueryable, repository: string, sha: string): Promise<ImpactView> {
  const [commit] = await db.query<{ author: string; message: string; committed_at: string }>(
    { name: 'impact_commit', text: `SELECT author, message, ${iso('committed_at')} AS committed_at FROM rm_commits WHERE repository = $1 AND sha = $2` },
    [repository, sha],
  );
  const builds = await db.query<{ package: string; version: string; outcome: string; finished_at: string }>(
    { name: 'impact_builds', text: `SELECT package, version, outcome, ${iso('finished_at')} AS finished_at FROM rm_builds WHERE repository = $1 AND sha = $2 ORDER BY package, version` },
    [repository, sha],
  );
  const sets = await db.query<{ id: string; name: string; packages: string[] }>(
    { name: 'impact_pinned_sets', text: `SELECT s.id, s.name, array_agg(r.name ORDER BY r.name) AS packages
       FROM rm_builds b
       JOIN rm_pinned_requirements r ON r.name = b.package
       JOIN rm_pinned_sets s ON s.id = r.pinned_set_id
      WHERE b.repository = $1 AND b.sha = $2 AND ${RESOLVED_VERSION} = b.version
      GROUP BY s.id, s.name ORDER BY s.name, s.id` },
    [repository, sha],
  );
  const setIds = sets.map((set) => set.id);
  const images = await db.query<{ digest: string; name: string; baked_at: string; pinned_set_id: string; promoted: boolean | null; runs: { runId: string; environment: string; outcome: string | null }[] }>(
    { name: 'impact_images', text: `SELECT i.digest, i.name, ${iso('i.baked_at')} AS baked_at, i.pinned_set_id,
            (SELECT d.promoted FROM rm_candidate_decisions d WHERE d.image_digest = i.digest ORDER BY d.revision DESC LIMIT 1) AS promoted,
            COALESCE((SELECT json_agg(json_build_object('runId', a.run_id, 'environment', a.environment, 'outcome', a.outcome) ORDER BY a.started_at, a.run_id)
                        FROM rm_aqf_runs a WHERE a.image_digest = i.digest), '[]') AS runs
       FROM rm_images i WHERE i.pinned_set_id = ANY($1::text[]) ORDER BY i.baked_at, i.digest` },
    [setIds],
  );
  const digests = images.map((image) => image.digest);
  // Each deployment of these images until the next one in its environment that did not fail: an
  // index lookup per deployment, so the answer costs the same however long the history is.
  const intervals = await db.query<{ environment: string; image_digest: string; deployment_id: string; started_at: string; until: string | null }>(
    { name: 'impact_deployments', text: `SELECT d.environment, d.image_digest, d.deployment_id, ${iso('d.started_at')} AS started_at, ${iso('next.started_at')} AS until
       FROM rm_deployments d
       LEFT JOIN LATERAL (
         SELECT x.started_at FROM rm_deployments x
          WHERE x.environment = d.environment AND NOT COALESCE(x.outcome = 'failed', false)
            AND x.started_at >= d.started_at AND (x.started_at, x.deployment_id) > (d.started_at, d.deployment_id)
          ORDER BY x.started_at, x.deployment_id LIMIT 1) next ON true
      WHERE d.image_digest = ANY($1::text[]) AND NOT COALESCE(d.outcome = 'failed', false)
      ORDER BY d.environment, d.started_at` },
    [digests],
  );
  // A hot-fix patch that put a build of this commit on running nodes, until the next deployment there.
  const patched = await db.query<{ environment: string; patch_id: string; applied_at: string; until: string | null }>(
    { name: 'impact_patches', text: `SELECT p.environment, p.patch_id, ${iso('p.applied_at')} AS applied_at,
            ${iso(`(SELECT min(d.started_at) FROM rm_deployments d
                     WHERE d.environment = p.environment AND d.started_at > p.applied_at
                       AND NOT COALESCE(d.outcome = 'failed', false))`)} AS until
       FROM rm_patches p JOIN rm_builds b ON b.package = p.package AND b.version = p.to_version
      WHERE b.repository = $1 AND b.sha = $2` },
    [repository, sha],
  );
  return {
    commit: { repository, sha, author: commit?.author ?? null, message: commit?.message ?? null, committedAt: commit?.committed_at ?? null, recorded: !!commit },
    builds: builds.map((b) => ({ package: b.package, version: b.version, outcome: b.outcome, finishedAt: b.finished_at })),
    pinnedSets: sets.map((set) => ({ id: set.id, name: set.name, packages: set.packages })),
    images: images.map((image) => ({
      digest: image.digest,
      name: image.name,
      bakedAt: image.baked_at,
      pinnedSetId: image.pinned_set_id,
      releaseCandidate: image.promoted,
      aqfRuns: image.runs,
    })),
    environments: [
      ...intervals.map((interval) => ({
        environment: interval.environment,
        via: 'deployment' as const,
        imageDigest: interval.image_digest,
        deploymentId: interval.deployment_id,
        patchId: null,
        from: interval.started_at,
        until: interval.until,
        runningNow: interval.until === null,
      })),
      ...patched.map((patch) => ({
        environment: patch.environment,
        via: 'patch' as const,
        imageDigest: null,
        deploymentId: null,
        patchId: patch.patch_id,
        from: patch.applied_at,
        until: patch.until,
        runningNow: patch.until === null,
      })),
    ].sort((a, b) => a.environment.localeCompare(b.environment) || a.from.localeCompare(b.from)),
  };
}
