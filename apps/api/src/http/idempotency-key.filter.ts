import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, NotImplementedException } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { IdempotencyKeysUnavailable, IdempotencyKeyTaken } from '@provenance/recording';
import { keyUsedBy } from './idempotency-key.guard';

/**
 * An Idempotency-Key claim the store refused: another request with the same key claimed it
 * first (422, naming that request), or the log cannot write a claim with the request's events
 * (501). Either way nothing of the request was written.
 */
@Catch(IdempotencyKeyTaken, IdempotencyKeysUnavailable)
export class IdempotencyKeyFilter implements ExceptionFilter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async catch(error: IdempotencyKeyTaken | IdempotencyKeysUnavailable, host: ArgumentsHost): Promise<void> {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof IdempotencyKeysUnavailable) return answer(response, keysUnavailable());
    const key = error.claim.events[0].data.key as string;
    const claimed = await this.store.readStream(error.claim.streamId, { limit: 1 }).then(
      ([first]) => first,
      () => undefined,
    );
    answer(response, keyUsedBy(key, claimed));
  }
}

function answer(response: Response, refusal: HttpException): void {
  response.status(refusal.getStatus()).json(refusal.getResponse());
}

function keysUnavailable(): NotImplementedException {
  return new NotImplementedException(
    'Idempotency-Key is not available on this server: its log (EventStoreDB) cannot write the key\'s claim together with the fact, so nothing was recorded; ' +
      'send the request without Idempotency-Key (a fact sent again is answered 200 with the positions first recorded)',
  );
}
