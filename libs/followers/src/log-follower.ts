import { EventEmitter } from 'node:events';
import type { EventStore, LogPosition, RecordedEvent, SqlQueryable, Subscription } from '@provenance/event-store';
import type { FollowerContext } from './follower-context';
import { checkpointOf, LeaseLost, moveCheckpoint } from './follower-checkpoints';
import { Lease } from './lease';

/** What a follower does with the log. */
export interface FollowerWork {
  /** Runs each time this process takes the lease, before its first batch (connect a producer, create tables). */
  prepare?(): Promise<void>;
  /** Effects outside the checkpoint's transaction (commands, Kafka); a crash repeats the batch, so they must be idempotent. */
  beforeCheckpoint?(events: RecordedEvent[]): Promise<void>;
  /** Row writes that commit with the checkpoint, in its transaction. */
  withCheckpoint?(tx: SqlQueryable, events: RecordedEvent[]): Promise<void>;
  /**
   * 'off': the checkpoint's transaction commits without waiting for the flush. A crash can then
   * lose a recent batch with its checkpoint, which is applied again: for rows a repeat rewrites.
   */
  synchronousCommit?: 'off';
}

export type FollowerState = 'standing-by' | 'catching-up' | 'following' | `failed: ${string}`;

const MAX_RESTART_DELAY_MS = 30_000;
const DEFAULT_BATCH_SIZE = 500;
/**
 * Once caught up, the least time from the start of a read that found events to the next read.
 * Each batch costs about five round trips (the read, BEGIN, the work, the fenced checkpoint
 * move, COMMIT) whatever it holds; under steady appends, reading as soon as the last batch
 * committed gave batches of a few events, and the followers' round trips were most of the API's
 * database work. A read after a quiet spell is not held back, nor is one somebody waits for
 * (`urge`).
 */
const FOLLOWER_READ_INTERVAL_MS = 20;

/**
 * The one way to follow the global log: under a lease (so that of N processes one does the
 * work), from a durable checkpoint, catch-up then live, one batch at a time (back-pressure).
 * A batch's effects are done before its checkpoint moves, and the checkpoint moves only under
 * the lease generation that did them, so a crash repeats at most one batch and a holder that
 * lost its lease writes nothing more. A failing batch restarts from the checkpoint with backoff.
 */
export class LogFollower {
  private readonly lease: Lease;
  private readonly moved = new EventEmitter().setMaxListeners(0);
  private current?: { subscription: Subscription; generation: bigint };
  private checkpoint?: LogPosition;
  private restart?: NodeJS.Timeout;
  /** The attempt to start following in progress, if any, so stop() can wait it out. */
  private starting?: Promise<void>;
  private exclusive = false;
  private stopped = true;
  private status: FollowerState = 'standing-by';
  private failures = 0;

