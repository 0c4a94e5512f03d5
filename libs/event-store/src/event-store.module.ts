import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { readModelStoreOf, type ProvenanceConfig } from '@provenance/config';
import { EVENT_STORE, EventStore } from './event-store.port';
import { shownConnectionString } from './eventstoredb/connection-string';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { namespaceOfSchema } from './eventstoredb/log-namespace';
import type { CountLog, OnAppended } from './log-count';
import type { LogPosition } from './log-position';
import { newestEventIn } from './postgres/newest-event';
import { openEmbeddedEventStore, openPostgresEventStore } from './postgres/open-sql-event-store';
import type { SqlEventStore } from './postgres/sql-event-store';

/** The log and the SQL database beside it (the same store unless the log is on EventStoreDB). */
export interface OpenedStores {
  log: EventStore;
  sql: SqlEventStore;
  /**
   * The newest event of the log, for waits on read models. `after` is a position the caller
   * has seen in the log (the slowest reader's checkpoint), so a log that cannot answer from an
   * index reads only what follows it.
   */
  newestEvent(after?: LogPosition): Promise<LogPosition | undefined>;
  /** The log's events after a position, counted by its backend (see LOG_COUNT). */
  countLog: CountLog;
  /** The log's own signal of new events (see LOG_APPENDED). */
  onAppended: OnAppended;
  close(): Promise<void>;
}

const OPENED_STORES = Symbol('OpenedStores');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(OPENED_STORES) private readonly stores: OpenedStores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}

/** Binds the EventStore port to the adapter the configuration names. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: OPENED_STORES, useFactory: () => openEventStore(config) },
        { provide: EVENT_STORE, useFactory: (stores: OpenedStores) => stores.log, inject: [OPENED_STORES] },
        { provide: SQL_CONNECTION, useFactory: (stores: OpenedStores) => stores.sql.sqlConnection, inject: [OPENED_STORES] },
        { provide: NEWEST_EVENT, useFactory: (stores: OpenedStores) => (after?: LogPosition) => stores.newestEvent(after), inject: [OPENED_STORES] },
        { provide: LOG_COUNT, useFactory: (stores: OpenedStores): CountLog => stores.countLog, inject: [OPENED_STORES] },
        { provide: LOG_APPENDED, useFactory: (stores: OpenedStores): OnAppended => stores.onAppended, inject: [OPENED_STORES] },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, SQL_CONNECTION, NEWEST_EVENT, LOG_COUNT, LOG_APPENDED],
    };
  }
}

/** The PostgreSQL database (server or embedded) beside the log: read models, leases and checkpoints. */
export const SQL_CONNECTION = Symbol('SqlConnection');
/** `(after?) => Promise<LogPosition | undefined>`: the log's newest event (see OpenedStores.newestEvent). */
export const NEWEST_EVENT = Symbol('NewestEvent');
/**
 * `CountLog`, `(after, limit) => { events, oldestRecordedAt }`: the log's events after a position
 * (all when null), from the backend that holds the log: the SQL `events` table's log-order index
 * (uncapped when asked), or `$all` read forwards on EventStoreDB (never past 100,000). Followers'
 * lag and rebuild totals use it, never the `events` table, which is empty on EventStoreDB.
 */
export const LOG_COUNT = Symbol('LogCount');
/** `OnAppended`, `(listener) => stop`: the log's own signal of new events: NOTIFY (or PGlite's emitter), or EventStoreDB's live `$all` subscription. */
export const LOG_APPENDED = Symbol('LogAppended');

export async function openEventStore(config: ProvenanceConfig): Promise<OpenedStores> {
  const common = { schema: config.PROVENANCE_SCHEMA, limits: { maxEventBytes: config.PROVENANCE_MAX_EVENT_BYTES } };
  const sql =
    readModelStoreOf(config) === 'postgres'
      ? await openPostgresEventStore({ ...common, connectionString: config.DATABASE_URL! })
      : await openEmbeddedEventStore({ ...common, dataDir: config.PROVENANCE_DATA_DIR, sync: config.PROVENANCE_EMBEDDED_SYNC });
  if (config.PROVENANCE_STORE !== 'eventstoredb') {
    return {
      log: sql,
      sql,
      newestEvent: () => newestEventIn(sql.sqlConnection),
      countLog: (after, limit) => sql.countAfter(after, limit),
      onAppended: (listener) => sql.onAppended(listener),
      close: () => sql.close(),
    };
  }
  let log: EventStoreDbEventStore;
  try {
    log = new EventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL!, namespace: namespaceOfSchema(config.PROVENANCE_SCHEMA), limits: common.limits });
  } catch (error) {
    await sql.close();
    throw error;
  }
  return {
    log,
    sql,
    newestEvent: (after) => log.newestPosition(after),
    countLog: (after, limit) => log.countAfter(after, limit),
    onAppended: (listener) => log.onAppended(listener),
    close: async () => {
      await log.close();
      await sql.close();
    },
  };
}

/** What start-up must say about the log's durability, when it is weaker than "acknowledged means on disk". */
export function eventStoreDurabilityWarning(config: ProvenanceConfig): string | undefined {
  if (readModelStoreOf(config) !== 'embedded' || config.PROVENANCE_EMBEDDED_SYNC !== 'off') return undefined;
  if (config.PROVENANCE_STORE === 'eventstoredb') {
    return 'PROVENANCE_EMBEDDED_SYNC=off: the embedded database keeps read models and checkpoints without syncing them to disk (the log itself is on EventStoreDB)';
  }
  return (
    'PROVENANCE_EMBEDDED_SYNC=off: the embedded store acknowledges facts before they are on disk; ' +
    'a power cut or OS crash can lose acknowledged facts (unset it to sync every append)'
  );
}

/** Where the log is, for people: never prints a password. */
export function describeEventStore(config: ProvenanceConfig): string {
  const sql =
    readModelStoreOf(config) === 'postgres'
      ? (() => {
          const url = new URL(config.DATABASE_URL!);
          return `PostgreSQL at ${url.host}${url.pathname}, schema ${config.PROVENANCE_SCHEMA}`;
        })()
      : `embedded PGlite in ${config.PROVENANCE_DATA_DIR}`;
  if (config.PROVENANCE_STORE !== 'eventstoredb') return sql;
  return `EventStoreDB at ${shownConnectionString(config.EVENTSTORE_URL!)}, streams ${namespaceOfSchema(config.PROVENANCE_SCHEMA)}*; read models in ${sql}`;
}
