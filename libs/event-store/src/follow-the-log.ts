import type { RecordedEvent } from './event';
import type { SubscribeToAllOptions, Subscription } from './event-store.port';
import type { LogPosition } from './log-position';

export interface FollowTheLogOptions extends SubscribeToAllOptions {
  readAll(after: LogPosition | undefined, limit: number): Promise<RecordedEvent[]>;
  /** Registers a wake-up call for new appends; resolves to a function that unregisters it. */
  listenForAppends(onAppend: () => void): Promise<() => Promise<void>>;
  /** Longest wait between reads when no wake-up arrives. */
  pollIntervalMs: number;
}

const DEFAULT_BATCH_SIZE = 500;

/**
 * A catch-up subscription over any log that can be read in pages: read from the checkpoint
 * until a page comes back empty, then sleep until a wake-up (or the poll interval) and read
 * again. The wake-up is only a hint; the read is the source of truth, so a lost wake-up
 * costs at most one poll interval and never an event.
 *
 * Back-pressure: while the handler works on a full page, at most the next page is read ahead,
 * so catching up costs the slower of reading and handling, not their sum.
 */
export function followTheLog(options: FollowTheLogOptions): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const minReadIntervalMs = options.minReadIntervalMs ?? 0;
  let stopped = false;
  // True while a handler call runs its synchronous part: a stop() made then comes from inside it.
  // (An AsyncLocalStorage would tell inside from outside after an await too, but while one is in
  // use Node runs a hook on every promise of the process: about a tenth of the API's CPU.)
  let handlerStarting = false;
  const starting = <T>(call: () => T): T => {
    handlerStarting = true;
    try {
      return call();
    } finally {
      handlerStarting = false;
    }
  };
  const deliver = handlerOf(options, () => stopped, starting);
  let appendedSinceRead = true;
  let wake: (() => void) | undefined;

  const nudge = () => {
    appendedSinceRead = true;
    wake?.();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(finish, options.pollIntervalMs);
      function finish() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = finish;
      if (appendedSinceRead || stopped) finish();
    });
  let urged = false;
  let endPace: (() => void) | undefined;
  let lastRead = { startedAt: 0, foundEvents: false };
  /**
   * After a read that found events, the rest of the interval since that read began, cut short by
   * urge() or stop(); by the monotonic clock, so a step of the wall clock cannot stretch it.
   */
  const pace = () =>
    new Promise<void>((resolve) => {
      const rest = minReadIntervalMs - (performance.now() - lastRead.startedAt);
      if (!lastRead.foundEvents || rest <= 0 || urged || stopped) return resolve();
      const timer = setTimeout(finish, rest);
      function finish() {
        clearTimeout(timer);
        endPace = undefined;
        resolve();
      }
      endPace = finish;
    });

  const run = async () => {
    const unlisten = await options.listenForAppends(nudge);
    try {
      let after = options.after;
      let ahead: Promise<RecordedEvent[] | undefined> | undefined;
      while (!stopped) {
        appendedSinceRead = false;
        urged = false;
        const startedAt = performance.now();
        const events = (await ahead) ?? (await options.readAll(after, batchSize));
        lastRead = { startedAt, foundEvents: events.length > 0 };
        ahead = undefined;
        if (stopped) break;
        if (events.length > 0) {
          if (events.length === batchSize) ahead = readAhead(options, events[events.length - 1].position, batchSize);
          await deliver(events);
          after = events[events.length - 1].position;
        }
        if (events.length < batchSize && !stopped) {
          options.onCaughtUp?.();
          await sleep();
          await pace();
        }
      }
    } finally {
      await unlisten();
    }
  };

  const finished = run();
  finished.catch(() => undefined); // the owner observes failures through `finished`
  return {
    finished,
    urge() {
      urged = true;
      nudge();
      endPace?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      endPace?.();
      // Called from inside this subscription's own handler, waiting would wait for itself.
      if (handlerStarting) return;
      await finished.catch(() => undefined);
    },
  };
}

/**
 * The page after `after`, or undefined when it is not full: a read made while the handler's own
 * transaction is open may be held back by it (reads wait for transactions in flight), so a
 * short page is read again once the handler has settled rather than taken as the end of the log.
 */
function readAhead(options: FollowTheLogOptions, after: LogPosition, batchSize: number): Promise<RecordedEvent[] | undefined> {
  const page = options.readAll(after, batchSize).then((events) => (events.length === batchSize ? events : undefined));
  page.catch(() => undefined); // observed when awaited; a handler failing first must not leave it unhandled
  return page;
}

function handlerOf(
  options: SubscribeToAllOptions,
  isStopped: () => boolean,
  starting: <T>(call: () => T) => T,
): (events: RecordedEvent[]) => Promise<void> {
  const { onBatch, onEvent } = options;
  if (onBatch) return async (events) => starting(() => onBatch(events));
  if (onEvent) {
    return async (events) => {
      for (const event of events) {
        if (isStopped()) return;
        await starting(() => onEvent(event));
      }
    };
  }
  throw new TypeError('subscribeToAll needs onBatch or onEvent');
}
