import { performance } from 'node:perf_hooks';
import type { FollowerContext } from './follower-context';
import { ACQUIRE_LEASE, leaseChannel, RELEASE_LEASE, RENEW_LEASE, TAKE_OVER_LEASE, TRIM_JOURNAL } from './lease.sql';

export interface LeaseEvents {
  acquired(generation: bigint): void;
  lost(reason: string): void;
}

/** Newest journal rows kept per follower (a minute's writes more between trims). */
export const JOURNAL_ROWS = 10_000;
/** Counting a follower's newest rows reads 10,000 index entries (about 2.5 ms), so not at every renewal. */
const TRIM_EVERY_MS = 60_000;
const MAX_STANDBY_POLL_MS = 1_000;

/**
 * One named lease in the database, kept by this process for as long as it runs: tried every
 * second while another process holds it (and at once when a holder announces its release),
 * renewed every third of its timeout while held. A holder that cannot renew in time counts it
 * lost by its own clock before the database would give it to another process.
 */
export class Lease {
  private generation?: bigint;
  private validUntil = 0;
  private timer?: NodeJS.Timeout;
  private stepping?: Promise<void>;
  private stopped = true;
  private unlisten?: () => Promise<void>;
  private state = 'following';
  private trimmedAt = -Infinity;

  constructor(
    private readonly context: FollowerContext,
    readonly name: string,
    private readonly events: LeaseEvents,
  ) {}

  /** The generation this process holds, or undefined when it does not (any longer) hold the lease. */
  get heldGeneration(): bigint | undefined {
    return this.generation !== undefined && performance.now() < this.validUntil ? this.generation : undefined;
  }

  /** Resolves after the first attempt to take the lease. */
  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.context.connection.listen(leaseChannel(this.context.schema), () => {
      if (this.generation === undefined) this.wake();
    });
    this.wake();
    await this.stepping;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.stepping;
    await this.unlisten?.();
    await this.release();
  }

  /** What the holder reports it is doing, written with the next renewal. */
  report(state: string): void {
    this.state = state;
  }

  /** Takes the lease from whoever holds it, as a new generation (an administrator's rebuild). */
  async takeOver(): Promise<bigint> {
    await this.stepping;
    const started = performance.now();
    const [row] = await this.context.connection.query<{ generation: string }>(TAKE_OVER_LEASE, this.leaseParameters());
    this.hold(BigInt(row.generation), started);
    // Renewed from now on, even in a process that never started following (a rebuild by hand).
    this.stopped = false;
    this.timer = setTimeout(() => this.wake(), Math.max(50, Math.floor(this.context.leaseTimeoutMs / 3)));
    return this.generation!;
  }

  /** Gives the lease up locally after a fenced write found it taken: stand by and try again. */
  drop(reason: string): void {
    if (this.generation === undefined) return;
    this.generation = undefined;
    this.events.lost(reason);
    this.wake();
  }

  private async release(): Promise<void> {
    const generation = this.generation;
    if (generation === undefined) return;
    this.generation = undefined;
    await this.context.connection.query(RELEASE_LEASE, [this.name, generation.toString()]).catch(() => undefined);
    this.context.connection.notify(leaseChannel(this.context.schema));
  }

  private wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.stepping ??= this.step()
      .then((delay) => {
        this.stepping = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.wake(), delay);
      });
  }

  /** One attempt to take or renew the lease; resolves to the delay before the next. */
  private async step(): Promise<number> {
    const renewEvery = Math.max(50, Math.floor(this.context.leaseTimeoutMs / 3));
    const started = performance.now();
    try {
      if (this.generation === undefined) {
        const [row] = await this.context.connection.query<{ generation: string }>(ACQUIRE_LEASE, this.leaseParameters());
        if (!row) return Math.min(MAX_STANDBY_POLL_MS, renewEvery);
        this.hold(BigInt(row.generation), started);
        this.events.acquired(this.generation!);
        return renewEvery;
      }
      const generation = this.generation;
      const renewed = await this.context.connection.query(RENEW_LEASE, [this.name, generation.toString(), this.context.leaseTimeoutMs, this.state]);
      if (this.generation !== generation) return renewEvery;
      if (renewed.length === 0) {
        this.drop('another process holds it now (this one was too slow to renew)');
        return 0;
      }
      this.validUntil = started + this.context.leaseTimeoutMs;
      if (started - this.trimmedAt >= TRIM_EVERY_MS) {
        await this.context.connection.query(TRIM_JOURNAL, [this.name, JOURNAL_ROWS]);
        this.trimmedAt = started;
      }
      return renewEvery;
    } catch (error) {
      if (this.generation !== undefined && this.heldGeneration === undefined) this.drop(`could not renew it: ${(error as Error).message}`);
      return Math.min(MAX_STANDBY_POLL_MS, renewEvery);
    }
  }

  private hold(generation: bigint, since: number): void {
    this.generation = generation;
    this.validUntil = since + this.context.leaseTimeoutMs;
  }

  private leaseParameters(): unknown[] {
    const { holder, leaseTimeoutMs } = this.context;
    return [this.name, holder.id, holder.host, holder.pid, leaseTimeoutMs];
  }
}
