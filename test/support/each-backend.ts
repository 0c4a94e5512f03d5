import { describeWithOptionalService, describeWithService, eventStoreDbServer, postgresServer } from '@provenance/testing';
import { Backend, embedded, eventStoreDb, postgres } from './backends';

/**
 * Runs the same e2e suite on the embedded store, on PostgreSQL when configured (required in CI),
 * and on EventStoreDB when EVENTSTORE_URL is set (skipped otherwise, CI included: none runs there).
 */
export function forEachBackend(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} (embedded)`, () => suite(embedded));
  describeWithService(postgresServer(), `${title} (postgres)`, (url) => suite(postgres(url)));
  describeWithOptionalService(eventStoreDbServer(), `${title} (eventstoredb)`, (url) => suite(eventStoreDb(url)));
}
