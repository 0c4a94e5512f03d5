import type { SqlQueryable } from '@provenance/event-store';
import type { RowWrite } from './projection';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function column(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column name: ${name}`);
  return name;
}

/** Turns a projection's row writes into SQL, one statement per write. */
export async function applyRowWrites(tx: SqlQueryable, writes: RowWrite[]): Promise<void> {
  for (const write of writes) {
    if (write.mode === 'update') {
      await update(tx, write);
      continue;
    }
    const keys = Object.keys(write.key).map(column);
    const sets = Object.keys(write.set).map(column);
    const columns = [...keys, ...sets];
    const values = [...Object.values(write.key), ...Object.values(write.set)].map(toParameter);
    const placeholders = columns.map((_, n) => `$${n + 1}`).join(', ');
    const onConflict =
      write.mode === 'insert' || sets.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${sets.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`;
    await tx.query(
      `INSERT INTO ${column(write.table)} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT (${keys.join(', ')}) ${onConflict}`,
      values,
    );
  }
}

async function update(tx: SqlQueryable, write: RowWrite): Promise<void> {
  const sets = Object.keys(write.set).map(column);
  const keys = Object.keys(write.key).map(column);
  const values = [...Object.values(write.set), ...Object.values(write.key)].map(toParameter);
  await tx.query(
    `UPDATE ${column(write.table)} SET ${sets.map((name, n) => `${name} = $${n + 1}`).join(', ')}
      WHERE ${keys.map((name, n) => `${name} = $${sets.length + n + 1}`).join(' AND ')}`,
    values,
  );
}

/** Arrays and objects go to jsonb columns as JSON text. */
function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}
