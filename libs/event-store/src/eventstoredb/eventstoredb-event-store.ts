import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, StreamNotFoundError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ReadPosition, ReadRevision } from '@eventstore/db-client';
import { AppendLimits, DEFAULT_APPEND_LIMITS, ValidatedEvent, validateAppend, validateStreamId } from '../append-validation';
import { AppendUnsupported, EventIdConflict, ExpectedRevisionConflict } from '../errors';
import type { RecordedEvent } from '../event';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewStreamAppend,
  NewStreamOutcome,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import type { EventToAppend } from '../event';
import { followTheLog } from '../follow-the-log';
import { checkCountLimit, EVENTSTOREDB_COUNT_CAP, LogCount } from '../log-count';
import { compareLogPositions, LogPosition } from '../log-position';
import { clientConnectionStringOf, shownConnectionString, withoutPassword } from './connection-string';
import { portErrorOf } from './error-mapping';
import { clientExpectedRevisionOf } from './expected-revision.mapping';
import { checkedNamespace, isLogEvent, logFilterOf, serverStreamOf } from './log-namespace';
import { clientPositionOf, logPositionOfClient } from './position.codec';
import { resendOutcome } from './resend';
import { checkStorable, StoredEvent, storedEventOf, storedEventsOf } from './stored-event';

const MAX_REVISION = (1n << 63n) - 1n;
const PAGE = 1_000;
/** Appends `any`/`stream-exists` retry after another writer moved the stream between the scan and the write. */
const MOST_RACES = 1_000;
/** A lost live subscription is opened again after this, while anyone listens. */
const LIVE_RETRY_MS = 1_000;

export interface EventStoreDbOptions {
  /** `esdb://…` or `kurrentdb://…`. */
  connectionString: string;
  /** Prefix of this log's stream names on the server (see `log-namespace.ts`). */
  namespace: string;
  limits?: Partial<AppendLimits>;
  /** Longest a subscriber waits between reads without a wake-up (default 500 ms). */
  pollIntervalMs?: number;
  /** Appends in flight at once in `appendToNewStreams` (default 8). */
  newStreamConcurrency?: number;
  /** Deadline of each call to the server, in milliseconds (default 10 s). */
  deadlineMs?: number;
}

