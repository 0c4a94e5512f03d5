import { EventEmitter } from 'node:events';
import { PGlite, PGliteInterface, Transaction } from '@electric-sql/pglite';
import type { SqlConnection, SqlQueryable } from './sql-connection';
import { quoteIdentifier } from './sql-connection';

/**
 * SqlConnection on PGlite: real PostgreSQL compiled to WebAssembly, inside this process.
 * `dataDir` is a directory, or `memory://` for a log that lives only as long as the process.
 *
 * PGlite runs one query at a time; concurrent callers queue, so nothing here ever commits
 * out of order.
 */
export class PgliteConnection implements SqlConnection {
  private readonly wakeUps = new EventEmitter().setMaxListeners(0);

  private constructor(private readonly db: PGliteInterface) {}

  /** Opens `dataDir`, or takes over an already open `database` (closing the connection closes it). */
  static async open(options: { dataDir: string; schema: string } | { database: PGliteInterface; schema: string }): Promise<PgliteConnection> {
    const db = 'database' in options ? options.database : await PGlite.create(options.dataDir);
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)};
                   SET search_path TO ${quoteIdentifier(options.schema)};`);
    return new PgliteConnection(db);
  }

  async query<Row>(text: string, params?: unknown[]): Promise<Row[]> {
    return (await this.db.query<Row>(text, params)).rows;
  }

  async execScript(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(queryableOf(tx)));
  }

  /** A PGlite database lives in one process, so wake-ups go straight to its listeners, without SQL. */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    this.wakeUps.on(channel, onNotify);
    return async () => {
      this.wakeUps.off(channel, onNotify);
    };
  }

  notify(channel: string): void {
    this.wakeUps.emit(channel);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

function queryableOf(tx: Transaction): SqlQueryable {
  return {
    async query<Row>(text: string, params?: unknown[]) {
      return (await tx.query<Row>(text, params)).rows;
    },
    async execScript(sql: string) {
      await tx.exec(sql);
    },
  };
}
