import { EventStore, LogPosition, newestEventIn, RecordedEvent, SqlQueryable } from '@provenance/event-store';
import { fenceByLease, finishRebuild, FollowerContext, LogFollower, restartCheckpoint } from '@provenance/followers';
import type { Projection, RowWrite } from './projection';
import { lanesOf } from './rebuild-lanes';
import { applyRowWrites } from './row-writer';

const REBUILD_PAGE = 10_000;
const TWO_LANES_FROM = 2_000;
const POLL_MS = 10;

/** How a rebuild pages through the log. */
export interface RebuildPages {
  /** Events per page (default 10,000). */
  events?: number;
  /** A page with at least this many row writes is written in two lanes at once (default 2,000). */
  twoLanesFrom?: number;
}

function indexName(createIndex: string): string {
  const name = /CREATE INDEX IF NOT EXISTS (\w+)/.exec(createIndex)?.[1];
  if (!name) throw new Error(`not a CREATE INDEX IF NOT EXISTS statement: ${createIndex}`);
  return name;
}

/** The earliest of the positions, or undefined when a reader has none yet. */
function slowest(positions: (LogPosition | undefined)[]): LogPosition | undefined {
  if (positions.length === 0 || positions.some((position) => position === undefined)) return undefined;
  return (positions as LogPosition[]).reduce((a, b) => (a < b ? a : b));
}

/** Queries wait for read models; while one is being rebuilt its tables are incomplete. */
export class RebuildInProgress extends Error {
  constructor(readonly projections: string[]) {
    super(`read model ${projections.join(', ')} is being rebuilt; ask again when the rebuild has finished`);
  }
}

/**
 * Keeps read models up to date from the global log. Each projection is a follower of the log
 * with its own lease and checkpoint; each batch's row writes and the new checkpoint commit in
 * one transaction, so a crash never applies an event twice or skips one, and of several
 * processes on one database exactly one writes each read model.
 */
export class ProjectionRunner {
  private readonly followers = new Map<string, LogFollower>();

  private readonly rebuilding = new Set<string>();

  /** The lease generation each rebuild in this process runs under. */
  private readonly rebuildGenerations = new Map<string, bigint>();

  constructor(
    private readonly store: EventStore,
    private readonly context: FollowerContext,
    private readonly projections: Projection[],
    /** The log's newest event; `after` is a position already in the log (see OpenedStores.newestEvent). */
    private readonly newestEvent: (after?: LogPosition) => Promise<LogPosition | undefined> = () => newestEventIn(context.connection),
    private readonly rebuildPages: RebuildPages = {},
  ) {
    for (const projection of projections) {
      this.followers.set(
        projection.name,
        new LogFollower(store, context, projection.name, {
          prepare: () => this.prepare(projection),
          withCheckpoint: (tx, events) => this.write(tx, projection, events),
          // Rows and checkpoint commit together; a crash can lose only a whole recent batch, which
          // is then applied again from the checkpoint, so waiting for the flush buys nothing.
          synchronousCommit: 'off',
        }),
      );
    }
  }

  async start(): Promise<void> {
    await this.createTables(this.projections);
    await Promise.all([...this.followers.values()].map((follower) => follower.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.followers.values()].map((follower) => follower.stop()));
  }

