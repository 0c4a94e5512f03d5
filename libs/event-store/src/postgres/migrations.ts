import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlConnection } from './sql-connection';
import { quoteIdentifier } from './sql-connection';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered SQL files beside this module, in order. */
export function loadMigrations(directory = MIGRATIONS_DIR): Migration[] {
  return readdirSync(directory)
    .filter((name) => FILE_NAME.test(name))
    .sort()
    .map((name) => ({
      version: Number(FILE_NAME.exec(name)![1]),
      name,
      sql: readFileSync(join(directory, name), 'utf8'),
    }));
}

/**
 * Brings `schema` up to the newest migration. Safe to run twice and from several processes at
 * once: a transaction-scoped advisory lock (keyed by the schema) lets one process migrate
 * while the others wait, then find nothing left to do. A migration file edited after it was
 * applied stops the start with a message, rather than leaving the database silently behind.
 * Returns the names of the migrations this call applied.
 */
export async function migrate(connection: SqlConnection, schema: string, migrations = loadMigrations()): Promise<string[]> {
  const quoted = quoteIdentifier(schema);
  return connection.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`release-provenance:migrate:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await tx.query(`SET LOCAL search_path TO ${quoted}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Map(
      (await tx.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations')).map(
        (row) => [Number(row.version), row],
      ),
    );
    for (const migration of migrations) {
      const recorded = applied.get(migration.version);
      if (recorded && recorded.checksum !== checksumOf(migration)) {
        throw new Error(
          `migration ${migration.name} was changed after it was applied to schema ${schema} (applied as ${recorded.name}); ` +
            'restore it and put the change in a new numbered migration',
        );
      }
    }
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await tx.execScript(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksumOf(migration),
      ]);
    }
    return pending.map((migration) => migration.name);
  });
}
