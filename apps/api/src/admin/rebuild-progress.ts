import { CountLog, LogPosition, SqlQueryable } from '@provenance/event-store';

export interface RebuildProgress {
  since: string | null;
  /** Events of the log at or before the rebuild's checkpoint: what it has applied so far. */
  applied: number;
  total: number;
}

/**
 * The log's events, for a rebuild's `total`: every one on the SQL stores (a `count(*)`), at most
 * 100,000 on EventStoreDB, which counts by reading `$all` (EVENTSTOREDB_COUNT_CAP).
 */
export async function logTotal(countLog: CountLog): Promise<number> {
  return (await countLog(null, Number.POSITIVE_INFINITY)).events;
}

/**
 * How far the running rebuild of a read model has got, in whichever process runs it, from its
 * checkpoint: the log's events counted by its backend (`countLog`, EventStoreModule's
 * LOG_COUNT), `applied` being those not after the checkpoint. The total is counted first, so
 * an append between the two counts makes `applied` lower, never higher, than it was.
 */
export async function rebuildProgress(db: SqlQueryable, countLog: CountLog, name: string): Promise<RebuildProgress> {
  const [checkpoint] = await db.query<{ position: string | null; since: string | null }>(
    'SELECT position, rebuilding_since::text AS since FROM follower_checkpoints WHERE name = $1',
    [name],
  );
  const position = (checkpoint?.position ?? null) as LogPosition | null;
  const total = await logTotal(countLog);
  const waiting = position === null ? total : (await countLog(position, Number.POSITIVE_INFINITY)).events;
  return { since: checkpoint?.since ? new Date(checkpoint.since).toISOString() : null, applied: Math.max(0, total - waiting), total };
}
