import { LogPosition, partsOfLogPosition, SqlQueryable } from '@provenance/event-store';

export interface FollowerStatus {
  name: string;
  /** Who holds the lease now; null when nobody does (the holder died and its lease has not expired yet, or it never started). */
  holder: { host: string; pid: number; since: string; generation: string } | null;
  checkpoint: string | null;
  /** Events after the checkpoint (counted up to 100,000), and how long the oldest of them has waited. */
  lag: { events: number; seconds: number } | null;
  /** As its holder reports it: following, catching-up, failed: <why>; standing-by when nobody holds the lease. */
  state: string;
  rebuildingSince: string | null;
}

const LAG_COUNT_LIMIT = 100_000;

interface Row {
  name: string;
  has_checkpoint: boolean;
  position: string | null;
  rebuilding_since: string | null;
  host: string | null;
  pid: number | null;
  acquired_at: string | null;
  generation: string | null;
  live: boolean | null;
  state: string | null;
}

/** Every follower known to the database: leases and checkpoints, with lag counted from the log. */
export async function followerStatuses(db: SqlQueryable): Promise<FollowerStatus[]> {
  const rows = await db.query<Row>(`
    SELECT coalesce(c.name, l.name) AS name, c.name IS NOT NULL AS has_checkpoint, c.position, c.rebuilding_since::text, l.host, l.pid, l.acquired_at::text,
           l.generation::text, l.expires_at > clock_timestamp() AS live, l.state
      FROM follower_checkpoints c FULL JOIN follower_leases l ON l.name = c.name
     ORDER BY 1`);
  return Promise.all(
    rows.map(async (row) => ({
      name: row.name,
      holder: row.live ? { host: row.host!, pid: row.pid!, since: new Date(row.acquired_at!).toISOString(), generation: row.generation! } : null,
      checkpoint: row.position,
      lag: !row.has_checkpoint ? null : await lagAfter(db, row.position as LogPosition | null),
      state: row.live ? row.state! : 'standing-by',
      rebuildingSince: row.rebuilding_since ? new Date(row.rebuilding_since).toISOString() : null,
    })),
  );
}

/** Events committed after a position, and the age of the first of them. */
export async function lagAfter(db: SqlQueryable, position: LogPosition | null): Promise<{ events: number; seconds: number }> {
  const { major, minor } = position ? partsOfLogPosition(position) : { major: 0n, minor: 0n };
  const [row] = await db.query<{ events: number; oldest: string | null }>(
    `SELECT count(*)::int AS events, min(recorded_at)::text AS oldest FROM (
       SELECT recorded_at FROM events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, position LIMIT $3) AS waiting`,
    [major.toString(), minor.toString(), LAG_COUNT_LIMIT],
  );
  const seconds = row.oldest ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : 0;
  return { events: row.events, seconds: Math.round(seconds * 10) / 10 };
}
