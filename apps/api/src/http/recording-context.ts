import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { IdempotencyClaim, RecordingContext } from '@provenance/recording';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import { LOCAL_PRINCIPAL } from '../auth/roles';

/** A request IdempotencyKeyGuard has made an Idempotency-Key claim for. */
export interface ClaimingRequest extends AuthenticatedRequest {
  idempotencyClaim?: IdempotencyClaim;
}

/**
 * The recording context of the request being handled: the caller BearerAuthGuard authenticated,
 * its Idempotency-Key and the claim IdempotencyKeyGuard made for it (parameters are resolved
 * after the guards have run). Kept on the request, not in an AsyncLocalStorage: while one
 * of those is in use, Node runs a hook on every promise in the process.
 */
export const Recording = createParamDecorator((_: unknown, context: ExecutionContext): RecordingContext => {
  const request = context.switchToHttp().getRequest<ClaimingRequest>();
  const key = request.headers['idempotency-key'];
  return { actor: (request.principal ?? LOCAL_PRINCIPAL).name, idempotencyKey: typeof key === 'string' ? key : undefined, claim: request.idempotencyClaim };
});
