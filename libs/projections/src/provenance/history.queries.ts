import type { SqlQueryable } from '@provenance/event-store';
import { iso } from './packages.sql';

export type HistoryEntry =
  | { kind: 'deployment'; at: string; deploymentId: string; imageDigest: string; outcome: string | null; finishedAt: string | null; by: string; recordedBy: string | null; policyViolations: string[] }
  | { kind: 'patch'; at: string; patchId: string; package: string; fromVersion: string; toVersion: string; by: string; recordedBy: string | null; reason: string }
  | { kind: 'configuration'; at: string; repository: string; sha: string; recordedBy: string | null };

export const HISTORY_PAGE = 100;
export const MOST_HISTORY = 1_000;

export interface HistoryPage {
  /** Oldest first. */
  history: HistoryEntry[];
  /** Entries older than these exist: ask again with `before` set to this (null: these are the oldest). */
  earlier: string | null;
}

/** Each kind of entry: its table and its time column (each indexed by environment and time). */
const KINDS = [
  ['rm_deployments', 'started_at'],
  ['rm_patches', 'applied_at'],
  ['rm_configurations', 'applied_at'],
] as const;

// Microseconds, so a cursor handed back lands exactly on the rows it came from.
const exact = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Deployments, patches and configuration changes of an environment, in the order they happened:
 * the newest `limit` before `before` (default now), and every other entry at the same moment as
 * the oldest of them, so a page never splits one moment. Index range reads only: the answer
 * costs the same however long the environment's history is.
 */
export async function historyOf(db: SqlQueryable, environment: string, page: { limit?: number; before?: string } = {}): Promise<HistoryPage> {
  const limit = page.limit ?? HISTORY_PAGE;
  const before = page.before ?? 'infinity';
  const newest = KINDS.map(([table, at]) => `(SELECT ${at} AS at FROM ${table} WHERE environment = $1 AND ${at} < $2::timestamptz ORDER BY ${at} DESC LIMIT $3)`);
  const [oldest] = await db.query<{ at: string }>(
    { name: 'history_oldest_on_page', text: `SELECT ${exact('at')} AS at FROM (${newest.join(' UNION ALL ')}) newest ORDER BY newest.at DESC OFFSET $3 - 1 LIMIT 1` },
    [environment, before, limit],
  );
  const from = oldest?.at ?? '-infinity';
  const [{ earlier }] = await db.query<{ earlier: boolean }>(
    { name: 'history_earlier', text: `SELECT ${KINDS.map(([table, at]) => `EXISTS (SELECT 1 FROM ${table} WHERE environment = $1 AND ${at} < $2::timestamptz)`).join(' OR ')} AS earlier` },
    [environment, from],
  );
  return { history: await entriesBetween(db, environment, from, before), earlier: earlier ? from : null };
}

async function entriesBetween(db: SqlQueryable, environment: string, from: string, before: string): Promise<HistoryEntry[]> {
  const [deployments, patches, configurations] = await Promise.all([
    db.query<{ deployment_id: string; image_digest: string; started_at: string; outcome: string | null; finished_at: string | null; deployed_by: string; recorded_by: string | null; policy_violations: string[] }>(
      { name: 'history_deployments', text: `SELECT deployment_id, image_digest, ${iso('started_at')} AS started_at, outcome, ${iso('finished_at')} AS finished_at, deployed_by, recorded_by, policy_violations
         FROM rm_deployments WHERE environment = $1 AND started_at >= $2::timestamptz AND started_at < $3::timestamptz` },
      [environment, from, before],
    ),
    db.query<{ patch_id: string; package: string; from_version: string; to_version: string; applied_at: string; applied_by: string; recorded_by: string | null; reason: string }>(
      { name: 'history_patches', text: `SELECT patch_id, package, from_version, to_version, ${iso('applied_at')} AS applied_at, applied_by, recorded_by, reason FROM rm_patches
        WHERE environment = $1 AND applied_at >= $2::timestamptz AND applied_at < $3::timestamptz` },
      [environment, from, before],
    ),
    db.query<{ repository: string; sha: string; applied_at: string; recorded_by: string | null }>(
      { name: 'history_configurations', text: `SELECT repository, sha, ${iso('applied_at')} AS applied_at, recorded_by FROM rm_configurations
        WHERE environment = $1 AND applied_at >= $2::timestamptz AND applied_at < $3::timestamptz` },
      [environment, from, before],
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
