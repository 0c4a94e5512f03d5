import type { SqlQueryable } from '@provenance/event-store';
import { iso, packagesOf } from './packages.sql';
import type { PackageProvenance, ProvenanceView } from './provenance.view';

export interface LineageView {
  image: { digest: string; name: string | null; bakedAt: string | null; builderId: string | null; buildUrl: string | null };
  pinnedSet: { id: string; name: string | null; builds: { package: string; version: string }[] } | null;
  packages: PackageProvenance[];
  aqfRuns: { runId: string; environment: string; startedAt: string; outcome: string | null; completedAt: string | null; reportUrl: string | null }[];
  decisions: { releaseCandidate: boolean; automatic: boolean; by: string; reason: string | null; decidedAt: string }[];
  releaseCandidate: boolean;
  unresolved: ProvenanceView['unresolved'];
}

/** Backwards from an image: its pinned set, builds and commits, plus its AQF runs and decisions. */
export async function lineageOf(db: SqlQueryable, digest: string): Promise<LineageView> {
  const knownAt = 'infinity';
  const [image] = await db.query<{ name: string; baked_at: string; builder_id: string | null; build_url: string | null; pinned_set_id: string }>(
    { name: 'lineage_image', text: `SELECT name, ${iso('baked_at')} AS baked_at, builder_id, build_url, pinned_set_id FROM rm_images WHERE digest = $1` },
    [digest],
  );
  const view: LineageView = {
    image: { digest, name: image?.name ?? null, bakedAt: image?.baked_at ?? null, builderId: image?.builder_id ?? null, buildUrl: image?.build_url ?? null },
    pinnedSet: null,
    packages: [],
    aqfRuns: [],
    decisions: [],
    releaseCandidate: false,
    unresolved: image ? [] : [{ kind: 'image', reference: digest, neededBy: 'this lineage' }],
  };
  if (image) {
    const [set] = await db.query<{ name: string; builds: { package: string; version: string }[] }>(
      { name: 'lineage_pinned_set', text: 'SELECT name, builds FROM rm_pinned_sets WHERE id = $1' },
      [image.pinned_set_id],
    );
    view.pinnedSet = { id: image.pinned_set_id, name: set?.name ?? null, builds: set?.builds ?? [] };
    if (!set) view.unresolved.push({ kind: 'pinned-set', reference: image.pinned_set_id, neededBy: `image ${digest}` });
    else {
      const { packages, unresolved } = await packagesOf(db, image.pinned_set_id, knownAt);
      view.packages = packages;
      view.unresolved.push(...unresolved);
    }
  }
  const runs = await db.query<{ run_id: string; environment: string; started_at: string; outcome: string | null; completed_at: string | null; report_url: string | null }>(
    { name: 'lineage_aqf_runs', text: `SELECT run_id, environment, ${iso('started_at')} AS started_at, outcome, ${iso('completed_at')} AS completed_at, report_url
       FROM rm_aqf_runs WHERE image_digest = $1 ORDER BY rm_aqf_runs.started_at, run_id` },
    [digest],
  );
  view.aqfRuns = runs.map((run) => ({
    runId: run.run_id,
    environment: run.environment,
    startedAt: run.started_at,
    outcome: run.outcome,
    completedAt: run.completed_at,
    reportUrl: run.report_url,
  }));
  const decisions = await db.query<{ promoted: boolean; automatic: boolean; decided_by: string; reason: string | null; decided_at: string }>(
    { name: 'lineage_decisions', text: `SELECT promoted, automatic, decided_by, reason, ${iso('decided_at')} AS decided_at FROM rm_candidate_decisions
      WHERE image_digest = $1 ORDER BY revision` },
    [digest],
  );
  view.decisions = decisions.map((d) => ({ releaseCandidate: d.promoted, automatic: d.automatic, by: d.decided_by, reason: d.reason, decidedAt: d.decided_at }));
  view.releaseCandidate = view.decisions.at(-1)?.releaseCandidate ?? false;
  return view;
}
