import { describeWithOptionalService, eventStoreDbServer, uniqueSchemaName } from '@provenance/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs only when EVENTSTORE_URL names a server (README.md, "EventStoreDB"); skipped otherwise, in CI too.
describeWithOptionalService(eventStoreDbServer(), 'EventStoreDB counting the log and signalling appends', (url) => {
  let store: EventStoreDbEventStore;
  let namespace: string;
  beforeEach(async () => {
    // A namespace per test: the server's $all is shared by every test and every run.
    namespace = `${uniqueSchemaName('count')}.`;
    store = new EventStoreDbEventStore({ connectionString: url, namespace });
    await store.check();
  });
  afterEach(() => store.close());

  const append = async (from: number, count: number) => {
    for (let n = from; n < from + count; n++) {
      await store.appendToStream(`numbers-${n % 3}`, [{ id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, type: 'Counted', data: { n } }]);
    }
  };

  it("given events, then the count after every position is what readAll finds after it, with the first one's time", async () => {
    expect(await store.countAfter(null, 100_000)).toEqual({ events: 0, oldestRecordedAt: null });
    await append(0, 7);
    const all = await store.readAll();
    for (const [index, after] of [null, ...all.map(({ position }) => position)].entries()) {
      const following = all.slice(index);
      expect(await store.countAfter(after, 100_000)).toEqual({
        events: following.length,
        oldestRecordedAt: following.length === 0 ? null : new Date(following[0].metadata.recordedAt),
      });
    }
    expect((await store.countAfter(null, 3)).events).toBe(3);
  });

  it("given a listener, then another process's append (another client on the same log) wakes it through the live subscription", async () => {
    let woken = 0;
    const stop = await store.onAppended(() => woken++);
    const other = new EventStoreDbEventStore({ connectionString: url, namespace });
    try {
      const deadline = Date.now() + 10_000;
      await other.appendToStream('elsewhere', [{ id: '00000000-0000-4000-8000-0000000000ff', type: 'Counted', data: { n: 255 } }]);
      while (woken === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(woken).toBeGreaterThan(0);
    } finally {
      await stop();
      await other.close();
    }
  });
});
