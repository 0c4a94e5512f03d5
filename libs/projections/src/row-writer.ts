import { databaseErrorOf, SqlQueryable } from '@provenance/event-store';
import { copyLines } from './copy-text';
import type { RowWrite } from './projection';

/** From this many new rows in one table, they go in by COPY (a rebuild's pages, a long catch-up). */
export const COPY_FROM_ROWS = 500;
const UNIQUE_VIOLATION = '23505';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function column(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column name: ${name}`);
  return name;
}

/**
 * Turns a batch's row writes into SQL: inserts and upserts grouped into one statement per table
 * and column set, then updates one by one. Inserts go first because an update
 * completes a row a start inserted, possibly earlier in the same batch.
 */
export async function applyRowWrites(tx: SqlQueryable, writes: RowWrite[]): Promise<void> {
  const inserts = groupByShape(writes.filter((write) => write.mode !== 'update'));
  const updates = groupByShape(writes.filter((write) => write.mode === 'update'));
  for (const group of inserts) await insertAll(tx, group);
  for (const group of updates) await updateAll(tx, group);
}

/**
 * Groups writes of one mode, table and column set, keeping one write per key as the writes
 * would have left it one by one: the first for `insert` (later ones are ignored), the last for
 * `upsert` and `update`. One statement cannot touch a row twice.
 * Writes to one table must use one column set per mode: groups are applied group by group.
 */
function groupByShape(writes: RowWrite[]): RowWrite[][] {
  const groups: Group[] = [];
  const byTable = new Map<string, Group[]>();
  for (const write of writes) {
    let ofTable = byTable.get(write.table);
    if (!ofTable) byTable.set(write.table, (ofTable = []));
    let group = ofTable.find((candidate) => sameShape(candidate.first, write));
    if (!group) {
      group = { first: write, rows: new Map() };
      ofTable.push(group);
      groups.push(group);
    }
    const key = keyOf(write);
    if (group.rows.has(key)) {
      if (write.mode === 'insert') continue;
      group.rows.delete(key);
    }
    group.rows.set(key, write);
  }
  return groups.map((group) => [...group.rows.values()]);
}

interface Group {
  first: RowWrite;
  rows: Map<string, RowWrite>;
}

// Compared column by column rather than by a string naming the shape: a rebuild groups every row
// it writes, and building that string per row was a fifth of the memory a rebuild allocates.
function sameShape(a: RowWrite, b: RowWrite): boolean {
  return a.mode === b.mode && sameColumns(a.key, b.key) && sameColumns(a.set, b.set);
}

function sameColumns(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const name in a) if (!(name in b)) return false;
  for (const name in b) if (!(name in a)) return false;
  return true;
}

function keyOf(write: RowWrite): string {
  let key = '';
  // Key columns hold text and numbers.
  for (const name in write.key) key += `${(write.key[name] ?? '') as string | number}\u0000`;
  return key;
}

/**
 * One statement per group, whatever its size: the rows travel as one JSON array and
 * `jsonb_to_recordset` turns them back into typed columns, which costs far less than a
 * parameter per value. Many new rows go by COPY where the transaction has it (`copiedAll`).
 */
async function insertAll(tx: SqlQueryable, writes: RowWrite[]): Promise<void> {
  const [first] = writes;
  const keys = Object.keys(first.key).map(column);
  const sets = Object.keys(first.set).map(column);
  const columns = [...keys, ...sets];
  const types = await columnTypes(tx, first.table);
  const copyIn = tx.copyIn?.bind(tx);
  if (first.mode === 'insert' && writes.length >= COPY_FROM_ROWS && copyIn && (await copiedAll(tx, copyIn, writes, columns, types))) return;
  const onConflict =
    first.mode === 'insert' || sets.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${sets.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`;
  const rows = writes.map((write) => ({ ...write.key, ...write.set }));
  await tx.query(
    `INSERT INTO ${column(first.table)} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS row(${columns.map((name) => `${name} ${typeOf(types, first.table, name)}`).join(', ')})
     ON CONFLICT (${keys.join(', ')}) ${onConflict}`,
    [JSON.stringify(rows)],
  );
}

/**
 * New rows by COPY, which costs PostgreSQL about half an INSERT of the same rows. COPY cannot
 * skip a row whose key exists, so it runs under a savepoint: if one does (a rebuild's page
 * written again after a failure, a fact in the log twice), it is undone, and false says to insert
 * the rows as usual.
 */
async function copiedAll(
  tx: SqlQueryable,
  copyIn: (copyStatement: string, rows: Buffer) => Promise<void>,
  writes: RowWrite[],
  columns: string[],
  types: Map<string, string>,
): Promise<boolean> {
  const table = column(writes[0].table);
  const json = columns.map((name) => typeOf(types, table, name) === 'jsonb');
  const rows = copyLines(writes, (write, n) => (columns[n] in write.key ? write.key[columns[n]] : write.set[columns[n]]), json);
  await tx.query('SAVEPOINT copy_rows');
  try {
    await copyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, rows);
  } catch (error) {
    if (databaseErrorOf(error).code !== UNIQUE_VIOLATION) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT copy_rows');
    return false;
  }
  await tx.query('RELEASE SAVEPOINT copy_rows');
  return true;
}

const knownTypes = new Map<string, Map<string, string>>();

/** Column types of a read-model table, looked up once: every schema holds the same tables. */
async function columnTypes(tx: SqlQueryable, table: string): Promise<Map<string, string>> {
  let types = knownTypes.get(table);
  if (!types) {
    const rows = await tx.query<{ column_name: string; data_type: string }>(
      `SELECT attname AS column_name, format_type(atttypid, atttypmod) AS data_type
         FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
      [table],
    );
    types = new Map(rows.map((row) => [row.column_name, row.data_type]));
    knownTypes.set(table, types);
  }
  return types;
}

function typeOf(types: Map<string, string>, table: string, name: string): string {
  const type = types.get(name);
  if (!type) throw new Error(`table ${table} has no column ${name}`);
  return type;
}

/** Completes existing rows, one statement per group (a key appears once per batch: one result per start). */
async function updateAll(tx: SqlQueryable, writes: RowWrite[]): Promise<void> {
  const [first] = writes;
  const keys = Object.keys(first.key).map(column);
  const sets = Object.keys(first.set).map(column);
  const types = await columnTypes(tx, first.table);
  const table = column(first.table);
  await tx.query(
    `UPDATE ${table} SET ${sets.map((name) => `${name} = row.${name}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS row(${[...keys, ...sets].map((name) => `${name} ${typeOf(types, first.table, name)}`).join(', ')})
      WHERE ${keys.map((name) => `${table}.${name} = row.${name}`).join(' AND ')}`,
    [JSON.stringify(writes.map((write) => ({ ...write.key, ...write.set })))],
  );
}
