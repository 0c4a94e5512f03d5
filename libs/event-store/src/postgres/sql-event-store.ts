import type { EventToAppend, JsonObject, RecordedEvent } from '../event';
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
import { EventIdConflict, ExpectedRevisionConflict, InvalidAppend } from '../errors';
import { AppendLimits, DEFAULT_APPEND_LIMITS, ValidatedEvent, validateAppend, validateStreamId } from '../append-validation';
import { LogPosition, START_OF_LOG, logPositionOf, partsOfLogPosition } from '../log-position';
import { followTheLog } from '../follow-the-log';
import type { LogCount } from '../log-count';
import { countLogIn } from './log-count.sql';
import type { PreparedStatement, SqlConnection } from './sql-connection';
import { databaseErrorOf } from './sql-connection';
import {
  APPEND_ONE_TO_EXISTING_STREAM,
  APPEND_TO_EXISTING_STREAM,
  APPEND_TO_NEW_STREAMS,
  APPEND_TO_STREAM,
  APPEND_WITH_NEW_STREAM,
  AppendedBatchRow,
  AppendedRow,
  READ_ALL,
  READ_STREAM_BACKWARDS,
  READ_STREAM_FORWARDS,
  RecordedEventRow,
  notifyChannel,
} from './event-log.sql';

const MAX_REVISION = (1n << 63n) - 1n;
/** Wake-ups come from NOTIFY; this poll covers what NOTIFY cannot say (a long transaction ending elsewhere). */
const DEFAULT_POLL_INTERVAL_MS = 500;

export interface SqlEventStoreOptions {
  schema: string;
  limits?: Partial<AppendLimits>;
  pollIntervalMs?: number;
}

const UNIQUE_VIOLATION = '23505';

/** The event log on PostgreSQL, over either connection adapter (`pg` or PGlite). */
export class SqlEventStore implements EventStore {
  private readonly limits: AppendLimits;

  constructor(
    private readonly connection: SqlConnection,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.limits = { ...DEFAULT_APPEND_LIMITS, ...options.limits };
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const validated = validateAppend(streamId, events, this.limits);
    const expected = options.expectedRevision ?? 'any';
    if (!options.withNewStream && expected !== 'no-stream') {
      const appended = await this.appendToExistingStream(streamId, expected, validated);
      if (appended) return appended;
    }
    const payload = JSON.stringify(validated.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })));
    if (options.withNewStream) return this.appendWithNewStream(streamId, expected, payload, options.withNewStream);

    let rows: AppendedRow[];
    try {
      rows = await this.connection.query<AppendedRow>(APPEND_TO_STREAM, [streamId, expectedAsText(expected), payload]);
    } catch (error) {
      throw translateRefusal(error, streamId, expected) ?? error;
    }
    if (!rows[0].already_recorded) this.connection.notify(notifyChannel(this.options.schema));
    // A retry answers exactly as the first append did: same revisions, same positions.
    return appendResultOf(rows);
  }

  /** The common case in one planned statement; undefined when append_to_stream must decide (see APPEND_TO_EXISTING_STREAM). */
  private async appendToExistingStream(streamId: string, expected: Exclude<ExpectedRevision, 'no-stream'>, events: ValidatedEvent[]): Promise<AppendResult | undefined> {
    let row: AppendedBatchRow | undefined;
    try {
      [row] = await this.connection.query<AppendedBatchRow>(...existingStreamAppend(streamId, expected, events));
    } catch (error) {
      if (databaseErrorOf(error).code === UNIQUE_VIOLATION) return undefined;
      throw error;
    }
    if (!row || row.count === 0) return undefined;
    this.connection.notify(notifyChannel(this.options.schema));
    const first = BigInt(row.first_revision!);
    const transactionId = BigInt(row.transaction_id!);
    const positions = row.positions!.split(',');
    const appended = events.map((event, n) => ({ id: event.id, revision: first + BigInt(n), position: logPositionOf(transactionId, BigInt(positions[n])) }));
    return { revision: appended[appended.length - 1].revision, events: appended, alreadyRecorded: false };
  }

  private async appendWithNewStream(streamId: string, expected: ExpectedRevision, payload: string, other: NewStreamAppend): Promise<AppendResult> {
    const validated = validateAppend(other.streamId, other.events, this.limits);
    if (other.streamId === streamId) throw new InvalidAppend('withNewStream.streamId', 'another-stream', `is ${streamId}, the stream appended to`);
    const otherPayload = JSON.stringify(validated.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })));
    let rows: (AppendedRow & { item: number })[];
    try {
      rows = await this.connection.query(APPEND_WITH_NEW_STREAM, [streamId, expectedAsText(expected), payload, other.streamId, otherPayload]);
    } catch (error) {
      const { code, detail } = databaseErrorOf(error);
      const byOther = (code === 'PV001' || code === 'PV002') && detail !== undefined && (JSON.parse(detail) as { stream?: string }).stream === 'new';
      throw (byOther ? translateRefusal(error, other.streamId, 'no-stream') : translateRefusal(error, streamId, expected)) ?? error;
    }
    if (rows.some((row) => !row.already_recorded)) this.connection.notify(notifyChannel(this.options.schema));
    return appendResultOf(rows.filter((row) => row.item === 0));
  }

  async appendToNewStreams(items: NewStreamAppend[]): Promise<NewStreamOutcome[]> {
    if (items.length === 0) return [];
    const payload = JSON.stringify(
      items.map(({ streamId, events }) => ({
        streamId,
        events: validateAppend(streamId, events, this.limits).map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
      })),
    );
    const rows = await this.connection.query<AppendedRow & { item: number; refusal_code: string | null; refusal_detail: string | null }>(APPEND_TO_NEW_STREAMS, [payload]);
    const outcomes = items.map((): NewStreamOutcome | undefined => undefined);
    const written = items.map((): AppendedRow[] => []);
    for (const row of rows) {
      if (row.refusal_code) {
        const refusal = translateRefusal({ code: row.refusal_code, detail: row.refusal_detail }, items[row.item].streamId, 'no-stream');
        outcomes[row.item] = { refused: refusal as ExpectedRevisionConflict | EventIdConflict };
      } else written[row.item].push(row);
    }
    if (rows.some((row) => !row.refusal_code && !row.already_recorded)) this.connection.notify(notifyChannel(this.options.schema));
    return outcomes.map((outcome, index) => outcome ?? { appended: appendResultOf(written[index]) });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId, this.limits);
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? MAX_REVISION : 0n);
    const rows = await this.connection.query<RecordedEventRow>(backwards ? READ_STREAM_BACKWARDS : READ_STREAM_FORWARDS, [
      streamId,
      from.toString(),
      limitParam(options.limit),
    ]);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { major, minor } = partsOfLogPosition(options.after ?? START_OF_LOG);
    const rows = await this.connection.query<RecordedEventRow>(READ_ALL, [
      major.toString(),
      minor.toString(),
      limitParam(options.limit),
    ]);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return followTheLog({
      ...options,
      readAll: (after, limit) => this.readAll({ after, limit }),
      listenForAppends: (onAppend) => this.onAppended(onAppend),
      pollIntervalMs: this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    });
  }

  /** The log's events after a position, counted from the `events` table (see `log-count.sql.ts`). */
  countAfter(after: LogPosition | null, limit: number): Promise<LogCount> {
    return countLogIn(this.connection, after, limit);
  }

  /** Calls `listener` after appends to this log: NOTIFY on a server (other processes' too), an in-process emitter on PGlite. */
  onAppended(listener: () => void): Promise<() => Promise<void>> {
    return this.connection.listen(notifyChannel(this.options.schema), listener);
  }

  /** The database the log lives in, for read models kept beside it (same transactions, same backups). */
  get sqlConnection(): SqlConnection {
    return this.connection;
  }

  get schema(): string {
    return this.options.schema;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** The statement and parameters of an append to a stream that exists: one event's fields as they are, a batch's as parallel arrays. */
function existingStreamAppend(streamId: string, expected: Exclude<ExpectedRevision, 'no-stream'>, events: ValidatedEvent[]): [PreparedStatement, unknown[]] {
  const revision = typeof expected === 'bigint' ? expected.toString() : null;
  if (events.length === 1) {
    const [event] = events;
    return [APPEND_ONE_TO_EXISTING_STREAM, [streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)]];
  }
  const columns = [events.map((event) => event.id), events.map((event) => event.type), events.map((event) => JSON.stringify(event.data)), events.map((event) => JSON.stringify(event.metadata))];
  return [APPEND_TO_EXISTING_STREAM, [streamId, revision, ...columns]];
}

