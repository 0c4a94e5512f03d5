import { dropSchema, eventStoreDbServer, postgresServer, uniqueSchemaName } from '@provenance/testing';

export interface Backend {
  name: string;
  /** Environment variables for a fresh, empty store. */
  env(): Record<string, string>;
  cleanUp(env: Record<string, string>): Promise<void>;
  /** Set when the backend cannot keep Idempotency-Key claims, saying why (those cases are reported skipped). */
  idempotencyKeysUnsupported?: string;
}

export const embedded: Backend = {
  name: 'embedded',
  env: () => ({ PROVENANCE_DATA_DIR: 'memory://' }),
  cleanUp: async () => undefined,
};

/** PostgreSQL when DATABASE_URL is set; in CI its absence fails the run (see describeWithService). */
export function postgres(url: string): Backend {
  return {
    name: 'postgres',
    env: () => ({ PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: uniqueSchemaName('e2e') }),
    cleanUp: (env) => dropSchema(url, env.PROVENANCE_SCHEMA),
  };
}

/**
 * The log on EventStoreDB when EVENTSTORE_URL is set, in a namespace of its own per app (the
 * schema name); read models in PostgreSQL when DATABASE_URL is set, else in PGlite in memory.
 */
export function eventStoreDb(url: string): Backend {
  const databaseUrl = postgresServer().url;
  return {
    name: 'eventstoredb',
    env: () => ({
      PROVENANCE_EVENT_STORE: 'eventstoredb',
      PROVENANCE_STORE: '',
      EVENTSTORE_URL: url,
      PROVENANCE_SCHEMA: uniqueSchemaName('e2e'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', PROVENANCE_DATA_DIR: 'memory://' }),
    }),
    // The log's streams stay on the server (EventStoreDB deletes no namespace at once); the read models go.
    cleanUp: (env) => (databaseUrl ? dropSchema(databaseUrl, env.PROVENANCE_SCHEMA) : Promise.resolve()),
    idempotencyKeysUnsupported: 'EventStoreDB cannot write a key\'s claim with the fact (no multi-stream append); the server answers 501',
  };
}

export { eventStoreDbServer, postgresServer };
