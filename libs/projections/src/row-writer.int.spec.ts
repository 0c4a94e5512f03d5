import { forEachSqlStore, OpenedStore } from '@provenance/testing';
import type { RowWrite } from './projection';
import { applyRowWrites, COPY_FROM_ROWS } from './row-writer';

const write = (mode: RowWrite['mode'], id: string, n: number): RowWrite => ({ table: 'rm_counts', key: { id }, set: { n }, mode });

const TABLES = `CREATE TABLE rm_counts (id text PRIMARY KEY, n integer NOT NULL);
CREATE TABLE rm_notes (
  repository text NOT NULL, sha text NOT NULL, message text, tags jsonb NOT NULL, size integer, at timestamptz NOT NULL,
  PRIMARY KEY (repository, sha))`;

/** Values that need care on the way in: escapes, quotes, unicode, nulls, JSON strings and objects. */
function note(n: number, message = `change ${n}\twith a tab,\na newline, a \\ and "quotes" — ünïcode`): RowWrite {
  return {
    table: 'rm_notes',
    mode: 'insert',
    key: { repository: 'katcomp', sha: n.toString(16).padStart(40, '0') },
    set: { message: n % 7 === 0 ? null : message, tags: n % 2 === 0 ? ['rc', { n }] : 'plain', size: n, at: '2026-11-24T08:00:00.000Z' },
  };
}

forEachSqlStore('row writes', (open) => {
  let opened: OpenedStore;
  const db = () => opened.store.sqlConnection;
  const rows = () => db().query('SELECT id, n FROM rm_counts ORDER BY id');
  const notes = () =>
    db().query<Record<string, unknown>>(`SELECT repository, sha, message, tags, size, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM rm_notes ORDER BY sha`);
  beforeEach(async () => {
    opened = await open();
    await db().execScript(TABLES);
  });
  afterEach(() => opened.close());

  it('given an update of a row inserted in the same batch, then the row ends updated', async () => {
    await db().transaction((tx) => applyRowWrites(tx, [write('insert', 'a', 1), write('update', 'a', 5), write('insert', 'b', 2)]));
    expect(await rows()).toEqual([{ id: 'a', n: 5 }, { id: 'b', n: 2 }]);
  });

  it('given one key written twice in a batch, then an insert keeps the first and an upsert or update the last, as one by one would', async () => {
    await db().transaction((tx) =>
      applyRowWrites(tx, [write('insert', 'a', 1), write('insert', 'a', 2), write('upsert', 'b', 1), write('upsert', 'b', 2), write('insert', 'c', 0), write('update', 'c', 1), write('update', 'c', 2)]),
    );
    expect(await rows()).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'c', n: 2 }]);
  });

  it('given a second batch inserting an existing key, then the first recording stands', async () => {
    await db().transaction((tx) => applyRowWrites(tx, [write('insert', 'a', 1)]));
    await db().transaction((tx) => applyRowWrites(tx, [write('insert', 'a', 9)]));
    expect(await rows()).toEqual([{ id: 'a', n: 1 }]);
  });

  it('given inserts into one table with two column sets, then each row keeps the columns it set', async () => {
    const bare: RowWrite = { table: 'rm_notes', mode: 'insert', key: { repository: 'katcomp', sha: 'a' }, set: { tags: [], at: '2026-11-24T08:00:00.000Z' } };
    const full = { ...note(1, 'full'), key: { repository: 'katcomp', sha: 'b' } };

    await db().transaction((tx) => applyRowWrites(tx, [bare, full]));

    expect(await notes()).toEqual([{ ...bare.key, message: null, tags: [], size: null, at: bare.set.at }, { ...full.key, ...full.set }]);
  });

  it(`given ${COPY_FROM_ROWS + 100} new rows in one table (COPY on a server), then each is stored as written`, async () => {
    const writes = Array.from({ length: COPY_FROM_ROWS + 100 }, (_, n) => note(n));

    await db().transaction((tx) => applyRowWrites(tx, writes));

    expect(await notes()).toEqual(writes.map((one) => ({ ...one.key, ...one.set })));
  });

  it('given many new rows and one whose key is already stored, then the stored row is kept and the others are added', async () => {
    await db().transaction((tx) => applyRowWrites(tx, [note(3, 'first')]));
    const writes = Array.from({ length: COPY_FROM_ROWS + 100 }, (_, n) => note(n, 'second'));

    await db().transaction((tx) => applyRowWrites(tx, writes));

    const stored = await notes();
    expect(stored).toHaveLength(writes.length);
    expect(stored.filter((row) => row.message === 'first').map((row) => row.size)).toEqual([3]);
  });
});
