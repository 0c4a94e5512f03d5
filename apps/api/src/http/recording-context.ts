import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdempotencyClaim, RecordingContext } from '@provenance/recording';
import type { Principal } from '../auth/roles';

/**
 * The Idempotency-Key claim IdempotencyKeyInterceptor made for the request being handled. Kept
 * in the request's async context so that every controller's `recordingContextOf` carries it
 * into the command without each one passing it along.
 */
export const pendingClaim = new AsyncLocalStorage<IdempotencyClaim>();

export function recordingContextOf(principal: Principal, idempotencyKey?: string, correlationId?: string): RecordingContext {
  return { actor: principal.name, idempotencyKey, correlationId, claim: pendingClaim.getStore() };
}
