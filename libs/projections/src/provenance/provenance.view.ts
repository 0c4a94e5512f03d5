import type { RunningVersion } from './running-versions';

/** The answer to "which source produced what is running in this environment", at a moment, as known at a moment. */
export interface ProvenanceView {
  environment: string;
  at: string | null;
  knownAt: string | null;
  deployment: {
    deploymentId: string;
    startedAt: string;
    finishedAt: string | null;
    outcome: string | null;
    nodes: string[];
    /** Who the deployment says deployed it, as the caller sent it (default: the caller). */
    by: string;
    /** Who recorded it: the authenticated caller; null for rows from before it was kept (until a rebuild). */
    recordedBy: string | null;
  } | null;
  image: { digest: string; name: string | null; bakedAt: string | null } | null;
  pinnedSet: { id: string; name: string | null } | null;
  packages: PackageProvenance[];
  verification: {
    releaseCandidate: boolean;
    decidedBy: string | null;
    automatic: boolean | null;
    reason: string | null;
    aqfRuns: { environment: string; runId: string; outcome: string; completedAt: string }[];
  };
  patches: {
    patchId: string; package: string; fromVersion: string; toVersion: string; nodes: string[]; reason: string; appliedAt: string;
    by: string; recordedBy: string | null;
  }[];
  drift: boolean;
  /**
   * The packages as they run now, node by node: the pinned set on the deployment's nodes with the
   * patches applied on theirs; a package patched on some nodes only has an entry per version.
   */
  running: RunningVersion[];
  configRevision: { repository: string; sha: string; since: string; recordedBy: string | null } | null;
  policyViolations: string[];
  unresolved: { kind: 'image' | 'pinned-set' | 'commit'; reference: string; neededBy: string }[];
}

export interface PackageProvenance {
  name: string;
  version: string | null;
  artifactSha256: string | null;
  build: { buildUrl: string | null; finishedAt: string; outcome: string } | null;
  source: { repository: string; sha: string; author: string; committedAt: string } | null;
}
