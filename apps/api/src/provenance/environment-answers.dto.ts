import type { GateVerdict } from '@provenance/domain';

export class EnvironmentImageAnswer {
  digest!: string;
  name!: string | null;
}

/** One environment at a glance: its image, since when, and whether it is a candidate, drifted or in violation. */
export class EnvironmentSummary {
  environment!: string;
  image!: EnvironmentImageAnswer | null;
  since!: string | null;
  releaseCandidate!: boolean;
  drift!: boolean;
  policyViolations!: string[];
  /** How many references the environment's answer could not resolve. */
  unresolved!: number;
}

export class EnvironmentsAnswer {
  environments!: EnvironmentSummary[];
}

/**
 * One entry of an environment's history. `kind` says which fields it has: a deployment
 * (deploymentId, imageDigest, outcome, finishedAt, by, policyViolations), a patch (patchId,
 * package, fromVersion, toVersion, by, reason) or a configuration change (repository, sha).
 */
export class HistoryEntryAnswer {
  kind!: 'deployment' | 'patch' | 'configuration';
  at!: string;
  recordedBy!: string | null;
  deploymentId?: string;
  imageDigest?: string;
  outcome?: string | null;
  finishedAt?: string | null;
  by?: string;
  policyViolations?: string[];
  patchId?: string;
  package?: string;
  fromVersion?: string;
  toVersion?: string;
  reason?: string;
  repository?: string;
  sha?: string;
}

export class HistoryAnswer {
  environment!: string;
  /** Oldest first. */
  history!: HistoryEntryAnswer[];
  /** Older entries exist: ask again with `before` set to this. Null: this page reaches the first entry. */
  earlier!: string | null;
}

/** May this image go to this environment, and why. */
export class GateVerdictAnswer implements GateVerdict {
  allowed!: boolean;
  releaseCandidate!: boolean;
  reasons!: string[];
}
