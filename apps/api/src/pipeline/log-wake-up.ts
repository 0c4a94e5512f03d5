import type { SqlConnection } from '@provenance/event-store';

/** A long-poll asks the read model again this often even when nothing woke it: a wake-up can be lost (a dropped LISTEN connection). */
export const LONG_POLL_FALLBACK_MS = 5_000;

/** The log's append notifications, for waiters that would otherwise poll the read model. */
export class LogWakeUps {
  constructor(
    private readonly connection: SqlConnection,
    private readonly channel: string,
  ) {}

  /**
   * Starts listening: appends from now on wake the returned WakeUp, which must be closed. When
   * listening fails (the database unreachable for a moment), the waiter falls back to polling.
   */
  async listen(): Promise<WakeUp> {
    const wakeUp = new WakeUp();
    try {
      wakeUp.stopListening = await this.connection.listen(this.channel, () => wakeUp.wake());
    } catch {
      // Only slower: the waiter asks again every LONG_POLL_FALLBACK_MS.
    }
    return wakeUp;
  }
}

/**
 * One waiter's wake-ups. An append that arrives while the waiter is busy (querying) is kept,
 * so the next `next()` returns at once instead of sleeping through it.
 */
export class WakeUp {
  stopListening: () => Promise<void> = () => Promise.resolve();
  private woken = false;
  private resolve?: () => void;

  wake(): void {
    this.woken = true;
    this.resolve?.();
  }

  /** Resolves at the next append (or at once if one came since the last call), after `ms`, or when `signal` aborts. */
  async next(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.woken && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
        this.resolve = done;
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
      });
      this.resolve = undefined;
    }
    this.woken = false;
  }

  close(): Promise<void> {
    return this.stopListening();
  }
}
