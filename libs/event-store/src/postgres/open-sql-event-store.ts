import type { PGliteInterface } from '@electric-sql/pglite';
import type { AppendLimits } from '../append-validation';
import { migrate } from './migrations';
import { PgConnection } from './pg-connection';
import { EmbeddedSync, PgliteConnection } from './pglite-connection';
import type { SqlConnection } from './sql-connection';
import { SqlEventStore } from './sql-event-store';

/** Schema names become part of NOTIFY channel names, which PostgreSQL caps at 63 bytes. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
export const DEFAULT_SCHEMA = 'provenance';

interface CommonOptions {
  /** The PostgreSQL schema holding the log (default `provenance`). */
  schema?: string;
  limits?: Partial<AppendLimits>;
  pollIntervalMs?: number;
}

export interface PostgresEventStoreOptions extends CommonOptions {
  connectionString: string;
  maxConnections?: number;
}

export type EmbeddedEventStoreOptions = CommonOptions &
  (
    | {
        /** A directory for the database files, or `memory://`. */
        dataDir: string;
        /** `on` (default): a fact on a directory is fsynced before its append resolves; `off` trades that for speed. */
        sync?: EmbeddedSync;
      }
    | {
        /** An open PGlite database to keep the log in (tests clone one migrated template). */
        database: PGliteInterface;
      }
  );

/** The log on a PostgreSQL server; applies pending migrations first. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<SqlEventStore> {
  const schema = schemaOf(options);
  return open(new PgConnection({ ...options, schema }), schema, options);
}

/** The log on PGlite inside this process; applies pending migrations first. */
export async function openEmbeddedEventStore(options: EmbeddedEventStoreOptions): Promise<SqlEventStore> {
  const schema = schemaOf(options);
  return open(await PgliteConnection.open({ ...options, schema }), schema, options);
}

async function open(connection: SqlConnection, schema: string, options: CommonOptions): Promise<SqlEventStore> {
  try {
    await migrate(connection, schema);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  return new SqlEventStore(connection, { schema, limits: options.limits, pollIntervalMs: options.pollIntervalMs });
}

function schemaOf(options: CommonOptions): string {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new RangeError(`schema '${schema}' must be 1-40 characters of a-z, 0-9 and _, starting with a letter or _`);
  }
  return schema;
}
