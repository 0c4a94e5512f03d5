/**
 * The little the event log needs from a PostgreSQL connection. Two adapters implement it:
 * `pg` against a server and PGlite embedded in the process. All SQL is shared.
 */
/**
 * A statement a server connection parses and plans once, then runs by name: for the hot paths,
 * where planning a statement costs about as much as running it. PGlite runs its text as it is.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export interface SqlQueryable {
  /** One statement, with $1.. parameters. */
  query<Row = Record<string, unknown>>(statement: string | PreparedStatement, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements, without parameters (a migration file). */
  execScript(sql: string): Promise<void>;
  /**
   * `COPY ... FROM STDIN` with `rows` in PostgreSQL's text format, UTF-8: the cheapest way in for
   * many rows. A server's transactions have it; PGlite's do not.
   */
  copyIn?(copyStatement: string, rows: Buffer): Promise<void>;
}

/** Settings for one transaction, sent with its BEGIN (one round trip on a server). */
export interface TransactionSettings {
  /** The server ends the transaction once it has sat idle this long (idle_in_transaction_session_timeout). */
  idleTimeoutMs?: number;
  /** 'off': commit without waiting for the write-ahead log to reach disk (for work a crash may repeat). */
  synchronousCommit?: 'off';
}

/** The SET LOCAL statements for `settings`, separated by semicolons; '' for none. */
export function settingsStatements(settings: TransactionSettings = {}): string {
  const statements: string[] = [];
  if (settings.idleTimeoutMs !== undefined) {
    if (!Number.isSafeInteger(settings.idleTimeoutMs) || settings.idleTimeoutMs < 0) {
      throw new Error(`idleTimeoutMs must be a whole number of milliseconds, 0 or more; got ${settings.idleTimeoutMs}`);
    }
    statements.push(`SET LOCAL idle_in_transaction_session_timeout = ${settings.idleTimeoutMs}`);
  }
  if (settings.synchronousCommit === 'off') statements.push('SET LOCAL synchronous_commit = off');
  return statements.join('; ');
}

export interface SqlConnection extends SqlQueryable {
  /** How many transactions can be open at once: the pool's size on a server, 1 on PGlite. */
  readonly parallelTransactions: number;
  /** Runs `work` in one transaction on one connection; commits if it resolves, rolls back if it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>, settings?: TransactionSettings): Promise<T>;
  /** Calls `onNotify` for every notification on `channel` until the returned function is called. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Wakes every listener on `channel`, in this process and (on a server) in others; never throws. */
  notify(channel: string): void;
  close(): Promise<void>;
}

/** The SQLSTATE and DETAIL of a database error, whichever driver raised it. */
export function databaseErrorOf(error: unknown): { code?: string; detail?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    detail: typeof detail === 'string' ? detail : undefined,
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
