import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, Pool, PoolClient, QueryConfig } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PreparedStatement, SqlConnection, SqlQueryable, TransactionSettings } from './sql-connection';
import { quoteIdentifier, settingsStatements } from './sql-connection';
import { CoalescedNotifier } from './coalesced-notifier';

/**
 * Shortest time between two notifications on one channel (see CoalescedNotifier): the log
 * followers' read interval, since under steady appends none reads more often than that. The
 * leases' release channel shares it: of several leases released at once, the first is
 * announced at once and the rest together up to 20 ms later.
 */
const NOTIFY_GAP_MS = 20;

export interface PgConnectionOptions {
  connectionString: string;
  schema: string;
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
}

/** SqlConnection on a PostgreSQL server, through a `pg` pool plus one client kept for LISTEN. */
export class PgConnection implements SqlConnection {
  private readonly pool: Pool;
  private listener?: Promise<Client>;
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly notifiers = new Map<string, CoalescedNotifier>();

  readonly parallelTransactions: number;

  constructor(private readonly options: PgConnectionOptions) {
    this.parallelTransactions = options.maxConnections ?? 10;
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: this.parallelTransactions,
      options: `-c search_path=${quoteIdentifier(options.schema)}`,
    });
    // An idle client that loses its server is discarded by the pool; the next query opens a new one.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(statement: string | PreparedStatement, params?: unknown[]): Promise<Row[]> {
    const result = await this.pool.query(queryConfigOf(statement, params));
    return result.rows as Row[];
  }

  async execScript(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>, settings?: TransactionSettings): Promise<T> {
    const settingsSql = settingsStatements(settings);
    const client = await this.pool.connect();
    // The server may end a session mid-transaction (an idle-in-transaction timeout, a restart):
    // the query in flight fails with it, and the client is thrown away rather than reused.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      // Without parameters this is a simple query, which may hold several statements.
      await client.query(settingsSql ? `BEGIN; ${settingsSql}` : 'BEGIN');
      const result = await work(queryableOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!broken) await client.query('ROLLBACK').catch(() => undefined);
      throw broken ?? error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const client = await this.listenerClient();
    let callbacks = this.listeners.get(channel);
    if (!callbacks) {
      callbacks = new Set();
      this.listeners.set(channel, callbacks);
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    }
    callbacks.add(onNotify);
    return () => {
      callbacks.delete(onNotify);
      return Promise.resolve();
    };
  }

  /**
   * NOTIFY outside the caller's transaction, coalesced and at most one per NOTIFY_GAP_MS: a
   * notifying commit holds a database-wide lock until it has flushed, so notifying inside
   * every append would serialise concurrent appenders.
   */
  notify(channel: string): void {
    let notifier = this.notifiers.get(channel);
    if (!notifier) {
      notifier = new CoalescedNotifier(() => this.pool.query('SELECT pg_notify($1, NULL)', [channel]), NOTIFY_GAP_MS);
      this.notifiers.set(channel, notifier);
    }
    notifier.poke();
  }

  async close(): Promise<void> {
    await Promise.all([...this.notifiers.values()].map((notifier) => notifier.drain()));
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await listener.then((client) => client.end(), () => undefined).catch(() => undefined);
    await this.pool.end();
  }

  /** One connection serves every subscription's LISTEN; subscriptions also poll, so losing it only slows them. */
  private listenerClient(): Promise<Client> {
    this.listener ??= (async () => {
      const client = new Client({
        connectionString: this.options.connectionString,
        options: `-c search_path=${quoteIdentifier(this.options.schema)}`,
      });
      client.on('notification', ({ channel }) => this.listeners.get(channel)?.forEach((notify) => notify()));
      client.on('error', () => {
        this.listener = undefined;
        this.listeners.clear();
      });
      try {
        await client.connect();
      } catch (error) {
        // Forget the failed attempt, so the next subscription tries again once the server is back.
        this.listener = undefined;
        throw error;
      }
      return client;
    })();
    return this.listener;
  }
}

function queryableOf(client: PoolClient): SqlQueryable {
  return {
    async query<Row>(statement: string | PreparedStatement, params?: unknown[]) {
      return (await client.query(queryConfigOf(statement, params))).rows as Row[];
    },
    async execScript(sql: string) {
      await client.query(sql);
    },
    async copyIn(copyStatement: string, rows: Buffer) {
      await pipeline(Readable.from([rows]), client.query(copyFrom(copyStatement)));
    },
  };
}

function queryConfigOf(statement: string | PreparedStatement, values?: unknown[]): QueryConfig {
  return typeof statement === 'string' ? { text: statement, values } : { name: statement.name, text: statement.text, values };
}
