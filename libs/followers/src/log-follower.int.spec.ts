import type { RecordedEvent, SqlEventStore } from '@provenance/event-store';
import { eventually, forEachSqlStore, OpenedStore, waitBudget } from '@provenance/testing';
import { FollowerContext, followerContextOf } from './follower-context';
import { TRIM_JOURNAL } from './lease.sql';
import { LogFollower } from './log-follower';

const quiet = { log: () => undefined, error: () => undefined };

async function appendNumbered(store: SqlEventStore, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) {
    await store.appendToStream(`numbers-${n % 7}`, [{ id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, type: 'Counted', data: { n } }]);
  }
}

/** A follower that writes each event's number into `seen`, in the checkpoint's transaction, and remembers which holder did. */
function counting(store: SqlEventStore, context: FollowerContext, applied: { holder: string; n: number }[]): LogFollower {
  return new LogFollower(
    store,
    context,
    'counting',
    {
      prepare: async () => {
        await context.connection.query('CREATE TABLE IF NOT EXISTS seen (n integer PRIMARY KEY)');
      },
      withCheckpoint: async (tx, events: RecordedEvent[]) => {
        for (const event of events) await tx.query('INSERT INTO seen (n) VALUES ($1)', [event.data.n]);
      },
      beforeCheckpoint: async (events) => {
        for (const event of events) applied.push({ holder: context.holder.id, n: event.data.n as number });
      },
    },
    5,
  );
}

async function seen(store: SqlEventStore): Promise<number[]> {
  const rows = await store.sqlConnection.query<{ n: number }>('SELECT n FROM seen ORDER BY n');
  return rows.map((row) => row.n);
}

function followerSuite(open: () => Promise<OpenedStore>) {
  let store: SqlEventStore;
  let close: () => Promise<void>;
  const followers: LogFollower[] = [];
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await Promise.all(followers.splice(0).map((follower) => follower.stop()));
    await close();
  });

  it('given two processes following under one name, then one applies every event once and the other stands by', async () => {
    const applied: { holder: string; n: number }[] = [];
    const first = counting(store, followerContextOf(store, { log: quiet }), applied);
    const second = counting(store, followerContextOf(store, { log: quiet }), applied);
    followers.push(first, second);
    await first.start();
    await second.start();
    await appendNumbered(store, 0, 40);
    const timeLeft = waitBudget();

    await eventually(() => seen(store), (numbers) => numbers.length === 40, { what: '40 events applied', timeoutMs: timeLeft() });
    expect(new Set(applied.map((one) => one.holder)).size).toBe(1);
    expect(applied.map((one) => one.n)).toEqual([...Array(40).keys()]);
    // The last batch was full, so the holder says catching-up until its next read finds the end of the log.
    const states = await eventually(
      async () => [first.state, second.state].sort(),
      (both) => both[0] === 'following',
      { what: 'the holder to reach the end of the log', timeoutMs: timeLeft() },
    );
    expect(states).toEqual(['following', 'standing-by']);
  });

  it('given the holder stops, then the other takes over at once and goes on from the checkpoint', async () => {
    const applied: { holder: string; n: number }[] = [];
    const first = counting(store, followerContextOf(store, { log: quiet, leaseTimeoutMs: 60_000 }), applied);
    const second = counting(store, followerContextOf(store, { log: quiet, leaseTimeoutMs: 60_000 }), applied);
    followers.push(second);
    await first.start();
    await second.start();
    await appendNumbered(store, 0, 20);
    await eventually(() => seen(store), (numbers) => numbers.length === 20, { what: 'the first 20 events applied', timeoutMs: 10_000 });

    await first.stop();
    await appendNumbered(store, 20, 20);

    // A lease of a minute: only the release on stop() lets the second take over within the wait.
    await eventually(() => seen(store), (numbers) => numbers.length === 40, { what: 'the next 20 applied by the second', timeoutMs: 10_000 });
    expect(applied.map((one) => one.n)).toEqual([...Array(40).keys()]);
    expect(second.holdsLease).toBe(true);
  });

  it('given the lease is taken from the holder, then its next batch writes nothing and it stands by', async () => {
    const applied: { holder: string; n: number }[] = [];
    const holder = counting(store, followerContextOf(store, { log: quiet }), applied);
    const thief = counting(store, followerContextOf(store, { log: quiet }), []);
    followers.push(holder, thief);
    await holder.start();
    await appendNumbered(store, 0, 10);
    const timeLeft = waitBudget();
    await eventually(() => seen(store), (numbers) => numbers.length === 10, { what: '10 events applied', timeoutMs: timeLeft() });

    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    await thief.takeOver(async () => {
      await appendNumbered(store, 10, 5);
      // The old holder reads the new batch and applies it outside; its checkpoint write must fail.
      await eventually(() => applied.length, (count) => count > 10, { what: 'the old holder to try the next batch', timeoutMs: timeLeft() });
      release();
    });
    await paused;
    await eventually(() => holder.state, (state) => state === 'standing-by', { what: 'the old holder to stand by', timeoutMs: timeLeft() });
    const journal = await store.sqlConnection.query<{ holder: string; through_position: string }>(
      "SELECT holder, through_position FROM follower_journal WHERE name = 'counting' ORDER BY seq",
    );
    expect(journal.every((row) => row.through_position <= (holder.position ?? ''))).toBe(true);
    expect(await seen(store)).toEqual([...Array(10).keys()]);
  });

  it('given the journal rows of two followers interleaved, when one is trimmed, then it keeps its newest rows and the other keeps all', async () => {
    for (let n = 0; n < 10; n++) {
      for (const name of ['trimmed', 'other']) {
        await store.sqlConnection.query(
          "INSERT INTO follower_journal (name, generation, holder, after_position, through_position, events) VALUES ($1, 1, 'h', NULL, $2, 1)",
          [name, String(n)],
        );
      }
    }

    await store.sqlConnection.query(TRIM_JOURNAL, ['trimmed', 4]);

    const kept = await store.sqlConnection.query<{ name: string; through_position: string }>('SELECT name, through_position FROM follower_journal ORDER BY name, seq');
    expect(kept.filter((row) => row.name === 'trimmed').map((row) => row.through_position)).toEqual(['6', '7', '8', '9']);
    expect(kept.filter((row) => row.name === 'other')).toHaveLength(10);
  });
}

forEachSqlStore('following the log', followerSuite);
