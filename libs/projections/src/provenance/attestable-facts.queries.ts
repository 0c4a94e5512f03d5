import type { SqlQueryable } from '@provenance/event-store';
import { iso, RESOLVED_VERSION } from './packages.sql';
import type { Moment } from './provenance.queries';
import type { ProvenanceView } from './provenance.view';

/** A package build as recorded, with whether its commit is on record too. */
export interface RecordedBuild {
  package: string;
  version: string;
  repository: string;
  sha: string;
  outcome: string;
  artifact: { filename: string; sha256: string } | null;
  buildUrl: string | null;
  builtAgainst: { package: string; version: string }[];
  finishedAt: string;
  commitRecorded: boolean;
}

export interface RecordedAqfRun {
  runId: string;
  imageDigest: string;
  environment: string;
  startedAt: string;
  outcome: string;
  passed: number;
  failed: number;
  skipped: number;
  reportUrl: string | null;
  completedAt: string;
}

export interface RecordedDecision {
  revision: string;
  releaseCandidate: boolean;
  automatic: boolean;
  by: string;
  reason: string | null;
  aqfRunIds: string[];
  decidedAt: string;
}

/** Every recorded fact about one image that a signed statement can rest on, as known at a moment. */
export interface ImageFactsView {
  image: { digest: string; name: string; builderId: string | null; buildUrl: string | null; bakedAt: string } | null;
  pinnedSet: {
    id: string;
    name: string;
    requirements: { name: string; version: string | null; url: string | null; hashes: string[] }[];
  } | null;
  /** The builds of the set's requirements and of what those were built against, by `package==version`. */
  builds: RecordedBuild[];
  /** Completed AQF runs of the image, in the order they completed. */
  aqfRuns: RecordedAqfRun[];
  /** Release-candidate decisions, oldest first. */
  decisions: RecordedDecision[];
  unresolved: ProvenanceView['unresolved'];
}

/** The image's facts that occurred by `at` and were on record by `knownAt` (both default: now). */
export async function imageFactsOf(db: SqlQueryable, digest: string, moment: Moment = {}): Promise<ImageFactsView> {
  const at = moment.at ?? 'infinity';
  const knownAt = moment.knownAt ?? 'infinity';
  const view: ImageFactsView = { image: null, pinnedSet: null, builds: [], aqfRuns: await aqfRunsOf(db, digest, at, knownAt), decisions: [], unresolved: [] };
  view.decisions = await decisionsOf(db, digest, at, knownAt);
  const [image] = await db.query<{ name: string; builder_id: string | null; build_url: string | null; baked_at: string; pinned_set_id: string }>(
    `SELECT name, builder_id, build_url, ${iso('baked_at')} AS baked_at, pinned_set_id FROM rm_images WHERE digest = $1 AND recorded_at <= $2`,
    [digest, knownAt],
  );
  if (!image) {
    view.unresolved.push({ kind: 'image', reference: digest, neededBy: 'its attestations' });
    return view;
  }
  view.image = { digest, name: image.name, builderId: image.builder_id, buildUrl: image.build_url, bakedAt: image.baked_at };
  const [set] = await db.query<{ name: string }>('SELECT name FROM rm_pinned_sets WHERE id = $1 AND recorded_at <= $2', [image.pinned_set_id, knownAt]);
  if (!set) {
    view.pinnedSet = null;
    view.unresolved.push({ kind: 'pinned-set', reference: image.pinned_set_id, neededBy: `image ${digest}` });
    return view;
  }
  const requirements = await db.query<{ name: string; version: string | null; url: string | null; hashes: string[] }>(
    `SELECT r.name, ${RESOLVED_VERSION} AS version, r.url, r.hashes
       FROM rm_pinned_requirements r JOIN rm_pinned_sets s ON s.id = r.pinned_set_id
      WHERE r.pinned_set_id = $1 ORDER BY r.name`,
    [image.pinned_set_id],
  );
  view.pinnedSet = { id: image.pinned_set_id, name: set.name, requirements };
  view.builds = await buildsOf(db, requirements, knownAt);
  for (const build of view.builds) {
    if (!build.commitRecorded) view.unresolved.push({ kind: 'commit', reference: `${build.repository}@${build.sha}`, neededBy: `build ${build.package} ${build.version}` });
  }
  return view;
}

