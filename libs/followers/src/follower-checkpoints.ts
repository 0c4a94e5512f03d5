import type { LogPosition, SqlQueryable } from '@provenance/event-store';

/** A checkpoint write that found its lease gone (or the checkpoint moved by someone else): nothing was applied. */
export class LeaseLost extends Error {
  constructor(readonly follower: string, readonly generation: bigint) {
    super(`${follower} lost its lease (generation ${generation}) to another process; its batch was not applied`);
  }
}

/** Makes sure the follower has a checkpoint row and reads where it stands. */
export async function checkpointOf(db: SqlQueryable, name: string): Promise<LogPosition | undefined> {
  await db.query('INSERT INTO follower_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  const [row] = await db.query<{ position: string | null }>('SELECT position FROM follower_checkpoints WHERE name = $1', [name]);
  return (row?.position ?? undefined) as LogPosition | undefined;
}

export interface CheckpointMove {
  name: string;
  generation: bigint;
  holder: string;
  from: LogPosition | undefined;
  to: LogPosition;
  events: number;
}

/**
 * Moves a checkpoint forwards, inside the transaction that applies the batch, only while the
 * lease generation is still held and the checkpoint is still where this holder left it. The
 * lease row is share-locked, so a takeover either commits before (and this write finds the new
 * generation) or waits until this transaction has committed. Journals the write.
 */
export const MOVE_CHECKPOINT = `
  WITH lease AS (
    SELECT name FROM follower_leases
     WHERE name = $1 AND generation = $2::bigint AND holder = $3 AND expires_at > clock_timestamp()
       FOR SHARE
  ), moved AS (
    UPDATE follower_checkpoints
       SET position = $5, generation = $2::bigint, updated_at = clock_timestamp()
     WHERE name = $1 AND EXISTS (SELECT 1 FROM lease)
       AND position IS NOT DISTINCT FROM $4::text
       AND ($4::text IS NULL OR $5::text COLLATE "C" > $4::text COLLATE "C")
    RETURNING name
  ), journal AS (
    INSERT INTO follower_journal (name, generation, holder, after_position, through_position, events)
    SELECT $1, $2::bigint, $3, $4, $5, $6 FROM moved
  )
  SELECT count(*)::int AS moved FROM moved`;

export async function moveCheckpoint(tx: SqlQueryable, move: CheckpointMove): Promise<void> {
  const [{ moved }] = await tx.query<{ moved: number }>(MOVE_CHECKPOINT, [
    move.name,
    move.generation.toString(),
    move.holder,
    move.from ?? null,
    move.to,
    move.events,
  ]);
  if (moved !== 1) throw new LeaseLost(move.name, move.generation);
}

/**
 * Share-locks the follower's lease row while `generation` still holds it, as MOVE_CHECKPOINT
 * does, for writes a holder makes in a transaction of their own beside the checkpoint's: a
 * takeover waits for them, and a holder that lost its lease writes nothing.
 */
export async function fenceByLease(tx: SqlQueryable, lease: { name: string; generation: bigint; holder: string }): Promise<void> {
  const rows = await tx.query(
    `SELECT name FROM follower_leases
      WHERE name = $1 AND generation = $2::bigint AND holder = $3 AND expires_at > clock_timestamp()
        FOR SHARE`,
    [lease.name, lease.generation.toString(), lease.holder],
  );
  if (rows.length !== 1) throw new LeaseLost(lease.name, lease.generation);
}

/** Starts a follower over from the beginning of the log (a read model's rebuild), under the lease. */
export async function restartCheckpoint(tx: SqlQueryable, name: string, generation: bigint): Promise<void> {
  await tx.query(
    `UPDATE follower_checkpoints SET position = NULL, generation = $2::bigint, rebuilding_since = clock_timestamp(), updated_at = clock_timestamp()
      WHERE name = $1`,
    [name, generation.toString()],
  );
}

export async function finishRebuild(db: SqlQueryable, name: string): Promise<void> {
  await db.query('UPDATE follower_checkpoints SET rebuilding_since = NULL WHERE name = $1', [name]);
}
