import type { RecordedEvent } from './event';
import type { EventStore, Subscription } from './event-store.port';
import type { LogPosition } from './log-position';

/** Where a follower of the log keeps its place. */
export interface CheckpointStore {
  read(name: string): Promise<LogPosition | undefined>;
  write(name: string, position: LogPosition): Promise<void>;
  /** The newest event committed to the log, including any a long transaction still hides. */
  newestEvent(): Promise<LogPosition | undefined>;
}

export interface FollowerLog {
  error(message: string): void;
}

export interface CheckpointedFollowerOptions {
  /** The checkpoint's name: one per follower, kept across restarts. */
  name: string;
  /** Its effects for a batch; the checkpoint moves past the batch only once this resolves. */
  onBatch(events: RecordedEvent[]): Promise<void>;
  batchSize?: number;
  log?: FollowerLog;
}

const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Follows the global log from a durable checkpoint, for effects outside a read model's
 * transaction (sagas, publishing to Kafka). A batch's effects complete before its checkpoint
 * is written, so a crash repeats at most the batch it was in: effects must be idempotent.
 * A failing batch stops the follower, which restarts from its checkpoint with backoff.
 */
export class CheckpointedFollower {
  private subscription?: Subscription;
  private restart?: NodeJS.Timeout;
  private stopped = false;
  private checkpoint?: LogPosition;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly options: CheckpointedFollowerOptions,
  ) {}

  get position(): LogPosition | undefined {
    return this.checkpoint;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.follow();
  }

  private async follow(): Promise<void> {
    this.checkpoint = await this.checkpoints.read(this.options.name);
    if (this.stopped) return;
    const subscription = this.store.subscribeToAll({
      after: this.checkpoint,
      batchSize: this.options.batchSize,
      onBatch: async (events) => {
        await this.options.onBatch(events);
        const last = events[events.length - 1].position;
        await this.checkpoints.write(this.options.name, last);
        this.checkpoint = last;
      },
    });
    this.subscription = subscription;
    subscription.finished.catch((error: unknown) => {
      if (!this.stopped && this.subscription === subscription) this.restartLater(error, 0);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restart);
    await this.subscription?.stop();
  }

  /** Resolves once every event committed before the call has been handled and checkpointed. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const target = await this.checkpoints.newestEvent();
    const deadline = Date.now() + timeoutMs;
    while (target && (this.checkpoint ?? '') < target) {
      if (Date.now() > deadline) throw new Error(`${this.options.name} did not reach the end of the log within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private restartLater(error: unknown, attempt: number): void {
    const delay = Math.min(1_000 * 2 ** attempt, MAX_RESTART_DELAY_MS);
    const message = error instanceof Error ? error.message : String(error);
    (this.options.log ?? console).error(`${this.options.name} stopped: ${message}; restarting from its checkpoint in ${delay} ms`);
    this.restart = setTimeout(() => {
      if (this.stopped) return;
      this.follow().catch((reason: unknown) => this.restartLater(reason, attempt + 1));
    }, delay);
  }
}
