import { EventEmitter } from 'node:events';
import { EventStoreDBClient, START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position, ReadPosition } from '@eventstore/db-client';
import { logPositionOf } from '../log-position';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The adapter's counting and wake-ups over a fake of `@eventstore/db-client`'s `EventStoreDBClient`
 * (what its `readAll` and `subscribeToAll` give back), not of our own code: the real server's
 * behaviour is the int spec's, which runs only with EVENTSTORE_URL.
 */
class FakeClient {
  readonly all: AllStreamResolvedEvent[] = [];
  readonly reads: { fromPosition: ReadPosition; maxCount: number }[] = [];
  readonly subscriptions: (EventEmitter & { unsubscribed: boolean; unsubscribe(): Promise<void> })[] = [];

  /** As the server does: `$all` forwards from a position, that position included. */
  readAll(options: { fromPosition: ReadPosition; maxCount: number }): AsyncIterable<AllStreamResolvedEvent> {
    this.reads.push({ fromPosition: options.fromPosition, maxCount: options.maxCount });
    const from = options.fromPosition === START ? undefined : (options.fromPosition as Position);
    const page = this.all.filter((resolved) => !from || !before(positionOf(resolved), from)).slice(0, options.maxCount);
    return (async function* () {
      yield* page;
    })();
  }

  subscribeToAll(): EventEmitter {
    const subscription = Object.assign(new EventEmitter(), {
      unsubscribed: false,
      unsubscribe() {
        subscription.unsubscribed = true;
        return Promise.resolve();
      },
    });
    this.subscriptions.push(subscription);
    return subscription;
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  /** Appends to the fake `$all` (commit = prepare = its index + 1). */
  add(streamId: string, options: { type?: string; link?: boolean; created?: Date } = {}): Position {
    const position = { commit: BigInt(this.all.length + 1), prepare: BigInt(this.all.length + 1) };
    const event = {
      streamId,
      id: `00000000-0000-4000-8000-${position.commit.toString(16).padStart(12, '0')}`,
      type: options.type ?? 'Counted',
      data: { n: Number(position.commit) },
      metadata: {},
      isJson: true,
      revision: 0n,
      created: options.created ?? new Date(Date.UTC(2026, 0, 1, 0, 0, Number(position.commit))),
      position,
    };
    this.all.push((options.link ? { event, link: { ...event, type: '$>' } } : { event }) as unknown as AllStreamResolvedEvent);
    return position;
  }
}

function positionOf(resolved: AllStreamResolvedEvent): Position {
  return resolved.event!.position;
}

function before(a: Position, b: Position): boolean {
  return a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
}

describe('the EventStoreDB adapter counting the log and waking listeners (over a fake of the client)', () => {
  let client: FakeClient;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    client = new FakeClient();
    jest.spyOn(EventStoreDBClient, 'connectionString').mockReturnValue(client as unknown as EventStoreDBClient);
    store = new EventStoreDbEventStore({ connectionString: 'esdb://localhost:2113?tls=false', namespace: 'log.' });
  });

  afterEach(async () => {
    await store.close();
    jest.restoreAllMocks();
  });

  it("given $all holding the log's events among others', then a count after a position counts only the log's that follow it, with the first one's time", async () => {
    client.add('log.a');
    const second = client.add('log.b');
    client.add('other.c'); // another log's stream
    client.add('log.a', { type: '$streamDeleted' }); // EventStoreDB's own type
    client.add('log.a', { link: true }); // a link
    client.add('log.c', { created: new Date('2026-02-02T00:00:00Z') });
    client.add('log.d');

    expect(await store.countAfter(null, Number.POSITIVE_INFINITY)).toEqual({ events: 4, oldestRecordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 1)) });
    expect(await store.countAfter(logPositionOf(second.commit, second.prepare), 100_000)).toEqual({ events: 2, oldestRecordedAt: new Date('2026-02-02T00:00:00Z') });
    expect(await store.countAfter(logPositionOf(second.commit, second.prepare), 1)).toEqual({ events: 1, oldestRecordedAt: new Date('2026-02-02T00:00:00Z') });
    const last = client.all.length;
    expect(await store.countAfter(logPositionOf(BigInt(last), BigInt(last)), 100_000)).toEqual({ events: 0, oldestRecordedAt: null });
    expect(await store.countAfter(null, 0)).toEqual({ events: 0, oldestRecordedAt: null });
    // readAll walks the same pages: what it returns is what was counted.
    expect((await store.readAll({ after: logPositionOf(second.commit, second.prepare) })).map(({ streamId }) => streamId)).toEqual(['c', 'd']);
  });

  it('given more events than a page, then the count reads on page after page from the last position read, pages of at most 1,000, and stops at its limit', async () => {
    for (let n = 0; n < 2_500; n++) client.add(n % 5 === 0 ? 'other.x' : 'log.a');
    expect((await store.countAfter(null, Number.POSITIVE_INFINITY)).events).toBe(2_000);
    expect(client.reads.map(({ fromPosition }) => (fromPosition === START ? 'start' : (fromPosition as Position).commit))).toEqual(['start', 1_000n, 1_999n]); // each page from the last position read, which comes back first

    client.reads.length = 0;
    expect((await store.countAfter(null, 1_500)).events).toBe(1_500);
    expect(client.reads[0].maxCount).toBe(1_000);
    expect(client.reads.every(({ maxCount }) => maxCount <= 1_000)).toBe(true);
  });

  it('given a count asked past 100,000, then it stops at 100,000 (each counted event is read from $all)', async () => {
    for (let n = 0; n < 100_010; n++) client.add('log.a');
    expect((await store.countAfter(null, Number.POSITIVE_INFINITY)).events).toBe(100_000);
  });

  it('given a bad limit, then it is refused before reading', async () => {
    await expect(store.countAfter(null, -1)).rejects.toThrow(RangeError);
    await expect(store.countAfter(null, 1.5)).rejects.toThrow(RangeError);
    expect(client.reads).toEqual([]);
  });

  it('given listeners, then they share one live $all subscription that wakes them all, closed with the last of them', async () => {
    const woken: string[] = [];
    const stopFirst = await store.onAppended(() => woken.push('first'));
    const stopSecond = await store.onAppended(() => woken.push('second'));
    expect(client.subscriptions).toHaveLength(1);

    client.subscriptions[0].emit('data', {});
    expect(woken).toEqual(['first', 'second']);

    await stopFirst();
    await stopFirst(); // twice is once
    expect(client.subscriptions[0].unsubscribed).toBe(false);
    client.subscriptions[0].emit('data', {});
    expect(woken).toEqual(['first', 'second', 'second']);

    await stopSecond();
    expect(client.subscriptions[0].unsubscribed).toBe(true);

    await store.onAppended(() => woken.push('third'));
    expect(client.subscriptions).toHaveLength(2);
  });

  it('given the live subscription fails, then it is opened again while someone listens', async () => {
    jest.useFakeTimers();
    try {
      const woken: number[] = [];
      const stop = await store.onAppended(() => woken.push(1));
      client.subscriptions[0].emit('error', new Error('connection lost'));
      expect(client.subscriptions[0].unsubscribed).toBe(true);
      jest.advanceTimersByTime(1_000);
      expect(client.subscriptions).toHaveLength(2);
      client.subscriptions[1].emit('data', {});
      expect(woken).toEqual([1]);
      await stop();
      expect(client.subscriptions[1].unsubscribed).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
