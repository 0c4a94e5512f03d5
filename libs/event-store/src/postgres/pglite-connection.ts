import { EventEmitter } from 'node:events';
import { PGlite, PGliteInterface, Transaction } from '@electric-sql/pglite';
import { DataDirLock, directoryOf, lockDataDir } from './data-dir-lock';
import { durablePgliteOptions, syncDirectoryTree } from './durable-pglite';
import type { PreparedStatement, SqlConnection, SqlQueryable, TransactionSettings } from './sql-connection';
import { quoteIdentifier, settingsStatements } from './sql-connection';

/** `on`: a commit on a directory returns once it is on disk; `off` trades that for speed. */
export type EmbeddedSync = 'on' | 'off';

/**
 * SqlConnection on PGlite: real PostgreSQL compiled to WebAssembly, inside this process.
 * `dataDir` is a directory, or `memory://` for a log that lives only as long as the process.
 *
 * PGlite runs one query at a time; concurrent callers queue, so nothing here ever commits
 * out of order. A directory is locked for this process (`data-dir-lock.ts`) until the
 * connection closes: a second PGlite on it would overwrite this one's writes.
 *
 * On a directory, with `sync: 'on'` (the default), a commit's promise resolves only once its
 * write-ahead log is fsynced (`durable-pglite.ts`); `sync: 'off'` is PGlite as shipped, which
 * never fsyncs: faster, but a power cut or OS crash can lose acknowledged commits.
 */
export class PgliteConnection implements SqlConnection {
  readonly parallelTransactions = 1;

  private readonly wakeUps = new EventEmitter().setMaxListeners(0);

  private constructor(
    private readonly db: PGliteInterface,
    private readonly lock?: DataDirLock,
  ) {}

  /**
   * Opens `dataDir`, or takes over an already open `database` (closing the connection closes it).
   * Throws DataDirectoryInUse when another process holds `dataDir`.
   */
  static async open(
    options: { dataDir: string; schema: string; sync?: EmbeddedSync } | { database: PGliteInterface; schema: string },
  ): Promise<PgliteConnection> {
    if ('database' in options) return PgliteConnection.on(options.database, options.schema);
    const lock = lockDataDir(options.dataDir);
    const durableIn = options.sync === 'off' ? undefined : directoryOf(options.dataDir);
    let db: PGliteInterface | undefined;
    try {
      db = await PGlite.create(options.dataDir, durableIn === undefined ? {} : durablePgliteOptions(durableIn));
      if (durableIn !== undefined) syncDirectoryTree(durableIn);
      return await PgliteConnection.on(db, options.schema, lock);
    } catch (error) {
      if (db && !db.closed) await db.close().catch(() => undefined);
      lock?.release();
      throw error;
    }
  }

  private static async on(db: PGliteInterface, schema: string, lock?: DataDirLock): Promise<PgliteConnection> {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)};
                   SET search_path TO ${quoteIdentifier(schema)};`);
    return new PgliteConnection(db, lock);
  }

  async query<Row>(statement: string | PreparedStatement, params?: unknown[]): Promise<Row[]> {
    return (await this.db.query<Row>(textOf(statement), params)).rows;
  }

  async execScript(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>, settings?: TransactionSettings): Promise<T> {
    const settingsSql = settingsStatements(settings);
    return this.db.transaction(async (tx) => {
      if (settingsSql) await tx.exec(settingsSql);
      return work(queryableOf(tx));
    });
  }

  /** A PGlite database lives in one process, so wake-ups go straight to its listeners, without SQL. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    this.wakeUps.on(channel, onNotify);
    return Promise.resolve(() => {
      this.wakeUps.off(channel, onNotify);
      return Promise.resolve();
    });
  }

  notify(channel: string): void {
    this.wakeUps.emit(channel);
  }

  async close(): Promise<void> {
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

function queryableOf(tx: Transaction): SqlQueryable {
  return {
    async query<Row>(statement: string | PreparedStatement, params?: unknown[]) {
      return (await tx.query<Row>(textOf(statement), params)).rows;
    },
    async execScript(sql: string) {
      await tx.exec(sql);
    },
  };
}

/** PGlite has no named statements; a statement is parsed each time. */
function textOf(statement: string | PreparedStatement): string {
  return typeof statement === 'string' ? statement : statement.text;
}
