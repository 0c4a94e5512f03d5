import { randomUUID } from 'node:crypto';
import type { EventToAppend, JsonObject } from '../event';
import type { AppendLimits } from '../append-validation';
import type { EventStore } from '../event-store.port';

/** What the contract suite needs from a backend beyond the port itself. */
export interface EventStoreHarness {
  store: EventStore;
  /**
   * Appends inside a transaction that stays open until `commit()` is called, so events appended
   * by others meanwhile are numbered later but commit earlier. Absent where the backend cannot
   * hold one transaction open beside others (PGlite runs one statement at a time).
   */
  beginLateAppend?(streamId: string, events: EventToAppend[]): Promise<{ commit(): Promise<void> }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  limits?: Partial<AppendLimits>;
  /** Longest a subscriber waits between reads without a wake-up. */
  pollIntervalMs?: number;
}

/** Opens a fresh, empty store for one test. */
export type OpenHarness = (options?: HarnessOptions) => Promise<EventStoreHarness>;

export function anEvent(type = 'Happened', data: JsonObject = { n: 1 }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { actor: 'contract-suite' } };
}

export function events(count: number, type = 'Happened'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

export async function eventually(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
