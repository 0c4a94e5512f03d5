import { describeWithService, postgresServer } from '@provenance/testing';
import { Backend, embedded, postgres } from './backends';

/** Runs the same e2e suite on the embedded store and, when configured, on PostgreSQL. */
export function forEachBackend(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} (embedded)`, () => suite(embedded));
  describeWithService(postgresServer(), `${title} (postgres)`, (url) => suite(postgres(url)));
}