function expectedAsText(expected: ExpectedRevision): string {
  if (typeof expected === 'bigint') {
    if (expected < 0n || expected > MAX_REVISION) throw new RangeError(`expected revision ${expected} is out of range`);
    return expected.toString();
  }
  return expected;
}

function limitParam(limit: number | undefined): string | null {
  if (limit === undefined) return null;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return String(limit);
}

function toRecordedEvent(row: RecordedEventRow): RecordedEvent {
  // Added to the freshly parsed object: a spread copy of it cost a tenth of a log read.
  const metadata = Object.assign(row.metadata, { recordedAt: row.recorded_at });
  return {
    id: row.event_id,
    type: row.type,
    data: row.data as JsonObject,
    metadata,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: row.log_position as LogPosition,
  };
}

/** Maps the append function's refusals (SQLSTATE PV001/PV002) to the port's typed errors. */
function translateRefusal(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): Error | undefined {
  const { code, detail } = databaseErrorOf(error);
  if (!detail) return undefined;
  if (code === 'PV001') {
    const { actual } = JSON.parse(detail) as { actual: string };
    return new ExpectedRevisionConflict(streamId, expected, actual === 'no-stream' ? 'no-stream' : BigInt(actual));
  }
  if (code === 'PV002') {
    const conflict = JSON.parse(detail) as {
      eventId: string;
      revision: string;
      recordedType: string;
      recordedData: unknown;
      attemptedType: string;
      attemptedData: unknown;
      sameContent: boolean;
      alreadyRecorded: number;
      batchSize: number;
    };
    const reason = conflict.sameContent
      ? `already recorded at revision ${conflict.revision} by another append (${conflict.alreadyRecorded} of these ${conflict.batchSize} events are recorded); a retry must resend exactly the batch first appended, in the same order`
      : `already recorded at revision ${conflict.revision} as ${conflict.recordedType} ${JSON.stringify(conflict.recordedData)}; this append has ${conflict.attemptedType} ${JSON.stringify(conflict.attemptedData)}`;
    return new EventIdConflict(
      streamId,
      conflict.eventId,
      { type: conflict.recordedType, data: conflict.recordedData, revision: BigInt(conflict.revision) },
      { type: conflict.attemptedType, data: conflict.attemptedData },
      reason,
    );
  }
  return undefined;
}

function appendResultOf(rows: AppendedRow[]): AppendResult {
  const appended = rows.map((row) => ({
    id: row.out_event_id,
    revision: BigInt(row.out_revision),
    position: logPositionOf(BigInt(row.out_transaction_id), BigInt(row.out_position)),
  }));
  return { revision: appended[appended.length - 1].revision, events: appended, alreadyRecorded: rows[0].already_recorded };
}
