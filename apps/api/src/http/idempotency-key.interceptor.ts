import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, mergeMap, Observable, of } from 'rxjs';
import { canonicalJson } from '@provenance/domain';
import { EVENT_STORE, EventStore, EventStoreError, JsonObject } from '@provenance/event-store';
import { eventIdFor } from '@provenance/recording';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import { LOCAL_PRINCIPAL } from '../auth/roles';

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Honours `Idempotency-Key` on POSTs: the first answer to a key is kept in the log (stream
 * `idempotency-key-<caller>-<key>`); the same request with the same key gets that answer again,
 * and a different request with a used key is refused (422) instead of being applied.
 * Refusals are not kept: they are deterministic, so a retry is refused the same way.
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
    const streamId = `idempotency-key-${caller}-${key}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${typeof request.body === 'string' ? request.body : canonicalJson(request.body ?? null)}`)
      .digest('hex');
    const [previous] = await this.store.readStream(streamId, { limit: 1 });
    const response = context.switchToHttp().getResponse<Response>();
    if (previous) {
      const kept = previous.data as { fingerprint: string; statusCode: number; body: unknown };
      if (kept.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException(
          `Idempotency-Key ${key} was used at ${previous.metadata.recordedAt} for a different request; send a new key for a new request`,
        );
      }
      response.status(kept.statusCode);
      return of(kept.body);
    }
    return next.handle().pipe(mergeMap((body) => from(this.keep(streamId, fingerprint, body, caller))));
  }

  private async keep(streamId: string, fingerprint: string, body: unknown, actor: string): Promise<unknown> {
    const statusCode = (body as { status?: string })?.status === 'already-recorded' ? 200 : 201;
    const event = { type: 'IdempotentRequestAnswered', data: { fingerprint, statusCode, body: body as JsonObject } };
    try {
      await this.store.appendToStream(streamId, [{ id: eventIdFor(streamId, 'none', 0, event), ...event, metadata: { actor } }], {
        expectedRevision: 'no-stream',
      });
    } catch (error) {
      // A concurrent request with the same key kept its answer first; both answers describe the same facts.
      if (!(error instanceof EventStoreError)) throw error;
    }
    return body;
  }
}
