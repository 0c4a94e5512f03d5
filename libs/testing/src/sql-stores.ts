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
    // Starting PGlite and migrating it takes seconds; cloning a migrated one takes a fraction of that.
    let template: SqlEventStore;
    let database: PGlite;
    beforeAll(async () => {
      database = await PGlite.create('memory://');
      template = await openEmbeddedEventStore({ database });
    });
    afterAll(() => template.close());
    suite(async () => {
      const store = await openEmbeddedEventStore({ database: await database.clone() });
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
