import { forEachSqlStore, OpenedStore } from '@provenance/testing';

const SETTINGS = `SELECT current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('synchronous_commit') AS sync`;

forEachSqlStore('transaction settings', (open) => {
  let opened: OpenedStore;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(() => opened.close());

  it('given settings, when a transaction runs, then its statements see them, and the next transaction does not', async () => {
    const connection = opened.store.sqlConnection;

    const inside = await connection.transaction((tx) => tx.query<{ idle: string; sync: string }>(SETTINGS), { idleTimeoutMs: 2500, synchronousCommit: 'off' });
    const after = await connection.transaction((tx) => tx.query<{ idle: string; sync: string }>(SETTINGS));

    expect(inside).toEqual([{ idle: '2500ms', sync: 'off' }]);
    expect(after).toEqual([{ idle: '0', sync: 'on' }]);
  });

  it('given settings, when the work throws, then nothing it wrote stays', async () => {
    const connection = opened.store.sqlConnection;
    await connection.execScript('CREATE TABLE settings_probe (n int)');

    const failed = connection.transaction(async (tx) => {
      await tx.query('INSERT INTO settings_probe VALUES (1)');
      throw new Error('work failed');
    }, { idleTimeoutMs: 1000 });

    await expect(failed).rejects.toThrow('work failed');
    expect(await connection.query('SELECT n FROM settings_probe')).toEqual([]);
  });
});
