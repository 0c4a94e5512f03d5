import type { RecordedEvent } from './event';
import type { SubscribeToAllOptions } from './event-store.port';
import { followTheLog } from './follow-the-log';
import { LogPosition, logPositionOf } from './log-position';

const eventAt = (n: number): RecordedEvent => ({
  id: `event-${n}`,
  type: 'CommitRecorded',
  data: {},
  metadata: { recordedAt: '2026-11-30T12:00:00.000Z' },
  streamId: 'commit-a',
  revision: BigInt(n),
  position: logPositionOf(1n, BigInt(n)),
});

/** A log of `length` events whose reads are recorded, and which can be made to hold back its tail (as an open transaction does). */
function logOf(length: number) {
  const events = Array.from({ length }, (_, n) => eventAt(n));
  const reads: { after: number; returned: number; duringHandler: boolean }[] = [];
  let handling = false;
  let heldBackFrom = Infinity;
  return {
    reads,
    holdBackFrom: (n: number) => (heldBackFrom = n),
    release: () => (heldBackFrom = Infinity),
    handling: (on: boolean) => (handling = on),
    // Answers on a later turn, as a database does, so a handler has begun by the time a read-ahead is answered.
    readAll: (after: LogPosition | undefined, limit: number) =>
      new Promise<RecordedEvent[]>((resolve) =>
        setImmediate(() => {
          const start = after === undefined ? 0 : events.findIndex((event) => event.position === after) + 1;
          const page = events.slice(start, Math.min(start + limit, heldBackFrom));
          reads.push({ after: start, returned: page.length, duringHandler: handling });
          resolve(page);
        }),
      ),
  };
}

/** A subscription over `log` that no append wakes: it reads again when a handler call ends. */
function subscribe(log: ReturnType<typeof logOf>, batchSize: number, handler: Pick<SubscribeToAllOptions, 'onBatch' | 'onEvent'>) {
  return followTheLog({ batchSize, pollIntervalMs: 60_000, readAll: log.readAll, listenForAppends: () => Promise.resolve(() => Promise.resolve()), ...handler });
}

async function follow(log: ReturnType<typeof logOf>, onBatch: (events: RecordedEvent[]) => Promise<void>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const subscription = followTheLog({
      batchSize: 2,
      pollIntervalMs: 60_000,
      readAll: log.readAll,
      listenForAppends: () => Promise.resolve(() => Promise.resolve()),
      onBatch,
      onCaughtUp: () => void subscription.stop().then(resolve, reject),
    });
    subscription.finished.catch(reject);
  });
}

describe('following the log: reading ahead while a batch is handled', () => {
  it('given a log of five events in pages of two, when followed, then each full page is read while the one before is handled, and every event arrives once, in order', async () => {
    const log = logOf(5);
    const delivered: string[] = [];
    await follow(log, async (events) => {
      log.handling(true);
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
      delivered.push(...events.map((event) => event.id));
      log.handling(false);
    });
    expect(delivered).toEqual(['event-0', 'event-1', 'event-2', 'event-3', 'event-4']);
    expect(log.reads).toEqual([
      { after: 0, returned: 2, duringHandler: false },
      { after: 2, returned: 2, duringHandler: true },
      { after: 4, returned: 1, duringHandler: true },
      // the short page read ahead is read again once the handler settled
      { after: 4, returned: 1, duringHandler: false },
    ]);
  });

  it('given a handler whose own transaction holds back the next page, when its read-ahead comes back short, then it is read again after the handler rather than taken as the end of the log', async () => {
    const log = logOf(4);
    const delivered: string[] = [];
    await follow(log, async (events) => {
      log.holdBackFrom(2);
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
      delivered.push(...events.map((event) => event.id));
      log.release();
    });
    expect(delivered).toEqual(['event-0', 'event-1', 'event-2', 'event-3']);
    expect(log.reads.slice(0, 3)).toEqual([
      { after: 0, returned: 2, duringHandler: false },
      { after: 2, returned: 0, duringHandler: false },
      { after: 2, returned: 2, duringHandler: false },
    ]);
  });

  it('given a handler that fails, when the page after it was already read ahead, then that page is never delivered and the failure ends the subscription', async () => {
    const log = logOf(4);
    const delivered: string[] = [];
    const subscription = subscribe(log, 2, {
      onBatch: (events) => {
        delivered.push(...events.map((event) => event.id));
        throw new Error('the read model is unreachable');
      },
    });
    await expect(subscription.finished).rejects.toThrow('the read model is unreachable');
    expect(delivered).toEqual(['event-0', 'event-1']);
  });
});

