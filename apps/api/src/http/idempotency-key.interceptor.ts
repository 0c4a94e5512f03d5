import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, NotImplementedException, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { catchError, from, Observable, throwError } from 'rxjs';
import { canonicalJson } from '@provenance/domain';
import { AppendUnsupported, EVENT_STORE, EventStore } from '@provenance/event-store';
import { eventIdFor, IdempotencyClaim, IdempotencyKeyTaken } from '@provenance/recording';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import { LOCAL_PRINCIPAL } from '../auth/roles';
import type { ClaimingRequest } from './recording-context';

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Honours `Idempotency-Key` on POSTs. A key belongs to the first request (method, URL and body)
 * that recorded something with it: its claim is written in the same transaction as that
 * request's first events (or alone, when its fact was already on record), never for a request
 * that is invalid or refused. Of different requests racing with one key, the store lets one
 * claim through; the others write nothing and are refused (422). A repeat of the claimed
 * request is processed again, which is safe: it answers 200 with the positions first recorded.
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<ClaimingRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return next.handle();
    if (!KEY.test(key)) throw new BadRequestException(['Idempotency-Key must be 1-128 letters, digits or ._:-']);

    const claim = claimOf(request, key);
    const [first] = await this.store.readStream(claim.streamId, { limit: 1 });
    if (first) {
      if (first.data.fingerprint !== claim.events[0].data.fingerprint) throw this.refusal(key, first);
      return next.handle();
    }
    // The handler's @Recording() context carries the claim into the command.
    request.idempotencyClaim = claim;
    return next.handle().pipe(
      catchError((error: unknown) =>
        error instanceof IdempotencyKeyTaken
          ? from(this.takenMeanwhile(key, claim))
          : throwError(() => (error instanceof AppendUnsupported ? keysUnavailable() : error)),
      ),
    );
  }

  private async takenMeanwhile(key: string, claim: IdempotencyClaim): Promise<never> {
    const [first] = await this.store.readStream(claim.streamId, { limit: 1 });
    throw this.refusal(key, first);
  }

  private refusal(key: string, claimed: { data: unknown; metadata: { recordedAt: string } }): UnprocessableEntityException {
    const { method, url } = claimed.data as { method: string; url: string };
    return new UnprocessableEntityException(
      `Idempotency-Key ${key} was used at ${claimed.metadata.recordedAt} for another request (${method} ${url} with another body); send a new key for a new request`,
    );
  }
}

/**
 * A log without multi-stream appends (EventStoreDB) cannot write a key's claim with the fact, and
 * refuses to write either alone; nothing was recorded.
 */
function keysUnavailable(): NotImplementedException {
  return new NotImplementedException(
    'Idempotency-Key is not available on this server: its log (EventStoreDB) cannot write the key\'s claim together with the fact, so nothing was recorded; ' +
      'send the request without Idempotency-Key (a fact sent again is answered 200 with the positions first recorded)',
  );
}

/** The claim of `key` for this exact request, per caller: a stream of its own, one event with a derived id. */
function claimOf(request: AuthenticatedRequest, key: string): IdempotencyClaim {
  const caller = (request.principal ?? LOCAL_PRINCIPAL).name;
  const streamId = `idempotency-key-${sha256(`${caller}\n${key}`)}`;
  const body = typeof request.body === 'string' ? request.body : canonicalJson(request.body ?? null);
  const event = {
    type: 'IdempotencyKeyClaimed',
    data: { key, caller, method: request.method, url: request.originalUrl, fingerprint: sha256(`${request.method} ${request.originalUrl}\n${body}`) },
  };
  return { streamId, events: [{ id: eventIdFor(streamId, 'none', 0, event), ...event, metadata: { actor: caller } }] };
}
