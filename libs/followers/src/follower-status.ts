import { CountLog, LAG_COUNT_LIMIT, LogCount, LogPosition, SqlQueryable } from '@provenance/event-store';

export interface FollowerStatus {
  name: string;
  /** Who holds the lease now; null when nobody does (the holder died and its lease has not expired yet, or it never started). */
  holder: { host: string; pid: number; since: string; generation: string } | null;
  checkpoint: string | null;
  /** Events after the checkpoint (counted up to 100,000, by the log's backend), and how long the oldest of them has waited. */
  lag: { events: number; seconds: number } | null;
  /** As its holder reports it: following, catching-up, failed: <why>; standing-by when nobody holds the lease. */
  state: string;
  rebuildingSince: string | null;
}

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

/** Every follower known to the database: leases and checkpoints, with lag counted from the log by `countLog` (EventStoreModule's LOG_COUNT). */
export async function followerStatuses(db: SqlQueryable, countLog: CountLog): Promise<FollowerStatus[]> {
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
      lag: !row.has_checkpoint ? null : await lagAfter(countLog, row.position as LogPosition | null),
      state: row.live ? row.state! : 'standing-by',
      rebuildingSince: row.rebuilding_since ? new Date(row.rebuilding_since).toISOString() : null,
    })),
  );
}

/** Events committed after a position (up to LAG_COUNT_LIMIT), and the age of the first of them, as the log's backend counts them. */
export async function lagAfter(countLog: CountLog, position: LogPosition | null, now = Date.now()): Promise<{ events: number; seconds: number }> {
  return lagOf(await countLog(position, LAG_COUNT_LIMIT), now);
}

/** A count of waiting events as lag: the oldest one's age in seconds, to a tenth, never negative (clocks differ). */
export function lagOf(count: LogCount, now: number): { events: number; seconds: number } {
  const seconds = count.oldestRecordedAt ? Math.max(0, (now - count.oldestRecordedAt.getTime()) / 1000) : 0;
  return { events: count.events, seconds: Math.round(seconds * 10) / 10 };
}
