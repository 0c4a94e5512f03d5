import type { OnAppended } from '@provenance/event-store';

/** A long-poll asks the read model again this often even when nothing woke it: a wake-up can be lost (a dropped LISTEN connection or `$all` subscription). */
export const LONG_POLL_FALLBACK_MS = 5_000;

/**
 * The log's append notifications, for waiters that would otherwise poll the read model: the
 * store's own signal (EventStoreModule's LOG_APPENDED), NOTIFY on PostgreSQL, the in-process
 * emitter on PGlite, the live `$all` subscription on EventStoreDB.
 */
export class LogWakeUps {
  constructor(private readonly onAppended: OnAppended) {}

  /**
   * Starts listening: appends from now on wake the returned WakeUp, which must be closed. When
   * listening fails (the log's server unreachable for a moment), the waiter falls back to polling.
   */
  async listen(): Promise<WakeUp> {
    const wakeUp = new WakeUp();
    try {
      wakeUp.stopListening = await this.onAppended(() => wakeUp.wake());
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
