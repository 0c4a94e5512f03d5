import { EventStore, LogPosition, newestEventIn, RecordedEvent, SqlConnection, Subscription } from '@provenance/event-store';
import type { Projection } from './projection';
import { applyRowWrites } from './row-writer';

const CHECKPOINTS_SCHEMA = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
const RESTART_DELAY_MS = 1_000;
const REBUILD_PAGE = 10_000;

function indexName(createIndex: string): string {
  const name = /CREATE INDEX IF NOT EXISTS (\w+)/.exec(createIndex)?.[1];
  if (!name) throw new Error(`not a CREATE INDEX IF NOT EXISTS statement: ${createIndex}`);
  return name;
}

/** Queries wait for read models; while one is being rebuilt its tables are incomplete. */
export class RebuildInProgress extends Error {
  constructor(readonly projections: string[]) {
    super(`read model ${projections.join(', ')} is being rebuilt; ask again when the rebuild has finished`);
  }
}

export interface RunnerLog {
  error(message: string): void;
}

/**
 * Keeps read models up to date from the global log. Each projection follows the log from its
 * own checkpoint; each batch's row writes and the new checkpoint commit in one transaction, so
 * a crash never applies an event twice or skips one.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Subscription>();
  private readonly checkpoints = new Map<string, LogPosition | undefined>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private readonly rebuilding = new Set<string>();
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly connection: SqlConnection,
    private readonly projections: Projection[],
    private readonly log: RunnerLog = { error: (message) => console.error(message) },
  ) {}

  async start(): Promise<void> {
    await this.createTables();
    for (const projection of this.projections) await this.follow(projection);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.restarts.forEach(clearTimeout);
    this.restarts.clear();
    await Promise.all([...this.running.values()].map((subscription) => subscription.stop()));
    this.running.clear();
  }

  /**
   * Resolves once every projection has applied every event committed before this call. The
   * target is the newest committed event, read without the open-transaction filter, so an event
   * that is acknowledged but not yet readable (a long transaction elsewhere holds the log back)
   * is waited for rather than missed. Refuses while a projection is being rebuilt.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    if (this.rebuilding.size > 0) throw new RebuildInProgress([...this.rebuilding]);
    const target = await this.newestEvent();
    const deadline = Date.now() + timeoutMs;
    for (const projection of this.projections) {
      while (target && (this.checkpoints.get(projection.name) ?? '') < target) {
        if (this.rebuilding.has(projection.name)) throw new RebuildInProgress([projection.name]);
        if (Date.now() > deadline) throw new Error(`projection ${projection.name} did not catch up within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  isRebuilding(name: string): boolean {
    return this.rebuilding.has(name);
  }

  /** Empties a projection's tables and replays the whole log into them, reporting progress. */
  async rebuild(name: string, onProgress: (applied: number) => void = () => undefined): Promise<number> {
    const projection = this.projections.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`no projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    if (this.rebuilding.has(name)) throw new RebuildInProgress([name]);
    this.rebuilding.add(name);
    try {
      return await this.replay(projection, onProgress);
    } finally {
      this.rebuilding.delete(name);
      if (!this.stopped) await this.follow(projection).catch((error: unknown) => this.restartLater(projection, error));
    }
  }

  private async replay(projection: Projection, onProgress: (applied: number) => void): Promise<number> {
    const name = projection.name;
    await this.running.get(name)?.stop();
    this.running.delete(name);
    await this.createTables();
    await this.connection.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
      await tx.query('DELETE FROM projection_checkpoints WHERE name = $1', [name]);
      // Building each secondary index once at the end is cheaper than keeping it up to date row by row.
      for (const index of projection.indexes) await tx.query(`DROP INDEX IF EXISTS ${indexName(index)}`);
    });
    this.checkpoints.set(name, undefined);
    let applied = 0;
    // Read the next page while the current one is written.
    let next = this.store.readAll({ limit: REBUILD_PAGE });
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = this.store.readAll({ after: page[page.length - 1].position, limit: REBUILD_PAGE });
      await this.apply(projection, page);
      applied += page.length;
      onProgress(applied);
    }
    for (const index of projection.indexes) await this.connection.query(index);
    return applied;
  }

  private async createTables(): Promise<void> {
    await this.connection.execScript(
      [CHECKPOINTS_SCHEMA, ...this.projections.flatMap((projection) => [projection.schema, ...projection.indexes])].join(';\n'),
    );
  }

  private async follow(projection: Projection): Promise<void> {
    const [row] = await this.connection.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', [
      projection.name,
    ]);
    const after = row?.position as LogPosition | undefined;
    this.checkpoints.set(projection.name, after);
    const subscription = this.store.subscribeToAll({ after, onBatch: (events) => this.apply(projection, events) });
    this.running.set(projection.name, subscription);
    subscription.finished.catch((error: unknown) => {
      if (this.stopped || this.running.get(projection.name) !== subscription) return;
      this.restartLater(projection, error);
    });
  }

  /** Keeps trying to follow the log again, backing off to 30 s, until it works or the runner stops. */
  private restartLater(projection: Projection, error: unknown, attempt = 0): void {
    const delay = Math.min(RESTART_DELAY_MS * 2 ** attempt, 30_000);
    this.log.error(`projection ${projection.name} stopped: ${error instanceof Error ? error.message : error}; restarting from its checkpoint in ${delay} ms`);
    const restart = setTimeout(() => {
      this.restarts.delete(restart);
      if (this.stopped || this.rebuilding.has(projection.name)) return;
      this.follow(projection).catch((reason: unknown) => this.restartLater(projection, reason, attempt + 1));
    }, delay);
    this.restarts.add(restart);
  }

  private async apply(projection: Projection, events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const writes = events.flatMap((event) => (projection.handles.has(event.type) ? projection.evolve(event) : []));
    await this.connection.transaction(async (tx) => {
      // Rows and checkpoint commit together; a crash can lose only a whole recent batch, which
      // is then applied again from the checkpoint, so waiting for the flush buys nothing.
      await tx.query('SET LOCAL synchronous_commit = off');
      await applyRowWrites(tx, writes);
      await tx.query(
        `INSERT INTO projection_checkpoints (name, position) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [projection.name, last],
      );
    });
    this.checkpoints.set(projection.name, last);
  }

  private newestEvent(): Promise<LogPosition | undefined> {
    return newestEventIn(this.connection);
  }
}
