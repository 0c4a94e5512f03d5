import { inspect } from 'node:util';

export interface EventuallyOptions {
  /** What is awaited, for the failure message. */
  what: string;
  /** Below jest's 30 s test timeout by default, so a slow machine fails with this message, not jest's. */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Probes until `until` holds for what the probe returned, and resolves to that value; past the
 * deadline, throws naming what was awaited and the last value seen (or the probe's last error).
 */
export async function eventually<T>(probe: () => Promise<T> | T, until: (value: T) => boolean, options: EventuallyOptions): Promise<T> {
  const { what, timeoutMs = 20_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (until(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = !last ? 'nothing' : 'value' in last ? inspect(last.value, { depth: 4, breakLength: 120 }) : `an error: ${String(last.error)}`;
      throw new Error(`waited ${timeoutMs} ms for ${what}; last saw ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * One deadline for all the waits of a test: pass `timeLeft()` as each wait's `timeoutMs` and
 * together they end below jest's 30 s (or the `totalMs` given, below the test's own timeout),
 * the wait that runs out failing with its own message. `timeLeft(atMostMs)` caps one wait.
 */
export function waitBudget(totalMs = 25_000): (atMostMs?: number) => number {
  const end = Date.now() + totalMs;
  return (atMostMs = Infinity) => Math.max(0, Math.min(atMostMs, end - Date.now()));
}
