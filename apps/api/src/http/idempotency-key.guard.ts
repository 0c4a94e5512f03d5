import { BadRequestException, CanActivate, ExecutionContext, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@provenance/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@provenance/event-store';
import { eventIdFor, IdempotencyClaim } from '@provenance/recording';
import { LOCAL_PRINCIPAL } from '../auth/roles';
import type { ClaimingRequest } from './recording-context';

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Honours `Idempotency-Key` on POSTs. A key belongs to the first request (method, URL and body)
 * that recorded something with it: its claim is written in the same transaction as that
 * request's first events (or alone, when its fact was already on record), never for a request
 * that is invalid or refused. Of different requests racing with one key, the store lets one
 * claim through; the others write nothing and are refused (422, `IdempotencyKeyFilter`). A
 * repeat of the claimed request is processed again, which is safe: it answers 200 with the
 * positions first recorded.
 *
 * A guard (after BearerAuthGuard, which names the caller) rather than an interceptor: Nest calls
 * a route with no interceptor without wrapping it in RxJS, and every request saves that work.
 */
@Injectable()
export class IdempotencyKeyGuard implements CanActivate {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ClaimingRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return true;
    if (!KEY.test(key)) throw new BadRequestException(['Idempotency-Key must be 1-128 letters, digits or ._:-']);

    const claim = claimOf(request, key);
    const [first] = await this.store.readStream(claim.streamId, { limit: 1 });
    if (!first) request.idempotencyClaim = claim;
    else if (first.data.fingerprint !== claim.events[0].data.fingerprint) throw keyUsedBy(key, first);
    return true;
  }
}

/** The refusal of a key another request holds, naming that request. */
export function keyUsedBy(key: string, claimed: RecordedEvent | undefined): UnprocessableEntityException {
  const { method, url } = (claimed?.data ?? {}) as { method?: string; url?: string };
  const when = claimed ? ` at ${claimed.metadata.recordedAt}` : '';
  const what = method && url ? ` (${method} ${url} with another body)` : '';
  return new UnprocessableEntityException(`Idempotency-Key ${key} was used${when} for another request${what}; send a new key for a new request`);
}

/** The claim of `key` for this exact request, per caller: a stream of its own, one event with a derived id. */
function claimOf(request: ClaimingRequest, key: string): IdempotencyClaim {
  const caller = (request.principal ?? LOCAL_PRINCIPAL).name;
  const streamId = `idempotency-key-${sha256(`${caller}\n${key}`)}`;
  const body = typeof request.body === 'string' ? request.body : canonicalJson(request.body ?? null);
  const event = {
    type: 'IdempotencyKeyClaimed',
    data: { key, caller, method: request.method, url: request.originalUrl, fingerprint: sha256(`${request.method} ${request.originalUrl}\n${body}`) },
  };
  return { streamId, events: [{ id: eventIdFor(streamId, 'none', 0, event), ...event, metadata: { actor: caller } }] };
}
