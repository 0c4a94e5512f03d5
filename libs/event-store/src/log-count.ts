import type { LogPosition } from './log-position';

/** Events of the log after a position, as far as they were counted, and when the first of them was recorded. */
export interface LogCount {
  events: number;
  /** `recordedAt` of the first event after the position; null when none follows it. */
  oldestRecordedAt: Date | null;
}

/**
 * `(after, limit)`: the log's events after `after` (the whole log when null), counted up to
 * `limit` (`Infinity`: every one the backend will count; see EventStoreModule's LOG_COUNT). A
 * per-backend capability, like NEWEST_EVENT: the SQL stores count their `events` table from its
 * log-order index; EventStoreDB reads `$all` forwards, so it never counts past its own cap.
 */
export type CountLog = (after: LogPosition | null, limit: number) => Promise<LogCount>;

/** `(listener) => stop`: calls `listener` when the log may have new events (a hint; a read is the truth) until `stop` resolves. */
export type OnAppended = (listener: () => void) => Promise<() => Promise<void>>;

/** How far followers' lag is counted, on every backend: past it, `events` says "at least this many". */
export const LAG_COUNT_LIMIT = 100_000;

/** The most events the EventStoreDB adapter counts in one call, whatever the limit asked: each is read from `$all` (100 reads of 1,000). */
export const EVENTSTOREDB_COUNT_CAP = 100_000;

/** Refuses a limit that is neither a non-negative integer nor Infinity. */
export function checkCountLimit(limit: number): void {
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be a non-negative integer or Infinity, got ${limit}`);
  }
}
