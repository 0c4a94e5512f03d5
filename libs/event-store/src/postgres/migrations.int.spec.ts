import { describeWithService, dropSchema, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { loadMigrations, migrate } from './migrations';
import { openPostgresEventStore } from './open-sql-event-store';
import { PgConnection } from './pg-connection';

describeWithService(postgresServer(), 'migrations on PostgreSQL', (url) => {
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchemaName('migrations');
  });
  afterEach(() => dropSchema(url, schema));

  it('given the numbered SQL files, then their versions count up from 1 with no gap and no number used twice', () => {
    // Two branches that each add the next migration would both take its number.
    const versions = loadMigrations().map((migration) => migration.version);
    expect(versions).toEqual(versions.map((_, n) => n + 1));
  });

  it('given four processes starting at once on an empty schema, then each migration is applied exactly once', async () => {
    const connections = Array.from({ length: 4 }, () => new PgConnection({ connectionString: url, schema }));
    try {
      const applied = await Promise.all(connections.map((connection) => migrate(connection, schema)));

      const all = loadMigrations().map((migration) => migration.name);
      expect(applied.flat().sort()).toEqual(all);
      expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
      const rows = await connections[0].query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(loadMigrations().map((migration) => migration.version));
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('given an applied migration whose file was edited since, then start-up refuses, naming it', async () => {
    const connection = new PgConnection({ connectionString: url, schema });
    try {
      await migrate(connection, schema);
      const edited = loadMigrations().map((migration) =>
        migration.version === 2 ? { ...migration, sql: `${migration.sql}\n-- edited` } : migration,
      );
      await expect(migrate(connection, schema, edited)).rejects.toThrow(
        'migration 002_append_to_stream.sql was changed after it was applied',
      );
    } finally {
      await connection.close();
    }
  });

  it('given a migrated schema with events, when the store starts again, then nothing is re-applied or lost', async () => {
    const first = await openPostgresEventStore({ connectionString: url, schema });
    await first.appendToStream('s', [{ id: '6f1a9a5e-1c1b-4a51-8a32-6d5c1f2e3a4b', type: 'Kept', data: {} }]);
    await first.close();

    const connection = new PgConnection({ connectionString: url, schema });
    try {
      expect(await migrate(connection, schema)).toEqual([]);
      expect(await connection.query('SELECT 1 FROM events')).toHaveLength(1);
    } finally {
      await connection.close();
    }
  });
});
