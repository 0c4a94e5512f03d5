// Runs alone: a paused holder keeps its transaction open, and every log read in the cluster waits for it.
import { openPostgresEventStore, SqlConnection, SqlQueryable } from '@provenance/event-store';
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { followerContextOf } from './follower-context';
import { MOVE_CHECKPOINT } from './follower-checkpoints';
import { LogFollower } from './log-follower';

const quiet = { log: () => undefined, error: () => undefined };

/**
 * A connection that stops sending anything once paused, as a process stopped with SIGSTOP
 * does: every call made after the pause (and the statement that paused it) waits until
 * `resume` rejects them all.
 */
function pausable(connection: SqlConnection, pauseAfter: (sql: string) => boolean) {
  let paused = false;
  let resume!: (error: Error) => void;
  const stopped = new Promise<never>((_, reject) => (resume = reject));
  stopped.catch(() => undefined);
  const send = <T>(call: () => Promise<T>): Promise<T> => (paused ? stopped : call());
  const queryable = (db: SqlQueryable): SqlQueryable => ({
    query: async <Row>(text: string, params?: unknown[]) => {
      const rows = await send(() => db.query<Row>(text, params));
      if (pauseAfter(text)) paused = true;
      return paused ? stopped : rows;
    },
    execScript: (sql) => send(() => db.execScript(sql)),
  });
  const wrapped: SqlConnection = {
    ...queryable(connection),
    parallelTransactions: connection.parallelTransactions,
    transaction: (work, settings) => send(() => connection.transaction((tx) => work(queryable(tx)), settings)),
    listen: (channel, onNotify) => connection.listen(channel, onNotify),
    notify: (channel) => connection.notify(channel),
    close: () => connection.close(),
  };
  return { connection: wrapped, resume: () => resume(new Error('continued')) };
}

describeWithService(postgresServer(), 'a lease holder paused in the middle of a batch, on PostgreSQL', (url) => {
  it('given the holder stops inside its batch transaction after locking its lease, then the server ends that transaction after the lease timeout and a standby takes over', async () => {
    const schema = uniqueSchemaName('paused');
    const store = await openPostgresEventStore({ connectionString: url, schema });
    const stuckStore = await openPostgresEventStore({ connectionString: url, schema });
    const leaseTimeoutMs = 1_000;
    const seen = async () => (await store.sqlConnection.query<{ n: number }>('SELECT n FROM seen ORDER BY n')).map((row) => row.n);
    const counting = (connection: SqlConnection) =>
      ({
        prepare: async () => void (await connection.query('CREATE TABLE IF NOT EXISTS seen (n integer PRIMARY KEY)')),
        withCheckpoint: async (tx: SqlQueryable, events: { data: Record<string, unknown> }[]) => {
          for (const event of events) await tx.query('INSERT INTO seen (n) VALUES ($1)', [event.data.n]);
        },
      });
    // Paused right after its checkpoint statement share-locked the lease row, before COMMIT.
    const paused = pausable(stuckStore.sqlConnection, (sql) => sql === MOVE_CHECKPOINT);
    const stuck = new LogFollower(stuckStore, { ...followerContextOf(stuckStore, { leaseTimeoutMs, log: quiet }), connection: paused.connection }, 'counting', counting(paused.connection));
    const standby = new LogFollower(store, followerContextOf(store, { leaseTimeoutMs, log: quiet }), 'counting', counting(store.sqlConnection));
    try {
      await stuck.start();
      await standby.start();
      for (let n = 0; n < 6; n++) {
        await store.appendToStream(`numbers-${n}`, [{ id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, type: 'Counted', data: { n } }]);
      }

      await eventually(seen, (numbers) => numbers.length === 6, { what: 'the standby to apply every event', timeoutMs: 15_000 });
      expect(standby.holdsLease).toBe(true);
      expect(await seen()).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      paused.resume();
      await stuck.stop();
      await standby.stop();
      await stuckStore.close();
      await store.close();
      await dropSchema(url, schema);
    }
  });
});
