import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  isCommandError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ExpectedRevisionConflict, InvalidAppend, LogUnavailable } from '../errors';
import type { ExpectedRevision } from '../expected-revision';
import { shownConnectionString, withoutPassword } from './connection-string';
import { actualRevisionOf } from './expected-revision.mapping';

/**
 * The client's error as the port's, or undefined when it is none of the port's (a bug, which
 * surfaces as it is). `expected` is the caller's expectation, which the refusal repeats.
 */
export function portErrorOf(error: unknown, context: { streamId?: string; expected?: ExpectedRevision; url: string }): Error | undefined {
  if (error instanceof WrongExpectedVersionError && context.streamId !== undefined) {
    return new ExpectedRevisionConflict(context.streamId, context.expected ?? 'any', actualRevisionOf(error.actualVersion));
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppend('events', 'max-size', `the batch is larger than EventStoreDB's MaxAppendSize (${error.maxAppendSize} bytes); raise it on the server above PROVENANCE_MAX_EVENT_BYTES`);
  }
  const reason = unavailableReasonOf(error);
  return reason === undefined ? undefined : new LogUnavailable(`EventStoreDB ${shownConnectionString(context.url)}`, withoutPassword(reason, context.url));
}

/** gRPC status codes the client sometimes passes on unconverted (its server-features probe does). */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNAUTHENTICATED = 16;

function unavailableReasonOf(error: unknown): string | undefined {
  if (isGrpcError(error)) {
    if (error.code === GRPC_UNAVAILABLE) return `no server answers (${error.message})`;
    if (error.code === GRPC_DEADLINE_EXCEEDED) return `no answer in time (${error.message})`;
    if (error.code === GRPC_UNAUTHENTICATED || error.code === GRPC_PERMISSION_DENIED) return `access denied: check the user and password in EVENTSTORE_URL (${error.message})`;
  }
  if (error instanceof UnavailableError) return `no server answers (${error.message})`;
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError) return `no answer in time (${error.message})`;
  if (error instanceof NotLeaderError) return `the node is not the cluster's leader (${error.message})`;
  if (error instanceof AccessDeniedError) return `access denied: check the user and password in EVENTSTORE_URL (${error.message})`;
  if (error instanceof CancelledError) return `the call was cancelled (${error.message})`;
  return undefined;
}

function isGrpcError(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number' && !isCommandError(error);
}
