import { Client } from 'pg';
import { describeWithService, dropSchema, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import type { EventToAppend } from '../event';
import { openPostgresEventStore } from './open-sql-event-store';
import { quoteIdentifier } from './sql-connection';
import { APPEND_TO_STREAM } from './event-log.sql';

describeWithService(postgresServer(), 'PostgreSQL event store (pg)', (url) => {
  eventStoreContract(async (options = {}) => {
    const schema = uniqueSchemaName('contract');
    const store = await openPostgresEventStore({ connectionString: url, schema, ...options });
    return {
      store,
      beginLateAppend: (streamId, events) => beginLateAppend(url, schema, streamId, events),
      close: async () => {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  });
});

/** The append function itself, in a transaction this test holds open. */
async function beginLateAppend(url: string, schema: string, streamId: string, events: EventToAppend[]) {
  const client = new Client({ connectionString: url, options: `-c search_path=${quoteIdentifier(schema)}` });
  await client.connect();
  await client.query('BEGIN');
  const payload = events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata: metadata ?? {} }));
  await client.query(APPEND_TO_STREAM, [streamId, 'any', JSON.stringify(payload)]);
  return {
    async commit() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}
