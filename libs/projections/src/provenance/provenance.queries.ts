import type { SqlQueryable } from '@provenance/event-store';
import { iso, packagesOf } from './packages.sql';
import type { ProvenanceView } from './provenance.view';
import { runningVersions } from './running-versions';


export interface Moment {
  /** Occurred-at axis: what was running at this time (default: now). */
  at?: string;
  /** Recorded-at axis: as the log knew it at this time (default: now). */
  knownAt?: string;
}

/**
 * Reads of the provenance read model. Every query takes both time axes: rows recorded after
 * `knownAt` are invisible, and facts that occurred after `at` do not count.
 */
export class ProvenanceQueries {
  constructor(private readonly db: SqlQueryable) {}

  async environments(): Promise<string[]> {
    const rows = await this.db.query<{ environment: string }>(
      `SELECT environment FROM rm_deployments UNION SELECT environment FROM rm_patches
       UNION SELECT environment FROM rm_configurations ORDER BY environment`,
    );
    return rows.map((row) => row.environment);
  }

  async provenance(environment: string, moment: Moment = {}): Promise<ProvenanceView> {
    const at = moment.at ?? 'infinity';
    const knownAt = moment.knownAt ?? 'infinity';
    const unresolved: ProvenanceView['unresolved'] = [];
    const view: ProvenanceView = {
      environment,
      at: moment.at ?? null,
      knownAt: moment.knownAt ?? null,
      deployment: null,
      image: null,
      pinnedSet: null,
      packages: [],
      verification: { releaseCandidate: false, decidedBy: null, automatic: null, reason: null, aqfRuns: [] },
      patches: [],
      drift: false,
      running: [],
      configRevision: null,
      policyViolations: [],
      unresolved,
    };

    const [deployment] = await this.db.query<{
      deployment_id: string; image_digest: string; started_at: string; finished_at: string | null; outcome: string | null;
      nodes: string[]; deployed_by: string; recorded_by: string | null; policy_violations: string[]; config_repository: string | null; config_sha: string | null;
    }>(
      { name: 'provenance_deployment', text: `SELECT deployment_id, image_digest, ${iso('started_at')} AS started_at, nodes, deployed_by, recorded_by, policy_violations,
              config_repository, config_sha,
              CASE WHEN result_recorded_at <= $3 AND finished_at <= $2 THEN ${iso('finished_at')} END AS finished_at,
              CASE WHEN result_recorded_at <= $3 AND finished_at <= $2 THEN outcome END AS outcome
         FROM rm_deployments
        WHERE environment = $1 AND started_at <= $2 AND recorded_at <= $3
          AND NOT COALESCE(outcome = 'failed' AND result_recorded_at <= $3 AND finished_at <= $2, false)
        ORDER BY rm_deployments.started_at DESC, deployment_id DESC
        LIMIT 1` },
      [environment, at, knownAt],
    );
    if (!deployment) return view;
    view.deployment = {
      deploymentId: deployment.deployment_id,
      startedAt: deployment.started_at,
      finishedAt: deployment.finished_at,
      outcome: deployment.outcome,
      nodes: deployment.nodes,
      by: deployment.deployed_by,
      recordedBy: deployment.recorded_by,
    };
    view.policyViolations = deployment.policy_violations;

    // The image's side and the environment's side do not depend on each other: asked at once.
    await Promise.all([
      this.describeImage(view, deployment.image_digest, knownAt),
      this.describeVerification(view, deployment.image_digest, at, knownAt),
      this.describePatchesAndConfig(view, environment, deployment, at, knownAt),
    ]);
    view.drift = view.patches.length > 0;
    view.running = runningVersions(view.packages, view.deployment.nodes, view.patches);
    return view;
  }

  private async describeImage(view: ProvenanceView, digest: string, knownAt: string): Promise<void> {
    const [image] = await this.db.query<{ name: string; baked_at: string; pinned_set_id: string }>(
      { name: 'provenance_image', text: `SELECT name, ${iso('baked_at')} AS baked_at, pinned_set_id FROM rm_images WHERE digest = $1 AND recorded_at <= $2` },
      [digest, knownAt],
    );
    view.image = { digest, name: image?.name ?? null, bakedAt: image?.baked_at ?? null };
    if (!image) {
      view.unresolved.push({ kind: 'image', reference: digest, neededBy: `deployment ${view.deployment!.deploymentId}` });
    } else {
      await this.describePinnedSet(view, image.pinned_set_id, knownAt);
    }
  }

