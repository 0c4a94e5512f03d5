import type { PackageProvenance, ProvenanceView, RunningVersion } from '@provenance/projections';

/*
 * The provenance answer as the OpenAPI document describes it. Each class implements its part of
 * ProvenanceView, so the compiler keeps the two in step; the swagger plugin reads the fields.
 */

type Deployment = NonNullable<ProvenanceView['deployment']>;
type Verification = ProvenanceView['verification'];
type AqfRun = Verification['aqfRuns'][number];
type Patch = ProvenanceView['patches'][number];
type Unresolved = ProvenanceView['unresolved'][number];

export class DeploymentAnswer implements Deployment {
  deploymentId!: string;
  startedAt!: string;
  finishedAt!: string | null;
  outcome!: string | null;
  nodes!: string[];
  /** Who the deployment says deployed it, as the caller sent it (default: the caller). */
  by!: string;
  /** Who recorded it: the authenticated caller; null for rows from before it was kept. */
  recordedBy!: string | null;
}

export class ImageAnswer implements NonNullable<ProvenanceView['image']> {
  digest!: string;
  name!: string | null;
  bakedAt!: string | null;
}

export class PinnedSetReference implements NonNullable<ProvenanceView['pinnedSet']> {
  id!: string;
  name!: string | null;
}

export class BuildAnswer implements NonNullable<PackageProvenance['build']> {
  buildUrl!: string | null;
  finishedAt!: string;
  outcome!: string;
}

export class SourceAnswer implements NonNullable<PackageProvenance['source']> {
  repository!: string;
  sha!: string;
  author!: string;
  committedAt!: string;
}

export class PackageAnswer implements PackageProvenance {
  name!: string;
  version!: string | null;
  artifactSha256!: string | null;
  build!: BuildAnswer | null;
  source!: SourceAnswer | null;
}

export class AqfRunOutcome implements AqfRun {
  environment!: string;
  runId!: string;
  outcome!: string;
  completedAt!: string;
}

export class VerificationAnswer implements Verification {
  releaseCandidate!: boolean;
  decidedBy!: string | null;
  automatic!: boolean | null;
  reason!: string | null;
  aqfRuns!: AqfRunOutcome[];
}

export class PatchAnswer implements Patch {
  patchId!: string;
  package!: string;
  fromVersion!: string;
  toVersion!: string;
  nodes!: string[];
  reason!: string;
  appliedAt!: string;
  by!: string;
  recordedBy!: string | null;
}

export class RunningVersionAnswer implements RunningVersion {
  name!: string;
  version!: string | null;
  /** The nodes that run this version. */
  nodes!: string[];
}

export class ConfigRevisionAnswer implements NonNullable<ProvenanceView['configRevision']> {
  repository!: string;
  sha!: string;
  since!: string;
  recordedBy!: string | null;
}

export class UnresolvedAnswer implements Unresolved {
  kind!: 'image' | 'pinned-set' | 'commit';
  reference!: string;
  neededBy!: string;
}

/** Which source produced what runs in an environment, at a moment, as known at a moment. */
export class ProvenanceAnswer implements ProvenanceView {
  environment!: string;
  at!: string | null;
  knownAt!: string | null;
  deployment!: DeploymentAnswer | null;
  image!: ImageAnswer | null;
  pinnedSet!: PinnedSetReference | null;
  packages!: PackageAnswer[];
  verification!: VerificationAnswer;
  patches!: PatchAnswer[];
  drift!: boolean;
  /** The packages as they run now, each version with the nodes that run it. */
  running!: RunningVersionAnswer[];
  configRevision!: ConfigRevisionAnswer | null;
  policyViolations!: string[];
  unresolved!: UnresolvedAnswer[];
}
