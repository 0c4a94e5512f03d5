import { LogPosition, partsOfLogPosition, SqlQueryable } from '@provenance/event-store';

export interface RebuildProgress {
  since: string | null;
  /** Events of the log at or before the rebuild's checkpoint: what it has applied so far. */
  applied: number;
  total: number;
}

/** How far the running rebuild of a read model has got, in whichever process runs it, from its checkpoint. */
export async function rebuildProgress(db: SqlQueryable, name: string): Promise<RebuildProgress> {
  const [checkpoint] = await db.query<{ position: string | null; since: string | null }>(
    'SELECT position, rebuilding_since::text AS since FROM follower_checkpoints WHERE name = $1',
    [name],
  );
  const { major, minor } = checkpoint?.position ? partsOfLogPosition(checkpoint.position as LogPosition) : { major: 0n, minor: 0n };
  const [{ applied, total }] = await db.query<{ applied: number; total: number }>(
    `SELECT count(*) FILTER (WHERE (transaction_id, position) <= ($1::text::xid8, $2::bigint))::int AS applied, count(*)::int AS total FROM events`,
    [major.toString(), minor.toString()],
  );
  return { since: checkpoint?.since ? new Date(checkpoint.since).toISOString() : null, applied, total };
}
