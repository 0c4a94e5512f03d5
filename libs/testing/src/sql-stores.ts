import { PGlite } from '@electric-sql/pglite';
import { openEmbeddedEventStore, openPostgresEventStore, SqlEventStore } from '@provenance/event-store';
import { dropSchema } from './postgres-schemas';
import { describeWithService, postgresServer, uniqueSchemaName } from './real-services';

export interface OpenedStore {
  store: SqlEventStore;
  close(): Promise<void>;
}

/**
 * Runs a suite on a fresh embedded store and, when DATABASE_URL is set, on a fresh PostgreSQL
 * schema (dropped afterwards): `suite` is given a function that opens one per test.
 */
export function forEachSqlStore(title: string, suite: (open: () => Promise<OpenedStore>) => void): void {
  describe(`${title} on the embedded store`, () => {
    suite(async () => {
      const store = await openEmbeddedEventStore({ database: await PGlite.create('memory://') });
      return { store, close: () => store.close() };
    });
  });
  describeWithService(postgresServer(), `${title} on PostgreSQL`, (url) => {
    suite(async () => {
      const schema = uniqueSchemaName(title.split(' ')[0]);
      const store = await openPostgresEventStore({ connectionString: url, schema });
      return {
        store,
        close: async () => {
          await store.close();
          await dropSchema(url, schema);
        },
      };
    });
  });
}
