import { forEachSqlStore, OpenedStore } from '@provenance/testing';
import { LogPosition, partsOfLogPosition } from '../log-position';
import type { SqlEventStore } from './sql-event-store';

/** The queries followers' lag and rebuild totals ran on the `events` table before the count became the store's: the answers must not change. */
async function lagBefore(store: SqlEventStore, position: LogPosition | null): Promise<{ events: number; oldest: string | null }> {
  const { major, minor } = position ? partsOfLogPosition(position) : { major: 0n, minor: 0n };
  const [row] = await store.sqlConnection.query<{ events: number; oldest: string | null }>(
    `SELECT count(*)::int AS events, min(recorded_at)::text AS oldest FROM (
       SELECT recorded_at FROM events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, position LIMIT $3) AS waiting`,
    [major.toString(), minor.toString(), 100_000],
  );
  return row;
}

async function rebuildProgressBefore(store: SqlEventStore, position: LogPosition | null): Promise<{ applied: number; total: number }> {
  const { major, minor } = position ? partsOfLogPosition(position) : { major: 0n, minor: 0n };
  const [row] = await store.sqlConnection.query<{ applied: number; total: number }>(
    `SELECT count(*) FILTER (WHERE (transaction_id, position) <= ($1::text::xid8, $2::bigint))::int AS applied, count(*)::int AS total FROM events`,
    [major.toString(), minor.toString()],
  );
  return row;
}

async function append(store: SqlEventStore, count: number, from = 0): Promise<LogPosition[]> {
  const positions: LogPosition[] = [];
  for (let n = from; n < from + count; n++) {
    const { events } = await store.appendToStream(`numbers-${n % 3}`, [{ id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, type: 'Counted', data: { n } }]);
    positions.push(events[0].position);
  }
  return positions;
}

function countSuite(open: () => Promise<OpenedStore>) {
  let opened: OpenedStore;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(() => opened.close());

  it('given an empty log, then every count is 0 with no oldest event, as before', async () => {
    const { store } = opened;
    expect(await store.countAfter(null, 100_000)).toEqual({ events: 0, oldestRecordedAt: null });
    expect(await store.countAfter(null, Number.POSITIVE_INFINITY)).toEqual({ events: 0, oldestRecordedAt: null });
    expect(await lagBefore(store, null)).toEqual({ events: 0, oldest: null });
  });

  it("given events, then the lag after every checkpoint (none, each event's) and the whole log's total are the old queries' answers", async () => {
    const { store } = opened;
    const positions = await append(store, 12);
    for (const position of [null, ...positions]) {
      const before = await lagBefore(store, position);
      const now = await store.countAfter(position, 100_000);
      expect(now).toEqual({ events: before.events, oldestRecordedAt: before.oldest === null ? null : new Date(before.oldest) });
      const progress = await rebuildProgressBefore(store, position);
      const total = await store.countAfter(null, Number.POSITIVE_INFINITY);
      const waiting = await store.countAfter(position, Number.POSITIVE_INFINITY);
      expect({ applied: total.events - waiting.events, total: total.events }).toEqual(progress);
    }
    const first = await store.readAll({ limit: 1 });
    expect((await store.countAfter(null, Number.POSITIVE_INFINITY)).oldestRecordedAt).toEqual(new Date(first[0].metadata.recordedAt));
  });

  it('given a limit, then the count stops there', async () => {
    const { store } = opened;
    const positions = await append(store, 5);
    expect((await store.countAfter(null, 3)).events).toBe(3);
    expect((await store.countAfter(positions[0], 2)).events).toBe(2);
    expect((await store.countAfter(positions[0], 0)).events).toBe(0);
    await expect(store.countAfter(null, -1)).rejects.toThrow(RangeError);
  });

  it("given a listener of the log's appends, then an append wakes it, and after stopping nothing does", async () => {
    const { store } = opened;
    let woken = 0;
    const stop = await store.onAppended(() => woken++);
    const first = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (woken > 0) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    await append(store, 1);
    await first;
    await stop();
    const after = woken;
    await append(store, 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(woken).toBe(after);
  });
}

forEachSqlStore('the log counted by the SQL store', countSuite);
