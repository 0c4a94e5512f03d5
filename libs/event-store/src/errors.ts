import type { ExpectedRevision } from './expected-revision';

/** Base of every error the store raises on purpose; anything else is an infrastructure failure. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the caller expected. Nothing was written. */
export class ExpectedRevisionConflict extends EventStoreError {
  readonly code = 'expected-revision-conflict';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no-stream' when it has no events. */
    readonly actual: bigint | 'no-stream',
  ) {
    super(
      `stream '${streamId}' expected at revision ${describeRevision(expected)} but it is at ${describeRevision(actual)}`,
    );
  }
}

/**
 * An event id that is already recorded in the stream was sent again with other content,
 * or a retried batch was not the batch first recorded. Nothing was written.
 */
export class EventIdConflict extends EventStoreError {
  readonly code = 'event-id-conflict';

  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly recorded: { type: string; data: unknown; revision: bigint } | null,
    readonly attempted: { type: string; data: unknown },
    reason: string,
  ) {
    super(`event ${eventId} in stream '${streamId}': ${reason}`);
  }
}

/** The append was refused before touching the log: `field` names what was wrong, `rule` which rule it broke. */
export class InvalidAppend extends EventStoreError {
  readonly code = 'invalid-append';

  constructor(
    readonly field: string,
    readonly rule: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

export function describeRevision(revision: ExpectedRevision | bigint | 'no-stream'): string {
  return typeof revision === 'bigint' ? revision.toString() : `'${revision}'`;
}

/**
 * The log's server did not answer (unreachable, timed out, refused the credentials): nothing is
 * known to be written. The message names where the log is, never its password.
 */
export class LogUnavailable extends EventStoreError {
  readonly code = 'log-unavailable';

  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`the event log at ${where} is unavailable: ${reason}`);
  }
}

/**
 * This adapter cannot keep what the append asks for (`withNewStream` on a log without
 * multi-stream appends). Refused before anything is sent: nothing was written.
 */
export class AppendUnsupported extends EventStoreError {
  readonly code = 'append-unsupported';

  constructor(
    readonly option: string,
    reason: string,
  ) {
    super(`${option}: ${reason}; nothing was written`);
  }
}
