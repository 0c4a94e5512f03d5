import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Observable } from 'rxjs';
import { canonicalJson } from '@provenance/domain';
import { EVENT_STORE, EventIdConflict, EventStore, ExpectedRevisionConflict } from '@provenance/event-store';
import { eventIdFor } from '@provenance/recording';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import { LOCAL_PRINCIPAL } from '../auth/roles';

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Honours `Idempotency-Key` on POSTs. The first request with a key claims it for that exact
 * request (method, URL and body), before anything is recorded; the claim is one append, so of
 * two different requests racing with one key exactly one gets it and the other is refused
 * (422). A repeat of the claimed request is processed again, which is safe: it answers 200
 * with the positions first recorded.
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return next.handle();
    if (!KEY.test(key)) throw new BadRequestException(['Idempotency-Key must be 1-128 letters, digits or ._:-']);

    const caller = (request.principal ?? LOCAL_PRINCIPAL).name;
    const streamId = `idempotency-key-${sha256(`${caller}\n${key}`)}`;
    const body = typeof request.body === 'string' ? request.body : canonicalJson(request.body ?? null);
    const claim = {
      type: 'IdempotencyKeyClaimed',
      data: { key, caller, method: request.method, url: request.originalUrl, fingerprint: sha256(`${request.method} ${request.originalUrl}\n${body}`) },
    };
    try {
      // The same claim again is the store's idempotent repeat; another claim conflicts.
      await this.store.appendToStream(streamId, [{ id: eventIdFor(streamId, 'none', 0, claim), ...claim, metadata: { actor: caller } }], {
        expectedRevision: 'no-stream',
      });
    } catch (error) {
      if (!(error instanceof ExpectedRevisionConflict || error instanceof EventIdConflict)) throw error;
      const [first] = await this.store.readStream(streamId, { limit: 1 });
      const claimed = first.data as { method: string; url: string };
      throw new UnprocessableEntityException(
        `Idempotency-Key ${key} was used at ${first.metadata.recordedAt} for another request (${claimed.method} ${claimed.url} with another body); send a new key for a new request`,
      );
    }
    return next.handle();
  }
}
