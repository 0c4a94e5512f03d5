import { forEachSqlStore, OpenedStore } from '@provenance/testing';
import type { RowWrite } from './projection';
import { applyRowWrites, COPY_FROM_ROWS } from './row-writer';

const TABLE = `CREATE TABLE rm_notes (
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
  const rows = () =>
    opened.store.sqlConnection.query<Record<string, unknown>>(`SELECT repository, sha, message, tags, size, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM rm_notes ORDER BY sha`);
  beforeEach(async () => {
    opened = await open();
    await opened.store.sqlConnection.execScript(TABLE);
  });
  afterEach(() => opened.close());

  it(`given ${COPY_FROM_ROWS + 100} new rows in one table (COPY on a server), then each is stored as written`, async () => {
    const writes = Array.from({ length: COPY_FROM_ROWS + 100 }, (_, n) => note(n));

    await opened.store.sqlConnection.transaction((tx) => applyRowWrites(tx, writes));

    expect(await rows()).toEqual(writes.map((write) => ({ ...write.key, ...write.set })));
  });

  it('given many new rows and one whose key is already stored, then the stored row is kept and the others are added', async () => {
    await opened.store.sqlConnection.transaction((tx) => applyRowWrites(tx, [note(3, 'first')]));
    const writes = Array.from({ length: COPY_FROM_ROWS + 100 }, (_, n) => note(n, 'second'));

    await opened.store.sqlConnection.transaction((tx) => applyRowWrites(tx, writes));

    const stored = await rows();
    expect(stored).toHaveLength(writes.length);
    expect(stored.filter((row) => row.message === 'first').map((row) => row.size)).toEqual([3]);
  });
});
