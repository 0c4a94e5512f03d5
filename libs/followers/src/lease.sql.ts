/**
 * The lease statements. Every time is the database's (`clock_timestamp()`), so holders on hosts
 * with different clocks agree on who holds a lease; the holder's own clock only ever makes it
 * give up earlier.
 */

const TAKE_LEASE = `
  INSERT INTO follower_leases AS lease (name, generation, holder, host, pid, acquired_at, renewed_at, expires_at)
  VALUES ($1, 1, $2, $3, $4, clock_timestamp(), clock_timestamp(), clock_timestamp() + $5 * interval '1 millisecond')
  ON CONFLICT (name) DO UPDATE
     SET generation = lease.generation + 1, holder = EXCLUDED.holder, host = EXCLUDED.host, pid = EXCLUDED.pid,
         acquired_at = EXCLUDED.acquired_at, renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at, state = 'following'`;

/** Takes a lease nobody holds (never held, released, or expired), as a new generation. */
export const ACQUIRE_LEASE = `${TAKE_LEASE}
   WHERE lease.expires_at <= clock_timestamp()
  RETURNING generation::text AS generation`;

/** Takes a lease whoever holds it (an administrator's rebuild): the holder's next checkpoint write fails. */
export const TAKE_OVER_LEASE = `${TAKE_LEASE}
  RETURNING generation::text AS generation`;

/** Extends a lease still held; an expired one is lost even if nobody took it yet. */
export const RENEW_LEASE = `
  UPDATE follower_leases
     SET renewed_at = clock_timestamp(), expires_at = clock_timestamp() + $3 * interval '1 millisecond', state = $4
   WHERE name = $1 AND generation = $2::bigint AND expires_at > clock_timestamp()
  RETURNING generation`;

export const RELEASE_LEASE = `
  UPDATE follower_leases SET expires_at = '-infinity', state = 'released'
   WHERE name = $1 AND generation = $2::bigint`;

/** Keeps the newest $2 rows of one follower; seq is shared by every follower, so it cannot be counted back from. */
export const TRIM_JOURNAL = `
  DELETE FROM follower_journal
   WHERE name = $1 AND seq <= (SELECT seq FROM follower_journal WHERE name = $1 ORDER BY seq DESC OFFSET $2::bigint LIMIT 1)`;

export function leaseChannel(schema: string): string {
  return `follower_leases_${schema}`;
}
