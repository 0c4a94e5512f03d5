import { forEachSqlStore, OpenedStore } from '@provenance/testing';
import { logPositionOf } from '../log-position';
import { NEWEST_EVENT_SQL, newestEventIn } from './newest-event';

/** Rows as transactions numbered across a power of ten would leave them (ids are the server's, so they are written here). */
async function recordedBy(opened: OpenedStore, transactionIds: number[]): Promise<void> {
  for (const [n, transactionId] of transactionIds.entries()) {
    await opened.store.sqlConnection.query(
      `INSERT INTO events (stream_id, revision, transaction_id, event_id, type, data, metadata)
       VALUES ('numbers', $1, $2::text::xid8, $3, 'Counted', '{}', '{}')`,
      [String(n), String(transactionId), `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`],
    );
  }
}

forEachSqlStore('the newest event of the log', (open) => {
  let opened: OpenedStore;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(() => opened.close());

  it('given no events, then there is none', async () => {
    expect(await newestEventIn(opened.store.sqlConnection)).toBeUndefined();
  });

  it('given transaction ids 98, 99 and 100, when the newest is asked for, then it is the event of transaction 100, not the last in text order', async () => {
    await recordedBy(opened, [98, 99, 100]);

    const newest = await newestEventIn(opened.store.sqlConnection);

    const [row] = await opened.store.sqlConnection.query<{ position: string }>(`SELECT position::text AS position FROM events WHERE transaction_id = '100'::xid8`);
    expect(newest).toBe(logPositionOf(100n, BigInt(row.position)));
  });

  it('given many events, when the newest is asked for, then the log-order index answers it without reading the table', async () => {
    await opened.store.appendToStream('many', Array.from({ length: 200 }, (_, n) => ({ id: `00000000-0000-4000-8000-${(1000 + n).toString(16).padStart(12, '0')}`, type: 'Counted', data: { n } })));
    await opened.store.sqlConnection.query('ANALYZE events');

    const plan = await opened.store.sqlConnection.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${NEWEST_EVENT_SQL}`);

    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan Backward using events_in_log_order/);
  });
});
