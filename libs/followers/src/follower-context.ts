import type { SqlConnection } from '@provenance/event-store';
import { LeaseHolder, thisProcess } from './holder';

export interface FollowerLog {
  log(message: string): void;
  error(message: string): void;
}

/** What every follower in a process shares: the database its leases and checkpoints live in, and who this process is. */
export interface FollowerContext {
  connection: SqlConnection;
  /** The PostgreSQL schema, which names the channel lease releases are announced on. */
  schema: string;
  holder: LeaseHolder;
  /** How long a lease lasts without renewal: a killed holder's work is taken over after this. */
  leaseTimeoutMs: number;
  log: FollowerLog;
}

/** A context for followers of a store opened by hand (tests, benchmarks): this process, quiet logs. */
export function followerContextOf(
  store: { sqlConnection: SqlConnection; schema: string },
  options: { leaseTimeoutMs?: number; log?: FollowerLog } = {},
): FollowerContext {
  return {
    connection: store.sqlConnection,
    schema: store.schema,
    holder: thisProcess(),
    leaseTimeoutMs: options.leaseTimeoutMs ?? 10_000,
    log: options.log ?? { log: () => undefined, error: (message) => console.error(message) },
  };
}
