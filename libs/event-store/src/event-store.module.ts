import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { EVENT_STORE, EventStore } from './event-store.port';
import { openEmbeddedEventStore, openPostgresEventStore } from './postgres/open-sql-event-store';
import type { SqlEventStore } from './postgres/sql-event-store';

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
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
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: SQL_CONNECTION, useFactory: (store: SqlEventStore) => store.sqlConnection, inject: [EVENT_STORE] },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, SQL_CONNECTION],
    };
  }
}

/** The PostgreSQL database (server or embedded) the log lives in; read models are kept beside it. */
export const SQL_CONNECTION = Symbol('SqlConnection');

export function openEventStore(config: ProvenanceConfig): Promise<SqlEventStore> {
  const common = { schema: config.PROVENANCE_SCHEMA, limits: { maxEventBytes: config.PROVENANCE_MAX_EVENT_BYTES } };
  return config.PROVENANCE_STORE === 'postgres'
    ? openPostgresEventStore({ ...common, connectionString: config.DATABASE_URL! })
    : openEmbeddedEventStore({ ...common, dataDir: config.PROVENANCE_DATA_DIR, sync: config.PROVENANCE_EMBEDDED_SYNC });
}

/** What start-up must say about the log's durability, when it is weaker than "acknowledged means on disk". */
export function eventStoreDurabilityWarning(config: ProvenanceConfig): string | undefined {
  if (config.PROVENANCE_STORE !== 'embedded' || config.PROVENANCE_EMBEDDED_SYNC !== 'off') return undefined;
  return (
    'PROVENANCE_EMBEDDED_SYNC=off: the embedded store acknowledges facts before they are on disk; ' +
    'a power cut or OS crash can lose acknowledged facts (unset it to sync every append)'
  );
}

/** Where the log is, for people: never prints a password. */
export function describeEventStore(config: ProvenanceConfig): string {
  if (config.PROVENANCE_STORE === 'postgres') {
    const url = new URL(config.DATABASE_URL!);
    return `PostgreSQL at ${url.host}${url.pathname}, schema ${config.PROVENANCE_SCHEMA}`;
  }
  return `embedded PGlite in ${config.PROVENANCE_DATA_DIR}`;
}