  /**
   * Resolves once every projection has applied every event committed before this call, in
   * whichever process holds it. The target is the newest committed event, read without the
   * open-transaction filter, so an event that is acknowledged but not yet readable (a long
   * transaction elsewhere holds the log back) is waited for rather than missed. Refuses while
   * a projection is being rebuilt.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    if (this.rebuilding.size > 0) throw new RebuildInProgress([...this.rebuilding]);
    const followers = [...this.followers.values()];
    const target = await this.newestEvent(await this.slowestCheckpoint(followers));
    if (!target) return;
    await this.untilApplied(followers, target, timeoutMs);
  }

  /**
   * Resolves once the projection named has applied the log up to `target`, in whichever process
   * holds it (a follower that acts on the read model waits for it to have seen its events).
   * Refuses while that projection is being rebuilt.
   */
  async applied(name: string, target: LogPosition, timeoutMs = 30_000): Promise<void> {
    const follower = this.followers.get(name);
    if (!follower) throw new Error(`no projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    if (this.rebuilding.has(name)) throw new RebuildInProgress([name]);
    await this.untilApplied([follower], target, timeoutMs);
  }

  private async untilApplied(followers: LogFollower[], target: LogPosition, timeoutMs: number): Promise<void> {
    if (followers.every((follower) => follower.holdsLease && (follower.position ?? '') >= target)) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Each time round: an urged read can stop short of the target while a transaction is still open.
      for (const follower of followers) if ((follower.position ?? '') < target) follower.urge();
      const rows = await this.context.connection.query<{ name: string; position: string | null; rebuilding: boolean }>(
        'SELECT name, position, rebuilding_since IS NOT NULL AS rebuilding FROM follower_checkpoints WHERE name = ANY($1)',
        [followers.map((follower) => follower.name)],
      );
      const rebuilding = rows.filter((row) => row.rebuilding).map((row) => row.name);
      if (rebuilding.length > 0) throw new RebuildInProgress(rebuilding);
      const behind = followers.filter((follower) => (rows.find((row) => row.name === follower.name)?.position ?? '') < target);
      if (behind.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`projection ${behind.map((follower) => follower.name).join(', ')} did not catch up within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** The furthest position in the log any projection has applied, in whichever process holds it: what the read model may already reflect. */
  async appliedUpTo(): Promise<LogPosition | undefined> {
    const [row] = await this.context.connection.query<{ position: string | null }>('SELECT max(position) AS position FROM follower_checkpoints WHERE name = ANY($1)', [
      this.projections.map((projection) => projection.name),
    ]);
    return (row?.position ?? undefined) as LogPosition | undefined;
  }

  /** Where the slowest of these followers is, in whichever process holds it; undefined before each has a checkpoint. */
  private async slowestCheckpoint(followers: LogFollower[]): Promise<LogPosition | undefined> {
    const local = followers.map((follower) => follower.position);
    if (local.every((position) => position !== undefined)) return slowest(local);
    const rows = await this.context.connection.query<{ position: string | null }>('SELECT position FROM follower_checkpoints WHERE name = ANY($1)', [followers.map((follower) => follower.name)]);
    return rows.length === followers.length ? slowest(rows.map((row) => (row.position ?? undefined) as LogPosition | undefined)) : undefined;
  }

  /**
   * Empties a projection's tables and replays the whole log into it, reporting progress. The
   * process asked takes the projection's lease from whichever holds it, and keeps it afterwards.
   */
  async rebuild(name: string, onProgress: (applied: number) => void = () => undefined): Promise<number> {
    const projection = this.projections.find((candidate) => candidate.name === name);
    const follower = this.followers.get(name);
    if (!projection || !follower) throw new Error(`no projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    const [claimed] = await this.context.connection.query(
      `INSERT INTO follower_checkpoints (name, rebuilding_since) VALUES ($1, clock_timestamp())
       ON CONFLICT (name) DO UPDATE SET rebuilding_since = EXCLUDED.rebuilding_since WHERE follower_checkpoints.rebuilding_since IS NULL
       RETURNING name`,
      [name],
    );
    if (!claimed) throw new RebuildInProgress([name]);
    this.rebuilding.add(name);
    return follower.takeOver(async (generation) => {
      this.rebuildGenerations.set(name, generation);
      await this.createTables([projection]);
      await this.context.connection.transaction(async (tx) => {
        await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
        await restartCheckpoint(tx, name, generation);
        // Building each secondary index once at the end is cheaper than keeping it up to date row by row.
        for (const index of projection.indexes) await tx.query(`DROP INDEX IF EXISTS ${indexName(index)}`);
      });
      const applied = await this.replay(follower, generation, onProgress);
      await this.buildIndexes(projection.indexes);
      await finishRebuild(this.context.connection, name);
      return applied;
    }).finally(() => {
      this.rebuilding.delete(name);
      this.rebuildGenerations.delete(name);
    });
  }

  private async replay(follower: LogFollower, generation: bigint, onProgress: (applied: number) => void): Promise<number> {
    const limit = this.rebuildPages.events ?? REBUILD_PAGE;
    let applied = 0;
    let after: LogPosition | undefined;
    // Read the next page while the current one is written.
    let next = this.store.readAll({ limit });
    for (;;) {
      const page = await next;
      if (page.length === 0) return applied;
      next = this.store.readAll({ after: page[page.length - 1].position, limit });
      await follower.applyAs(generation, page, after);
      after = page[page.length - 1].position;
      applied += page.length;
      onProgress(applied);
    }
  }

  /** Builds indexes two at a time where the connection allows: a build keeps one core busy, and the rebuild waits for the last. */
  private async buildIndexes(indexes: readonly string[]): Promise<void> {
    const queue = [...indexes];
    const lanes = Math.min(2, this.context.connection.parallelTransactions);
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) await this.context.connection.query(index);
      }),
    );
  }

  /** On taking a projection's lease: its tables exist, and a rebuild its last holder abandoned is over (the checkpoint says how far it got). */
  private async prepare(projection: Projection): Promise<void> {
    await this.createTables([projection]);
    await finishRebuild(this.context.connection, projection.name);
  }

  private async createTables(projections: Projection[]): Promise<void> {
    for (const projection of projections) await this.context.connection.execScript(projection.schema);
    // An index a statement at a time: a script is one transaction, and holding every table's lock
    // to its end deadlocked with another process's batch writing those tables (seen in CI).
    for (const index of projections.flatMap((projection) => projection.indexes)) await this.context.connection.query(index);
  }

  private async write(tx: SqlQueryable, projection: Projection, events: RecordedEvent[]): Promise<void> {
    const writes = events.flatMap((event) => (projection.handles.has(event.type) ? projection.evolve(event) : []));
    const generation = this.rebuildGenerations.get(projection.name);
    // PGlite has one connection: a second transaction would wait for this one, which waits for it.
    if (generation === undefined || writes.length < (this.rebuildPages.twoLanesFrom ?? TWO_LANES_FROM) || this.context.connection.parallelTransactions < 2) {
      await applyRowWrites(tx, writes);
      return;
    }
    // A rebuild writes a page's tables on two connections at once. The other lane commits before
    // this transaction moves the checkpoint, so the checkpoint never passes a row not written; a
    // failure between the two costs a repeat of the page, which writes the same rows again.
    const [here, beside] = lanesOf(writes);
    const settled = await Promise.allSettled([applyRowWrites(tx, here), this.writeBeside(projection.name, generation, beside)]);
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async writeBeside(name: string, generation: bigint, writes: RowWrite[]): Promise<void> {
    await this.context.connection.transaction(async (tx) => {
      await fenceByLease(tx, { name, generation, holder: this.context.holder.id });
      await applyRowWrites(tx, writes);
    }, { synchronousCommit: 'off' });
  }
}
