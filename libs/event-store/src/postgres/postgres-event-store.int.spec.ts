import { Client } from 'pg';
import { describeWithService, dropSchema, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import type { EventToAppend } from '../event';
import { openPostgresEventStore } from './open-sql-event-store';
import { quoteIdentifier } from './sql-connection';
import { APPEND_TO_STREAM } from './event-log.sql';

describeWithService(postgresServer(), 'PostgreSQL event store (pg)', (url) => {
  eventStoreContract({
    open: async (options = {}) => {
      const schema = uniqueSchemaName('contract');
      const store = await openPostgresEventStore({ connectionString: url, schema, ...options });
      const uncommitted = new Set<Client>();
      return {
        store,
        beginLateAppend: (streamId, events) => beginLateAppend(url, schema, streamId, events, uncommitted),
        close: async () => {
          // A test that failed before committing would leave its transaction, and the schema, locked.
          await Promise.all([...uncommitted].map((client) => client.end()));
          await store.close();
          await dropSchema(url, schema);
        },
      };
    },
  });
});

/** The append function itself, in a transaction this test holds open. */
async function beginLateAppend(url: string, schema: string, streamId: string, events: EventToAppend[], uncommitted: Set<Client>) {
  const client = new Client({ connectionString: url, options: `-c search_path=${quoteIdentifier(schema)}` });
  await client.connect();
  uncommitted.add(client);
  await client.query('BEGIN');
  const payload = events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata: metadata ?? {} }));
  await client.query(APPEND_TO_STREAM, [streamId, 'any', JSON.stringify(payload)]);
  return {
    async commit() {
      await client.query('COMMIT');
      uncommitted.delete(client);
      await client.end();
    },
  };
}
