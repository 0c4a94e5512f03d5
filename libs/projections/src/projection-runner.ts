import type { EventStore, LogPosition, RecordedEvent, SqlConnection, Subscription } from '@provenance/event-store';
import type { Projection } from './projection';
import { applyRowWrites } from './row-writer';

const CHECKPOINTS_SCHEMA = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
const RESTART_DELAY_MS = 1_000;
const REBUILD_PAGE = 10_000;

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

  /** Resolves once every projection has applied every event committed before this call. */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const projection of this.projections) {
      const target = await this.lastEventAfter(this.checkpoints.get(projection.name));
      while (target && (this.checkpoints.get(projection.name) ?? '') < target) {
        if (Date.now() > deadline) throw new Error(`projection ${projection.name} did not catch up within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  /** Empties a projection's tables and replays the whole log into them, reporting progress. */
  async rebuild(name: string, onProgress: (applied: number) => void = () => undefined): Promise<number> {
    const projection = this.projections.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`no projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    await this.running.get(name)?.stop();
    this.running.delete(name);
    await this.createTables();
    await this.connection.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
      await tx.query('DELETE FROM projection_checkpoints WHERE name = $1', [name]);
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
    if (!this.stopped) await this.follow(projection);
    return applied;
  }

  private async createTables(): Promise<void> {
    await this.connection.execScript([CHECKPOINTS_SCHEMA, ...this.projections.map((projection) => projection.schema)].join(';\n'));
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
      this.log.error(`projection ${projection.name} stopped: ${error instanceof Error ? error.message : error}; restarting from its checkpoint`);
      const restart = setTimeout(() => {
        this.restarts.delete(restart);
        if (!this.stopped) void this.follow(projection).catch((reason: unknown) => this.log.error(`projection ${projection.name} could not restart: ${reason}`));
      }, RESTART_DELAY_MS);
      this.restarts.add(restart);
    });
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

  private async lastEventAfter(after: LogPosition | undefined): Promise<LogPosition | undefined> {
    let last: LogPosition | undefined;
    for (;;) {
      const page = await this.store.readAll({ after: last ?? after, limit: REBUILD_PAGE });
      if (page.length === 0) return last;
      last = page[page.length - 1].position;
    }
  }
}
