import type { FollowerStatus } from '@provenance/followers';

type Holder = NonNullable<FollowerStatus['holder']>;
type Lag = NonNullable<FollowerStatus['lag']>;

export class HolderAnswer implements Holder {
  host!: string;
  pid!: number;
  since!: string;
  generation!: string;
}

export class LagAnswer implements Lag {
  /** Events after the checkpoint, counted up to 100,000. */
  events!: number;
  /** How long the oldest of them has waited. */
  seconds!: number;
}

export class FollowerAnswer implements FollowerStatus {
  name!: string;
  /** Who holds the lease now; null when nobody does. */
  holder!: HolderAnswer | null;
  checkpoint!: string | null;
  lag!: LagAnswer | null;
  /** As its holder reports it: following, catching-up, failed: <why>; standing-by when nobody holds the lease. */
  state!: string;
  rebuildingSince!: string | null;
}

export class AnsweringProcess {
  host!: string;
  pid!: number;
}

export class FollowersAnswer {
  followers!: FollowerAnswer[];
  answeredBy!: AnsweringProcess;
}

export class ProjectionAnswer {
  name!: string;
  checkpoint!: string | null;
}

export class ProjectionsAnswer {
  projections!: ProjectionAnswer[];
}

/** A rebuild's progress, one NDJSON line per batch applied. */
export class RebuildProgressLine {
  applied!: number;
  /** Events in the log when the rebuild started (on EventStoreDB counted from `$all` up to 100,000). */
  total!: number;
}

/** A rebuild's last line when it finished. */
export class RebuildDoneLine {
  /** Always true here. */
  done!: boolean;
  applied!: number;
}

/** A rebuild's last line when it failed after it had started answering. */
export class RebuildFailedLine {
  /** Always false here. */
  done!: boolean;
  error!: string;
}
