import { PGlite } from '@electric-sql/pglite';
import { openEmbeddedEventStore, SqlConnection } from '@provenance/event-store';
import type { RowWrite } from './projection';
import { applyRowWrites } from './row-writer';

const write = (mode: RowWrite['mode'], id: string, n: number): RowWrite => ({ table: 'rm_counts', key: { id }, set: { n }, mode });

describe('row writer on PostgreSQL (embedded)', () => {
  let close: () => Promise<void>;
  let db: SqlConnection;
  beforeEach(async () => {
    const store = await openEmbeddedEventStore({ database: await PGlite.create('memory://') });
    db = store.sqlConnection;
    close = () => store.close();
    await db.execScript('CREATE TABLE rm_counts (id text PRIMARY KEY, n integer NOT NULL)');
  });
  afterEach(() => close());

  const rows = () => db.query('SELECT id, n FROM rm_counts ORDER BY id');

  it('given an update of a row inserted in the same batch, then the row ends updated', async () => {
    await db.transaction((tx) => applyRowWrites(tx, [write('insert', 'a', 1), write('update', 'a', 5), write('insert', 'b', 2)]));
    expect(await rows()).toEqual([{ id: 'a', n: 5 }, { id: 'b', n: 2 }]);
  });

  it('given one key written twice in a batch, then an insert keeps the first and an upsert or update the last, as one by one would', async () => {
    await db.transaction((tx) =>
      applyRowWrites(tx, [write('insert', 'a', 1), write('insert', 'a', 2), write('upsert', 'b', 1), write('upsert', 'b', 2), write('insert', 'c', 0), write('update', 'c', 1), write('update', 'c', 2)]),
    );
    expect(await rows()).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'c', n: 2 }]);
  });

  it('given a second batch inserting an existing key, then the first recording stands', async () => {
    await db.transaction((tx) => applyRowWrites(tx, [write('insert', 'a', 1)]));
    await db.transaction((tx) => applyRowWrites(tx, [write('insert', 'a', 9)]));
    expect(await rows()).toEqual([{ id: 'a', n: 1 }]);
  });
});
