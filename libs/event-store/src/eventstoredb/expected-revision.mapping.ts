import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '../expected-revision';

/** EventStoreDB keeps revisions as signed 64-bit numbers. */
const MAX_REVISION = (1n << 63n) - 1n;

/** The port's expectation as the client's: `no-stream`, `stream-exists` and `any` by name, a revision as itself. */
export function clientExpectedRevisionOf(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n || expected > MAX_REVISION) throw new RangeError(`expected revision ${expected} is out of range`);
      return expected;
  }
}

/** The client's expectation (as a refusal reports it) in the port's words. */
export function expectedRevisionOfClient(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case ANY:
      return 'any';
    case NO_STREAM:
      return 'no-stream';
    case STREAM_EXISTS:
      return 'stream-exists';
    default:
      return expected;
  }
}

/** Where a stream is, as a refusal reports it: its last revision, or `no-stream`. */
export function actualRevisionOf(current: CurrentRevision): bigint | 'no-stream' {
  return current === NO_STREAM ? 'no-stream' : current;
}
