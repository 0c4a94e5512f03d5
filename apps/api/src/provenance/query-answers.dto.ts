import type { DiffView, ImpactView, LineageView } from '@provenance/projections';
import { PackageAnswer, UnresolvedAnswer } from './provenance-answer.dto';

/*
 * The other queries' answers as the OpenAPI document describes them; each class implements its
 * part of the query's view, so the compiler keeps the two in step.
 */

type LineageImage = LineageView['image'];
type LineagePinnedSet = NonNullable<LineageView['pinnedSet']>;
type LineageRun = LineageView['aqfRuns'][number];
type LineageDecision = LineageView['decisions'][number];

export class PackageVersionAnswer {
  package!: string;
  version!: string;
}

export class LineageImageAnswer implements LineageImage {
  digest!: string;
  name!: string | null;
  bakedAt!: string | null;
  builderId!: string | null;
  buildUrl!: string | null;
}

export class LineagePinnedSetAnswer implements LineagePinnedSet {
  id!: string;
  name!: string | null;
  builds!: PackageVersionAnswer[];
}

export class LineageRunAnswer implements LineageRun {
  runId!: string;
  environment!: string;
  startedAt!: string;
  outcome!: string | null;
  completedAt!: string | null;
  reportUrl!: string | null;
}

export class DecisionAnswer implements LineageDecision {
  releaseCandidate!: boolean;
  automatic!: boolean;
  by!: string;
  reason!: string | null;
  decidedAt!: string;
}

/** Backwards from an image: its pinned set, builds and commits, its AQF runs and decisions. */
export class LineageAnswer implements LineageView {
  image!: LineageImageAnswer;
  pinnedSet!: LineagePinnedSetAnswer | null;
  packages!: PackageAnswer[];
  aqfRuns!: LineageRunAnswer[];
  decisions!: DecisionAnswer[];
  releaseCandidate!: boolean;
  unresolved!: UnresolvedAnswer[];
}

type ImpactCommit = ImpactView['commit'];
type ImpactBuild = ImpactView['builds'][number];
type ImpactPinnedSet = ImpactView['pinnedSets'][number];
type ImpactImage = ImpactView['images'][number];
type ImpactRun = ImpactImage['aqfRuns'][number];
type ImpactInterval = ImpactView['environments'][number];

export class ImpactCommitAnswer implements ImpactCommit {
  repository!: string;
  sha!: string;
  author!: string | null;
  message!: string | null;
  committedAt!: string | null;
  /** False when only builds name the commit. */
  recorded!: boolean;
}

export class ImpactBuildAnswer implements ImpactBuild {
  package!: string;
  version!: string;
  outcome!: string;
  finishedAt!: string;
}

export class ImpactPinnedSetAnswer implements ImpactPinnedSet {
  id!: string;
  name!: string;
  packages!: string[];
}

export class ImpactRunAnswer implements ImpactRun {
  runId!: string;
  environment!: string;
  outcome!: string | null;
}

export class ImpactImageAnswer implements ImpactImage {
  digest!: string;
  name!: string;
  bakedAt!: string;
  pinnedSetId!: string;
  releaseCandidate!: boolean | null;
  aqfRuns!: ImpactRunAnswer[];
}

export class ImpactIntervalAnswer implements ImpactInterval {
  environment!: string;
  via!: 'deployment' | 'patch';
  imageDigest!: string | null;
  deploymentId!: string | null;
  patchId!: string | null;
  from!: string;
  until!: string | null;
  runningNow!: boolean;
}

/** Forwards from a commit: builds, pinned sets, images, and where it runs or ran, with intervals. */
export class ImpactAnswer implements ImpactView {
  commit!: ImpactCommitAnswer;
  builds!: ImpactBuildAnswer[];
  pinnedSets!: ImpactPinnedSetAnswer[];
  images!: ImpactImageAnswer[];
  /** Where it runs or ran: deployed in an image, or put on nodes by a hot-fix patch. */
  environments!: ImpactIntervalAnswer[];
}

type DiffEnd = DiffView['from'];
type DiffPackage = DiffView['added'][number];
type DiffChange = DiffView['changed'][number];
type DiffCommit = DiffChange['commits'][number];

export class DiffEndAnswer implements DiffEnd {
  digest!: string;
  pinnedSetId!: string | null;
}

export class DiffPackageAnswer implements DiffPackage {
  name!: string;
  version!: string | null;
}

export class DiffCommitAnswer implements DiffCommit {
  sha!: string;
  author!: string;
  message!: string;
  committedAt!: string;
}

export class DiffChangeAnswer implements DiffChange {
  name!: string;
  fromVersion!: string | null;
  toVersion!: string | null;
  repository!: string | null;
  fromSha!: string | null;
  toSha!: string | null;
  /** `downgrade` when the to-commit is older than the from-commit (a rollback). */
  direction!: 'upgrade' | 'downgrade' | 'unknown';
  /** Commits recorded on that repository between the two commits, oldest first. */
  commits!: DiffCommitAnswer[];
}

/** Packages added, removed and changed between two images, each change with its commit range. */
export class DiffAnswer implements DiffView {
  from!: DiffEndAnswer;
  to!: DiffEndAnswer;
  added!: DiffPackageAnswer[];
  removed!: DiffPackageAnswer[];
  changed!: DiffChangeAnswer[];
  unresolved!: string[];
}