describe('following the log: stopping', () => {
  const turns = async (count: number) => {
    for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('given a handler call in progress, when stop() is called from outside it, then stop() resolves only after that call has ended, and nothing more is delivered', async () => {
    const log = logOf(4);
    const delivered: string[] = [];
    const order: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const subscription = subscribe(log, 1, {
      onEvent: async (event) => {
        delivered.push(event.id);
        await released;
      },
    });
    await turns(5);
    const stopping = subscription.stop().then(() => order.push('stopped'));
    await turns(20);
    order.push('handler released');
    release();
    await stopping;
    await subscription.finished;
    expect(order).toEqual(['handler released', 'stopped']);
    expect(delivered).toEqual(['event-0']);
  });

  it('given a batch handler that stops its own subscription before its first await, when it awaits the stop, then the stop resolves and nothing more is delivered', async () => {
    const log = logOf(6);
    const delivered: string[] = [];
    const subscription = subscribe(log, 2, {
      onBatch: async (events) => {
        delivered.push(...events.map((event) => event.id));
        if (delivered.length === 4) await subscription.stop();
      },
    });
    await subscription.finished;
    expect(delivered).toEqual(['event-0', 'event-1', 'event-2', 'event-3']);
  });
});

describe('following the log: a least interval between reads under steady appends', () => {
  const INTERVAL_MS = 50;
  const turns = async (count = 10) => {
    for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
  };

  /** A log that grows while it is followed: each append wakes the subscription, as a notification would. */
  function growingLog(length: number) {
    const log = logOf(0);
    const events = Array.from({ length }, (_, n) => eventAt(n));
    let wake = () => undefined as void;
    const batches: string[][] = [];
    const subscription = followTheLog({
      batchSize: 10,
      pollIntervalMs: 60_000,
      minReadIntervalMs: INTERVAL_MS,
      readAll: (after, limit) =>
        new Promise((resolve) =>
          setImmediate(() => {
            const start = after === undefined ? 0 : events.findIndex((event) => event.position === after) + 1;
            const page = events.slice(start, start + limit);
            log.reads.push({ after: start, returned: page.length, duringHandler: false });
            resolve(page);
          }),
        ),
      listenForAppends: (onAppend) => {
        wake = onAppend;
        return Promise.resolve(() => Promise.resolve());
      },
      onBatch: (page) => void batches.push(page.map((event) => event.id)),
    });
    const appendUnannounced = () => void events.push(eventAt(events.length));
    const append = () => {
      appendUnannounced();
      wake();
    };
    return { reads: log.reads, batches, subscription, append, appendUnannounced };
  }

  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('given a read that found an event, when more are appended within the interval, then the next read waits for the interval to pass and carries them all', async () => {
    const log = growingLog(1);
    await turns();
    expect(log.batches).toEqual([['event-0']]);

    await jest.advanceTimersByTimeAsync(5);
    log.append();
    await jest.advanceTimersByTimeAsync(5);
    log.append();
    await turns();
    expect(log.reads).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 11);
    await turns();
    expect(log.reads).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(1);
    await turns();
    expect(log.batches).toEqual([['event-0'], ['event-1', 'event-2']]);
    await log.subscription.stop();
  });

  it('given a follower waiting out the interval, when it is urged, then it reads at once', async () => {
    const log = growingLog(1);
    await turns();
    log.append();
    await turns();
    expect(log.reads).toHaveLength(1);

    log.subscription.urge();
    await turns();
    expect(log.batches).toEqual([['event-0'], ['event-1']]);
    await log.subscription.stop();
  });

  it('given a follower asleep with no wake-up coming, when it is urged, then it reads at once and finds what was appended unannounced', async () => {
    const log = growingLog(1);
    await turns();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    log.appendUnannounced();
    log.appendUnannounced();
    await turns();
    expect(log.reads).toHaveLength(1);

    log.subscription.urge();
    await turns();
    expect(log.batches).toEqual([['event-0'], ['event-1', 'event-2']]);
    await log.subscription.stop();
  });

  it('given a read that found the log quiet, when an append arrives, then it is read at once', async () => {
    const log = growingLog(0);
    await turns();
    expect(log.reads).toEqual([{ after: 0, returned: 0, duringHandler: false }]);

    log.append();
    await turns();
    expect(log.batches).toEqual([['event-0']]);
    await log.subscription.stop();
  });

  it('given a log longer than a page, when followed from the start, then the catch-up reads follow one another without waiting', async () => {
    const log = growingLog(25);
    await turns(20);
    expect(log.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    await log.subscription.stop();
  });

  it('given a follower waiting out the interval, when it is stopped, then the stop does not wait for the interval', async () => {
    const log = growingLog(1);
    await turns();
    log.append();
    await turns();
    await log.subscription.stop();
    expect(log.batches).toEqual([['event-0']]);
  });
});