  private async describePinnedSet(view: ProvenanceView, id: string, knownAt: string): Promise<void> {
    const [set] = await this.db.query<{ name: string }>({ name: 'provenance_pinned_set', text: 'SELECT name FROM rm_pinned_sets WHERE id = $1 AND recorded_at <= $2' }, [id, knownAt]);
    view.pinnedSet = { id, name: set?.name ?? null };
    if (!set) {
      view.unresolved.push({ kind: 'pinned-set', reference: id, neededBy: `image ${view.image!.digest}` });
      return;
    }
    const { packages, unresolved } = await packagesOf(this.db, id, knownAt);
    view.packages = packages;
    view.unresolved.push(...unresolved);
  }

  private async describeVerification(view: ProvenanceView, digest: string, at: string, knownAt: string): Promise<void> {
    const [decision] = await this.db.query<{ promoted: boolean; automatic: boolean; decided_by: string; reason: string | null; aqf_runs: ProvenanceView['verification']['aqfRuns'] }>(
      { name: 'provenance_decision', text: `SELECT promoted, automatic, decided_by, reason, aqf_runs FROM rm_candidate_decisions
        WHERE image_digest = $1 AND decided_at <= $2 AND recorded_at <= $3
        ORDER BY revision DESC LIMIT 1` },
      [digest, at, knownAt],
    );
    if (!decision) return;
    view.verification = {
      releaseCandidate: decision.promoted,
      decidedBy: decision.decided_by,
      automatic: decision.automatic,
      reason: decision.reason,
      aqfRuns: decision.aqf_runs.map(({ environment, runId, outcome, completedAt }) => ({ environment, runId, outcome, completedAt })),
    };
  }

  private async describePatchesAndConfig(
    view: ProvenanceView,
    environment: string,
    deployment: { started_at: string; config_repository: string | null; config_sha: string | null; recorded_by: string | null },
    at: string,
    knownAt: string,
  ): Promise<void> {
    const patches = await this.db.query<{
      patch_id: string; package: string; from_version: string; to_version: string; nodes: string[]; reason: string; applied_at: string;
      applied_by: string; recorded_by: string | null;
    }>(
      { name: 'provenance_patches', text: `SELECT patch_id, package, from_version, to_version, nodes, reason, ${iso('applied_at')} AS applied_at, applied_by, recorded_by
         FROM rm_patches
        WHERE environment = $1 AND applied_at >= $2 AND applied_at <= $3 AND recorded_at <= $4
        ORDER BY rm_patches.applied_at, patch_id` },
      [environment, deployment.started_at, at, knownAt],
    );
    view.patches = patches.map((patch) => ({
      patchId: patch.patch_id,
      package: patch.package,
      fromVersion: patch.from_version,
      toVersion: patch.to_version,
      nodes: patch.nodes,
      reason: patch.reason,
      appliedAt: patch.applied_at,
      by: patch.applied_by,
      recordedBy: patch.recorded_by,
    }));
    const [config] = await this.db.query<{ repository: string; sha: string; applied_at: string; recorded_by: string | null }>(
      { name: 'provenance_configuration', text: `SELECT repository, sha, ${iso('applied_at')} AS applied_at, recorded_by FROM rm_configurations
        WHERE environment = $1 AND applied_at >= $2 AND applied_at <= $3 AND recorded_at <= $4
        ORDER BY rm_configurations.applied_at DESC LIMIT 1` },
      [environment, deployment.started_at, at, knownAt],
    );
    if (config) view.configRevision = { repository: config.repository, sha: config.sha, since: config.applied_at, recordedBy: config.recorded_by };
    else if (deployment.config_repository && deployment.config_sha) {
      view.configRevision = { repository: deployment.config_repository, sha: deployment.config_sha, since: deployment.started_at, recordedBy: deployment.recorded_by };
    }
  }
}
