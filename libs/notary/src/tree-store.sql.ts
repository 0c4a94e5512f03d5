import type { SqlQueryable } from '@provenance/event-store';
import type { NewNode, NodeId, NodeReader } from '@provenance/transparency';

/**
 * The tree's tables (migration 006) as the notary and the queries use them. Hashes cross the
 * wire as hex, which `pg` and PGlite both read and write the same way.
 */

export interface LeafRow {
  leafIndex: number;
  streamId: string;
  revision: string;
  eventId: string;
}

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  note: string;
  signedAt: string;
}

export async function treeSizeOf(db: SqlQueryable): Promise<number> {
  const [row] = await db.query<{ size: string }>('SELECT coalesce(max(leaf_index) + 1, 0)::text AS size FROM tree_leaves');
  return Number(row.size);
}

/** How far the notary has come: its checkpoint in the log and the tree's size, read in one snapshot (they commit together). */
export async function notarisedUpTo(db: SqlQueryable, notary: string): Promise<{ position: string | null; treeSize: number }> {
  const [row] = await db.query<{ position: string | null; size: string }>(
    `SELECT (SELECT position FROM follower_checkpoints WHERE name = $1) AS position, coalesce((SELECT max(leaf_index) + 1 FROM tree_leaves), 0)::text AS size`,
    [notary],
  );
  return { position: row.position, treeSize: Number(row.size) };
}

/** Reads the stored nodes asked for (level 0: leaf hashes) in one query; a missing one is an error naming it. */
export function nodeReaderOf(db: SqlQueryable): NodeReader {
  return async (nodes: NodeId[]) => {
    if (nodes.length === 0) return [];
    const leaves = nodes.filter((node) => node.level === 0).map((node) => String(node.index));
    const above = nodes.filter((node) => node.level > 0);
    const rows = await db.query<{ level: number; idx: string; hash: string }>(
      `SELECT 0 AS level, leaf_index::text AS idx, encode(leaf_hash, 'hex') AS hash FROM tree_leaves WHERE leaf_index = ANY($1::bigint[])
       UNION ALL
       SELECT n.level::int, n.node_index::text, encode(n.hash, 'hex') FROM tree_nodes n
         JOIN unnest($2::int[], $3::bigint[]) AS wanted(level, idx) ON n.level = wanted.level AND n.node_index = wanted.idx`,
      [leaves, above.map((node) => node.level), above.map((node) => String(node.index))],
    );
    const found = new Map(rows.map((row) => [`${Number(row.level)}:${row.idx}`, Buffer.from(row.hash, 'hex')]));
    return nodes.map((node) => {
      const hash = found.get(`${node.level}:${node.index}`);
      if (!hash) throw new Error(`the tree has no stored node at level ${node.level}, index ${node.index}: its tables are incomplete`);
      return hash;
    });
  };
}

/** Writes a batch's leaves and the subtrees they completed, in one statement. */
export async function appendToTree(tx: SqlQueryable, leaves: (LeafRow & { hash: Buffer })[], nodes: NewNode[]): Promise<void> {
  await tx.query(
    `WITH leaves AS (
       INSERT INTO tree_leaves (leaf_index, stream_id, revision, event_id, leaf_hash)
       SELECT i, s, r, e::uuid, decode(h, 'hex') FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS t(i, s, r, e, h)
     )
     INSERT INTO tree_nodes (level, node_index, hash)
     SELECT l, i, decode(h, 'hex') FROM unnest($6::int[], $7::bigint[], $8::text[]) AS t(l, i, h)`,
    [
      leaves.map((leaf) => String(leaf.leafIndex)),
      leaves.map((leaf) => leaf.streamId),
      leaves.map((leaf) => leaf.revision),
      leaves.map((leaf) => leaf.eventId),
      leaves.map((leaf) => leaf.hash.toString('hex')),
      nodes.map((node) => node.level),
      nodes.map((node) => String(node.index)),
      nodes.map((node) => node.hash.toString('hex')),
    ],
  );
}

export async function saveCheckpoint(tx: SqlQueryable, treeSize: number, rootHash: Buffer, note: string): Promise<void> {
  await tx.query(`INSERT INTO tree_checkpoints (tree_size, root_hash, note) VALUES ($1, decode($2, 'hex'), $3) ON CONFLICT (tree_size) DO NOTHING`, [
    String(treeSize),
    rootHash.toString('hex'),
    note,
  ]);
}

// ORDER BY must name the table's column: the bare name would pick the text alias ("8" > "10").
const CHECKPOINT_COLUMNS = `tree_size::text AS tree_size, encode(root_hash, 'hex') AS root_hash, note,
  to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS signed_at`;

interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  note: string;
  signed_at: string;
}

const checkpointOf = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: Buffer.from(row.root_hash, 'hex'),
  note: row.note,
  signedAt: row.signed_at,
});

export async function latestCheckpoint(db: SqlQueryable): Promise<StoredCheckpoint | undefined> {
  const [row] = await db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM tree_checkpoints ORDER BY tree_checkpoints.tree_size DESC LIMIT 1`);
  return row && checkpointOf(row);
}

export async function checkpointAt(db: SqlQueryable, treeSize: number): Promise<StoredCheckpoint | undefined> {
  const [row] = await db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM tree_checkpoints WHERE tree_size = $1`, [String(treeSize)]);
  return row && checkpointOf(row);
}

/** Checkpoints with sizes in [from, to), oldest first, at most `limit`. */
export async function checkpointsBetween(db: SqlQueryable, from: number, limit: number): Promise<StoredCheckpoint[]> {
  const rows = await db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM tree_checkpoints WHERE tree_size >= $1 ORDER BY tree_checkpoints.tree_size LIMIT $2`, [
    String(from),
    limit,
  ]);
  return rows.map(checkpointOf);
}
