import { randomUUID } from 'node:crypto';
import type { EventToAppend, JsonObject } from '../event';
import type { AppendLimits } from '../append-validation';
import type { EventStore } from '../event-store.port';

/** What the contract suite needs from a backend beyond the port itself. */
export interface EventStoreHarness {
  store: EventStore;
  /**
   * Appends inside a transaction that stays open until `commit()` is called, so events appended
   * by others meanwhile are numbered later but commit earlier. Absent exactly when the backend
   * declares `lateAppendsUnsupported`.
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

/** A backend the contract suite runs on. */
export interface ContractBackend {
  open: OpenHarness;
  /**
   * Set when the harness has no `beginLateAppend`, saying why: the cases that need one are
   * then reported as skipped with this reason, decided when the suite is defined.
   */
  lateAppendsUnsupported?: string;
  /**
   * Set when the backend cannot write two streams in one transaction, saying why: the
   * `withNewStream` cases are then reported as skipped with this reason, and the suite checks
   * instead that such an append is refused whole (`AppendUnsupported`) and writes nothing.
   */
  multiStreamAppendsUnsupported?: string;
}

export function anEvent(type = 'Happened', data: JsonObject = { n: 1 }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { actor: 'contract-suite' } };
}

export function events(count: number, type = 'Happened'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

/** Simulates slow work inside a handler or a writer; to wait for an outcome, use `eventually`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