  constructor(
    private readonly store: EventStore,
    private readonly context: FollowerContext,
    readonly name: string,
    private readonly work: FollowerWork,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {
    this.lease = new Lease(context, name, {
      acquired: (generation) => {
        this.context.log.log(`${name}: this process holds the lease (generation ${generation})`);
        void this.follow(generation);
      },
      lost: (reason) => {
        this.context.log.log(`${name}: lost the lease: ${reason}; standing by`);
        this.setState('standing-by');
        void this.unsubscribe();
      },
    });
  }

  get state(): FollowerState {
    return this.status;
  }

  /** The checkpoint as this process last wrote or read it (others may have moved it since). */
  get position(): LogPosition | undefined {
    return this.checkpoint;
  }

  get holdsLease(): boolean {
    return this.lease.heldGeneration !== undefined;
  }

  /** Resolves once the first attempt to take the lease is done (and, if taken, following has begun). */
  start(): Promise<void> {
    this.stopped = false;
    return this.lease.start();
  }

  /** Stops after the batch in progress and releases the lease, so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restart);
    await this.starting;
    await this.unsubscribe();
    await this.lease.stop();
    this.setState('standing-by');
  }

  /**
   * Stops following, takes the lease from whoever holds it, runs `work` as its only holder (a
   * rebuild), then follows on from wherever `work` left the checkpoint.
   */
  async takeOver<T>(work: (generation: bigint) => Promise<T>): Promise<T> {
    this.exclusive = true;
    try {
      await this.unsubscribe();
      const generation = await this.lease.takeOver();
      this.setState('catching-up');
      return await work(generation);
    } finally {
      this.exclusive = false;
      const generation = this.lease.heldGeneration;
      if (generation !== undefined && !this.stopped) void this.follow(generation);
    }
  }

  /** Checkpoint moves made under `generation` outside the subscription (a rebuild's pages). */
  async applyAs(generation: bigint, events: RecordedEvent[], from: LogPosition | undefined): Promise<void> {
    await this.apply(generation, events, from);
  }

  /** Reads on now rather than at the end of its read interval: somebody waits for this follower. */
  urge(): void {
    this.current?.subscription.urge();
  }

  /** Resolves once this process's checkpoint has reached `target`, or rejects after `timeoutMs`. */
  async reached(target: LogPosition, timeoutMs: number): Promise<void> {
    if ((this.checkpoint ?? '') >= target) return;
    this.urge();
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        // An urged read can still stop short of the target (a transaction still open holds the log back): urge the next one too.
        if ((this.checkpoint ?? '') < target) return this.urge();
        clearTimeout(timer);
        this.moved.off('moved', check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.moved.off('moved', check);
        reject(new Error(`${this.name} did not reach the end of the log within ${timeoutMs} ms (at ${this.checkpoint ?? 'the start'}, ${this.status})`));
      }, timeoutMs);
      this.moved.on('moved', check);
    });
  }

  private follow(generation: bigint): Promise<void> {
    const attempt = this.startFollowing(generation);
    this.starting = attempt;
    return attempt;
  }

  private async startFollowing(generation: bigint): Promise<void> {
    if (this.exclusive || this.stopped || this.lease.heldGeneration !== generation) return;
    try {
      await this.unsubscribe();
      await this.work.prepare?.();
      this.checkpoint = await checkpointOf(this.context.connection, this.name);
      this.moved.emit('moved');
      if (this.exclusive || this.stopped || this.lease.heldGeneration !== generation) return;
      this.setState('catching-up');
      const subscription = this.store.subscribeToAll({
        after: this.checkpoint,
        batchSize: this.batchSize,
        minReadIntervalMs: FOLLOWER_READ_INTERVAL_MS,
        onBatch: (events) => this.apply(generation, events, this.checkpoint),
        onCaughtUp: () => {
          if (!this.exclusive && this.current?.generation === generation) this.setState('following');
        },
      });
      this.current = { subscription, generation };
      subscription.finished.then(
        () => undefined,
        (error: unknown) => this.onFailure(subscription, generation, error),
      );
    } catch (error) {
      this.retry(generation, error);
    }
  }

  private onFailure(subscription: Subscription, generation: bigint, error: unknown): void {
    if (this.current?.subscription !== subscription) return;
    this.current = undefined;
    if (error instanceof LeaseLost) {
      if (this.lease.heldGeneration === generation || this.lease.heldGeneration === undefined) this.lease.drop(error.message);
      return;
    }
    this.retry(generation, error);
  }

  private retry(generation: bigint, error: unknown): void {
    if (this.stopped) return;
    const delay = Math.min(1_000 * 2 ** this.failures++, MAX_RESTART_DELAY_MS);
    const reason = error instanceof Error ? error.message : String(error);
    this.setState(`failed: ${reason}`);
    this.context.log.error(`${this.name} stopped: ${reason}; restarting from its checkpoint in ${delay} ms`);
    clearTimeout(this.restart);
    this.restart = setTimeout(() => void this.follow(generation), delay);
  }

  private async apply(generation: bigint, events: RecordedEvent[], from: LogPosition | undefined): Promise<void> {
    if (this.lease.heldGeneration !== generation) throw new LeaseLost(this.name, generation);
    await this.work.beforeCheckpoint?.(events);
    const to = events[events.length - 1].position;
    // A holder paused mid-batch (SIGSTOP, a long GC) would keep this transaction open: its lock
    // on the lease row would stop any takeover, and its transaction id would hold back every
    // reader of the log. The server ends it once it idles as long as a lease lasts.
    const settings = { idleTimeoutMs: this.context.leaseTimeoutMs, synchronousCommit: this.work.synchronousCommit };
    await this.context.connection.transaction(async (tx) => {
      await this.work.withCheckpoint?.(tx, events);
      await moveCheckpoint(tx, { name: this.name, generation, holder: this.context.holder.id, from, to, events: events.length });
    }, settings);
    this.checkpoint = to;
    this.failures = 0;
    if (!this.exclusive) this.setState(events.length < this.batchSize ? 'following' : 'catching-up');
    this.moved.emit('moved');
  }

  private async unsubscribe(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.subscription.stop();
  }

  private setState(state: FollowerState): void {
    this.status = state;
    this.lease.report(state);
  }
}