/**
 * The event log on EventStoreDB (or KurrentDB), over `@eventstore/db-client`. Where EventStoreDB
 * cannot decide what the port promises, this adapter reads back and compares (docs/ARCHITECTURE.md,
 * "EventStoreDB"): every append reads its events back for their positions and to tell a write from a
 * resend; `any` and `stream-exists` read the stream for the batch's ids first.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly limits: AppendLimits;
  private readonly namespace: string;
  private readonly appended = new EventEmitter();
  private listening = 0;
  private live?: { stop(): Promise<void> };

  constructor(private readonly options: EventStoreDbOptions) {
    this.namespace = checkedNamespace(options.namespace);
    this.limits = { ...DEFAULT_APPEND_LIMITS, ...options.limits };
    try {
      this.client = EventStoreDBClient.connectionString(clientConnectionStringOf(options.connectionString));
    } catch (error) {
      // The client's own message quotes the whole connection string, password included: not kept as the cause.
      // eslint-disable-next-line preserve-caught-error
      throw new RangeError(`EVENTSTORE_URL=${shownConnectionString(options.connectionString)}: ${withoutPassword((error as Error).message, options.connectionString)}`);
    }
    this.appended.setMaxListeners(0);
  }

  /** Where the log is, for people: never the password. */
  get where(): string {
    return `EventStoreDB at ${shownConnectionString(this.options.connectionString)}, streams ${this.namespace}*`;
  }

  /** Resolves once the server answers a read; rejects with LogUnavailable naming why not. */
  async check(): Promise<void> {
    await this.call(() => collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: this.deadline })));
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const batch = validateAppend(streamId, events, this.limits);
    checkStorable(batch);
    if (options.withNewStream) {
      throw new AppendUnsupported(
        'withNewStream',
        'EventStoreDB has no multi-stream append in @eventstore/db-client 6.x, so the two streams cannot be written together',
      );
    }
    return this.append(streamId, batch, options.expectedRevision ?? 'any');
  }

  async appendToNewStreams(items: NewStreamAppend[]): Promise<NewStreamOutcome[]> {
    const batches = items.map(({ streamId, events }) => {
      const batch = validateAppend(streamId, events, this.limits);
      checkStorable(batch);
      return batch;
    });
    return inParallel(items, this.options.newStreamConcurrency ?? 8, async ({ streamId }, index): Promise<NewStreamOutcome> => {
      try {
        return { appended: await this.append(streamId, batches[index], 'no-stream') };
      } catch (error) {
        if (error instanceof ExpectedRevisionConflict || error instanceof EventIdConflict) return { refused: error };
        throw error;
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId, this.limits);
    const limit = limitOf(options.limit);
    const backwards = options.direction === 'backwards';
    if (limit === 0 || (options.from !== undefined && options.from > MAX_REVISION && !backwards)) return [];
    if (options.from !== undefined && options.from < 0n) throw new RangeError(`from must not be negative, got ${options.from}`);
    const from: ReadRevision = options.from === undefined || options.from > MAX_REVISION ? (backwards ? END : START) : options.from;
    const stored = await this.readServerStream(serverStreamOf(this.namespace, streamId), from, limit ?? Number.MAX_SAFE_INTEGER, backwards);
    return stored.map(({ event }) => event);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = limitOf(options.limit) ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    for await (const resolved of this.logEventsAfter(options.after, limit)) events.push(storedEventOf(this.namespace, resolved.event!).event);
    return events;
  }

  /**
   * The log's events after `after` (the whole log when null), counted up to `limit` and never
   * past EVENTSTOREDB_COUNT_CAP: each is read from `$all` by the same pages as `readAll` (the
   * 6.x client has no count), so a count costs up to 100 reads of 1,000 events, more where
   * other logs' events share `$all`.
   */
  async countAfter(after: LogPosition | null, limit: number): Promise<LogCount> {
    checkCountLimit(limit);
    let events = 0;
    let oldestRecordedAt: Date | null = null;
    for await (const resolved of this.logEventsAfter(after ?? undefined, Math.min(limit, EVENTSTOREDB_COUNT_CAP))) {
      oldestRecordedAt ??= resolved.event!.created;
      events++;
    }
    return { events, oldestRecordedAt };
  }

  /**
   * Calls `listener` after appends to this log: this process's own at once, other processes'
   * through one live `$all` subscription (filtered on the server to the log's namespace) shared
   * by every listener, opened with the first and closed with the last. A lost subscription is
   * opened again after a second while anyone listens; wake-ups are hints, readers still poll.
   */
  onAppended(listener: () => void): Promise<() => Promise<void>> {
    this.appended.on('append', listener);
    this.listening++;
    this.live ??= this.openLive();
    let stopped = false;
    return Promise.resolve(async () => {
      if (stopped) return;
      stopped = true;
      this.appended.off('append', listener);
      if (--this.listening > 0) return;
      const live = this.live;
      this.live = undefined;
      await live?.stop();
    });
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return followTheLog({
      ...options,
      readAll: (after, limit) => this.readAll({ after, limit }),
      listenForAppends: (onAppend) => this.onAppended(onAppend),
      pollIntervalMs: this.options.pollIntervalMs ?? 500,
    });
  }

  /**
   * The newest event of the log after `after` (a position in it), or `after` itself when none
   * follows; reads only the log's tail, so waits for read models cost what they are behind.
   */
  async newestPosition(after?: LogPosition): Promise<LogPosition | undefined> {
    let newest = after;
    for (;;) {
      const page = await this.readAll({ after: newest, limit: PAGE });
      if (page.length === 0) return newest;
      newest = page[page.length - 1].position;
    }
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
    this.listening = 0;
    const live = this.live;
    this.live = undefined;
    await live?.stop();
    await this.client.dispose();
  }

  private get deadline(): number {
    return this.options.deadlineMs ?? 10_000;
  }

  private async append(streamId: string, batch: ValidatedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const stream = serverStreamOf(this.namespace, streamId);
    const attempt = randomUUID();
    if (typeof expected === 'bigint' || expected === 'no-stream') {
      // EventStoreDB itself recognises a resend at the expected revision; one elsewhere in the
      // stream, or with other content, only a read can find.
      try {
        return await this.write(streamId, stream, batch, attempt, expected);
      } catch (error) {
        if (!(error instanceof ExpectedRevisionConflict)) throw error;
        const { found } = await this.scan(stream, batch);
        if (found.some(Boolean)) return settled(resendOutcome(streamId, batch, found));
        throw error;
      }
    }
    // With `any` and `stream-exists` EventStoreDB recognises only recent ids, and would write an
    // older event again: find the ids first, then write at the revision found.
    for (let race = 0; ; race++) {
      const { found, last } = await this.scan(stream, batch);
      if (found.some(Boolean)) return settled(resendOutcome(streamId, batch, found));
      if (expected === 'stream-exists' && last === 'no-stream') throw new ExpectedRevisionConflict(streamId, expected, last);
      try {
        return await this.write(streamId, stream, batch, attempt, last);
      } catch (error) {
        if (!(error instanceof ExpectedRevisionConflict) || race >= MOST_RACES) throw error;
      }
    }
  }

  /** Writes at an exact expectation, then reads the events back: their positions, and whether this call wrote them. */
  private async write(streamId: string, stream: string, batch: ValidatedEvent[], attempt: string, expected: bigint | 'no-stream'): Promise<AppendResult> {
    const { nextExpectedRevision } = await this.call(
      () => this.client.appendToStream(stream, storedEventsOf(batch, attempt), { expectedRevision: clientExpectedRevisionOf(expected), deadline: this.deadline }),
      { streamId, expected },
    );
    const first = nextExpectedRevision - BigInt(batch.length - 1);
    const written = await this.readServerStream(stream, first, batch.length, false);
    if (written.length !== batch.length || written.some(({ event }, index) => event.id !== batch[index].id)) {
      throw new Error(`EventStoreDB acknowledged an append to ${stream} at revisions ${first}..${nextExpectedRevision}, which hold other events`);
    }
    if (written.some(({ marker }) => marker?.attempt !== attempt)) {
      // EventStoreDB took it for a resend (ids only): compare the content and the batch.
      return settled(resendOutcome(streamId, batch, written));
    }
    this.appended.emit('append');
    return { revision: nextExpectedRevision, events: written.map(({ event }) => ({ id: event.id, revision: event.revision, position: event.position })), alreadyRecorded: false };
  }

  /** The stream's last revision and, for each event of the batch, the stream's event with its id: a read of the stream from its end. */
  private async scan(stream: string, batch: ValidatedEvent[]): Promise<{ last: bigint | 'no-stream'; found: (StoredEvent | undefined)[] }> {
    const wanted = new Map(batch.map((event, index) => [event.id, index]));
    const found: (StoredEvent | undefined)[] = batch.map(() => undefined);
    let last: bigint | 'no-stream' = 'no-stream';
    let from: ReadRevision = END;
    for (let seen = 0; ; ) {
      const page = await this.readServerStream(stream, from, PAGE, true);
      if (page.length === 0) break;
      if (last === 'no-stream') last = page[0].event.revision;
      for (const stored of page) {
        const index = wanted.get(stored.event.id);
        if (index !== undefined && !found[index]) {
          found[index] = stored;
          seen++;
        }
      }
      const lowest = page[page.length - 1].event.revision;
      if (seen === batch.length || page.length < PAGE || lowest === 0n) break;
      from = lowest - 1n;
    }
    return { last, found };
  }

  private async readServerStream(stream: string, from: ReadRevision, maxCount: number, backwards: boolean): Promise<StoredEvent[]> {
    const read = () => collect(this.client.readStream(stream, { fromRevision: from, maxCount, direction: backwards ? BACKWARDS : FORWARDS, deadline: this.deadline }));
    try {
      const events = await this.call(read);
      return events.flatMap((resolved) => (resolved.event && !resolved.link ? [storedEventOf(this.namespace, resolved.event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** `$all` forwards after `after`, page by page, keeping the log's events (the 6.x client's readAll has no server-side filter). */
  private async *logEventsAfter(after: LogPosition | undefined, limit: number): AsyncGenerator<AllStreamResolvedEvent> {
    if (limit === 0) return;
    let cursor = after;
    let kept = 0;
    for (;;) {
      // One more than needed: a read from a position may return the event at that position.
      const ask = Math.min(PAGE, limit - kept + 1);
      const fromPosition: ReadPosition = cursor ? clientPositionOf(cursor) : START;
      const page = await this.call(() => collect(this.client.readAll({ fromPosition, direction: FORWARDS, maxCount: ask, deadline: this.deadline })));
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (position === undefined || (cursor !== undefined && compareLogPositions(position, cursor) <= 0)) continue;
        cursor = position;
        if (!isLogEvent(this.namespace, resolved)) continue;
        yield resolved;
        if (++kept >= limit) return;
      }
      if (page.length < ask) return;
    }
  }

  /** The live subscription that wakes listeners for other processes' appends; it only wakes, never delivers. */
  private openLive(): { stop(): Promise<void> } {
    let subscription: ReturnType<EventStoreDBClient['subscribeToAll']> | undefined;
    let retry: NodeJS.Timeout | undefined;
    let stopped = false;
    const open = () => {
      const live = this.client.subscribeToAll({ fromPosition: END, filter: logFilterOf(this.namespace) });
      subscription = live;
      live.on('data', () => this.appended.emit('append'));
      live.on('error', () => {
        // The listeners still poll; their reads report a lost server. Try again while anyone listens.
        if (stopped || subscription !== live) return;
        subscription = undefined;
        void live.unsubscribe().catch(() => undefined);
        retry = setTimeout(open, LIVE_RETRY_MS);
        retry.unref();
      });
    };
    open();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(retry);
        await subscription?.unsubscribe().catch(() => undefined);
      },
    };
  }

  private async call<T>(run: () => Promise<T>, context: { streamId?: string; expected?: ExpectedRevision } = {}): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw error;
      throw portErrorOf(error, { ...context, url: this.options.connectionString }) ?? error;
    }
  }
}

function settled(outcome: ReturnType<typeof resendOutcome>): AppendResult {
  if ('conflict' in outcome) throw outcome.conflict;
  return outcome.alreadyRecorded;
}

function positionOf(resolved: AllStreamResolvedEvent): LogPosition | undefined {
  const position = resolved.event?.position ?? resolved.link?.position;
  return position ? logPositionOfClient(position) : undefined;
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function limitOf(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/** `work` over every item, at most `concurrency` at a time, answers in the items' order. */
async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
