import { dropSchema, postgresServer, uniqueSchemaName } from '@provenance/testing';

export interface Backend {
  name: string;
  /** Environment variables for a fresh, empty store. */
  env(): Record<string, string>;
  cleanUp(env: Record<string, string>): Promise<void>;
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

export { postgresServer };
