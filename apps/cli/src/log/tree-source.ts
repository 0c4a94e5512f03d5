import { Pool } from 'pg';
import type { SqlQueryable } from '@provenance/event-store';
import { checkpointsBetween, leavesBetween, treeSizeOf } from '@provenance/notary';
import type { Get } from '../query.commands';

/** A leaf as a verifier reads it: the event's canonical JSON as the log holds it now (null: its row is gone) and the hash the tree holds. */
export interface SourceLeaf {
  index: number;
  leaf: Buffer | null;
  hash: Buffer;
  streamId: string;
  revision: string;
  eventId: string;
}

export interface SourceCheckpoint {
  treeSize: number;
  note: string;
}

/** Where `log verify` reads the tree from: the HTTP API, or the database itself. */
export interface TreeSource {
  readonly name: string;
  treeSize(): Promise<number>;
  leaves(start: number, end: number): Promise<SourceLeaf[]>;
  checkpoints(from: number, limit: number): Promise<SourceCheckpoint[]>;
  close(): Promise<void>;
}

export function httpTreeSource(get: Get, url: string): TreeSource {
  return {
    name: url,
    treeSize: async () => ((await get('api/v1/log/leaves?start=0&end=1')) as { treeSize: number }).treeSize,
    leaves: async (start, end) => {
      const body = (await get(`api/v1/log/leaves?start=${start}&end=${end}`)) as {
        leaves: { index: number; leaf: string | null; hash: string; streamId: string; revision: string; eventId: string }[];
      };
      return body.leaves.map((leaf) => ({ ...leaf, leaf: leaf.leaf === null ? null : Buffer.from(leaf.leaf, 'utf8'), hash: Buffer.from(leaf.hash, 'base64') }));
    },
    checkpoints: async (from, limit) => (await get(`api/v1/log/checkpoints?from=${from}&limit=${limit}`)) as SourceCheckpoint[],
    close: () => Promise.resolve(),
  };
}

/** Reads the rows themselves (DATABASE_URL, PROVENANCE_SCHEMA): what an auditor with database access compares against the signed tree. */
export function databaseTreeSource(connectionString: string, schema: string): TreeSource {
  const pool = new Pool({ connectionString, max: 2, options: `-c search_path=${schema}` });
  const db = {
    query: async <Row>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as Row[],
    execScript: async (sql: string) => {
      await pool.query(sql);
    },
  };
  return sqlTreeSource(db, `the database (schema ${schema})`, () => pool.end());
}

/** The tree's rows through any connection (the database source, and bench:log on the embedded store). */
export function sqlTreeSource(db: SqlQueryable, name: string, close: () => Promise<void> = () => Promise.resolve()): TreeSource {
  return {
    name,
    treeSize: () => treeSizeOf(db),
    leaves: async (start, end) =>
      (await leavesBetween(db, start, end)).map((leaf) => ({
        index: leaf.leafIndex,
        leaf: leaf.leaf,
        hash: leaf.hash,
        streamId: leaf.streamId,
        revision: leaf.revision,
        eventId: leaf.eventId,
      })),
    checkpoints: async (from, limit) => (await checkpointsBetween(db, from, limit)).map((checkpoint) => ({ treeSize: checkpoint.treeSize, note: checkpoint.note })),
    close,
  };
}