/** These package builds as recorded now, with the builds they were built against that are on record. */
export function packageBuildFactsOf(db: SqlQueryable, builds: { package: string; version: string }[]): Promise<RecordedBuild[]> {
  return buildsOf(db, builds.map((build) => ({ name: build.package, version: build.version })), 'infinity');
}

async function buildsOf(db: SqlQueryable, requirements: { name: string; version: string | null }[], knownAt: string): Promise<RecordedBuild[]> {
  const wanted = requirements.filter((r) => r.version !== null).map((r) => ({ package: r.name, version: r.version }));
  const select = (pairs: unknown[]) =>
    db.query<{
      package: string; version: string; repository: string; sha: string; outcome: string; artifact_filename: string | null; artifact_sha256: string | null;
      build_url: string | null; built_against: { package: string; version: string }[]; finished_at: string; commit_recorded: boolean;
    }>(
      `SELECT b.package, b.version, b.repository, b.sha, b.outcome, b.artifact_filename, b.artifact_sha256, b.build_url, b.built_against,
              ${iso('b.finished_at')} AS finished_at, EXISTS (SELECT 1 FROM rm_commits c WHERE c.repository = b.repository AND c.sha = b.sha AND c.recorded_at <= $2) AS commit_recorded
         FROM rm_builds b JOIN jsonb_to_recordset($1::jsonb) AS w(package text, version text) ON w.package = b.package AND w.version = b.version
        WHERE b.recorded_at <= $2 ORDER BY b.package, b.version`,
      [JSON.stringify(pairs), knownAt],
    );
  const rows = await select(wanted);
  const have = new Set(rows.map((row) => `${row.package}==${row.version}`));
  const upstream = rows.flatMap((row) => row.built_against).filter((pair) => !have.has(`${pair.package}==${pair.version}`));
  if (upstream.length > 0) rows.push(...(await select(upstream)));
  return rows.map((row) => ({
    package: row.package,
    version: row.version,
    repository: row.repository,
    sha: row.sha,
    outcome: row.outcome,
    artifact: row.artifact_filename && row.artifact_sha256 ? { filename: row.artifact_filename, sha256: row.artifact_sha256 } : null,
    buildUrl: row.build_url,
    builtAgainst: row.built_against,
    finishedAt: row.finished_at,
    commitRecorded: row.commit_recorded,
  }));
}

async function aqfRunsOf(db: SqlQueryable, digest: string, at: string, knownAt: string): Promise<RecordedAqfRun[]> {
  const rows = await db.query<{
    run_id: string; environment: string; started_at: string; outcome: string; passed: number; failed: number; skipped: number; report_url: string | null; completed_at: string;
  }>(
    `SELECT run_id, environment, ${iso('started_at')} AS started_at, outcome, passed, failed, skipped, report_url, ${iso('completed_at')} AS completed_at
       FROM rm_aqf_runs
      WHERE image_digest = $1 AND outcome IS NOT NULL AND completed_at <= $2 AND result_recorded_at <= $3
      ORDER BY rm_aqf_runs.completed_at, run_id`,
    [digest, at, knownAt],
  );
  return rows.map((row) => ({
    runId: row.run_id, imageDigest: digest, environment: row.environment, startedAt: row.started_at, outcome: row.outcome,
    passed: row.passed, failed: row.failed, skipped: row.skipped, reportUrl: row.report_url, completedAt: row.completed_at,
  }));
}

async function decisionsOf(db: SqlQueryable, digest: string, at: string, knownAt: string): Promise<RecordedDecision[]> {
  const rows = await db.query<{ revision: string; promoted: boolean; automatic: boolean; decided_by: string; reason: string | null; aqf_runs: { runId: string }[]; decided_at: string }>(
    `SELECT revision::text AS revision, promoted, automatic, decided_by, reason, aqf_runs, ${iso('decided_at')} AS decided_at
       FROM rm_candidate_decisions WHERE image_digest = $1 AND decided_at <= $2 AND recorded_at <= $3 ORDER BY rm_candidate_decisions.revision`,
    [digest, at, knownAt],
  );
  return rows.map((row) => ({
    revision: row.revision, releaseCandidate: row.promoted, automatic: row.automatic, by: row.decided_by, reason: row.reason,
    aqfRunIds: row.aqf_runs.map((run) => run.runId), decidedAt: row.decided_at,
  }));
}
