import { describeWithOptionalService, eventStoreDbServer, uniqueSchemaName } from '@provenance/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs only when EVENTSTORE_URL names a server (README.md, "EventStoreDB"); skipped otherwise, in CI too.
describeWithOptionalService(eventStoreDbServer(), 'EventStoreDB event store', (url) => {
  eventStoreContract({
    open: async (options = {}) => {
      // A namespace per test: the server's $all is shared by every test and every run.
      const store = new EventStoreDbEventStore({ connectionString: url, namespace: `${uniqueSchemaName('contract')}.`, ...options });
      await store.check();
      return { store, close: () => store.close() };
    },
    lateAppendsUnsupported: 'EventStoreDB has no transaction a test can hold open (every append commits as it is written)',
    multiStreamAppendsUnsupported: 'EventStoreDB has no multi-stream append in @eventstore/db-client 6.x; the adapter refuses withNewStream, writing nothing',
  });
});
