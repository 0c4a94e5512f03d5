import type { SqlQueryable } from '@provenance/event-store';
import { iso } from './packages.sql';

export type HistoryEntry =
  | { kind: 'deployment'; at: string; deploymentId: string; imageDigest: string; outcome: string | null; finishedAt: string | null; by: string; recordedBy: string | null; policyViolations: string[] }
  | { kind: 'patch'; at: string; patchId: string; package: string; fromVersion: string; toVersion: string; by: string; recordedBy: string | null; reason: string }
  | { kind: 'configuration'; at: string; repository: string; sha: string; recordedBy: string | null };

/** Deployments, patches and configuration changes of an environment, in the order they happened. */
export async function historyOf(db: SqlQueryable, environment: string): Promise<HistoryEntry[]> {
  const [deployments, patches, configurations] = await Promise.all([
    db.query<{ deployment_id: string; image_digest: string; started_at: string; outcome: string | null; finished_at: string | null; deployed_by: string; recorded_by: string | null; policy_violations: string[] }>(
      `SELECT deployment_id, image_digest, ${iso('started_at')} AS started_at, outcome, ${iso('finished_at')} AS finished_at, deployed_by, recorded_by, policy_violations
         FROM rm_deployments WHERE environment = $1`,
      [environment],
    ),
    db.query<{ patch_id: string; package: string; from_version: string; to_version: string; applied_at: string; applied_by: string; recorded_by: string | null; reason: string }>(
      `SELECT patch_id, package, from_version, to_version, ${iso('applied_at')} AS applied_at, applied_by, recorded_by, reason FROM rm_patches WHERE environment = $1`,
      [environment],
    ),
    db.query<{ repository: string; sha: string; applied_at: string; recorded_by: string | null }>(
      `SELECT repository, sha, ${iso('applied_at')} AS applied_at, recorded_by FROM rm_configurations WHERE environment = $1`,
      [environment],
    ),
  ]);
  const entries: HistoryEntry[] = [
    ...deployments.map((d): HistoryEntry => ({
      kind: 'deployment', at: d.started_at, deploymentId: d.deployment_id, imageDigest: d.image_digest, outcome: d.outcome,
      finishedAt: d.finished_at, by: d.deployed_by, recordedBy: d.recorded_by, policyViolations: d.policy_violations,
    })),
    ...patches.map((p): HistoryEntry => ({
      kind: 'patch', at: p.applied_at, patchId: p.patch_id, package: p.package, fromVersion: p.from_version, toVersion: p.to_version, by: p.applied_by, recordedBy: p.recorded_by, reason: p.reason,
    })),
    ...configurations.map((c): HistoryEntry => ({ kind: 'configuration', at: c.applied_at, repository: c.repository, sha: c.sha, recordedBy: c.recorded_by })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
}
