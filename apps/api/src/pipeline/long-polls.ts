import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogWakeUps, LONG_POLL_FALLBACK_MS } from './log-wake-up';
import { LongPollSlots } from './long-poll-slots';

/** Under a stream of appends, a waiter asks again no more often than this (the old fixed poll). */
const MIN_ASK_GAP_MS = 200;
/** What a caller at its cap is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

export const LONG_POLL_SLOTS = Symbol('LongPollSlots');

/**
 * Long-polls that cost nothing while nothing happens: a waiter asks again when the log says
 * something was appended (the read model lags the log a little; asking goes through
 * `FreshReadModel`, which waits for it), and every LONG_POLL_FALLBACK_MS in case a wake-up was
 * lost. It stops when the client goes away, and each caller may have only so many open.
 */
@Injectable()
export class LongPolls {
  constructor(
    private readonly wakeUps: LogWakeUps,
    @Inject(LONG_POLL_SLOTS) private readonly slots: LongPollSlots,
  ) {}

  /**
   * `ask` until `found` holds for its answer, `waitMs` passes or the client disconnects; the
   * last answer. 429 with Retry-After when `caller` already has its PROVENANCE_MAX_LONG_POLLS.
   */
  async until<T>(caller: string, http: { request: Request; response: Response }, waitMs: number, ask: () => Promise<T>, found: (answer: T) => boolean): Promise<T> {
    const giveBack = this.slots.take(caller);
    if (!giveBack) {
      http.response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message: `${caller} already has ${this.slots.maxPerCaller} long-polls open (PROVENANCE_MAX_LONG_POLLS); wait for one to answer, or ask without wait`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const gone = new AbortController();
    const disconnected = () => gone.abort();
    http.request.on('close', disconnected);
    if (http.request.destroyed) gone.abort();
    const wakeUp = await this.wakeUps.listen();
    try {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const askedAt = Date.now();
        const answer = await ask();
        if (found(answer) || Date.now() >= deadline || gone.signal.aborted) return answer;
        await wakeUp.next(Math.min(deadline - Date.now(), LONG_POLL_FALLBACK_MS), gone.signal);
        const soon = Math.min(askedAt + MIN_ASK_GAP_MS, deadline) - Date.now();
        if (soon > 0 && !gone.signal.aborted) await sleep(soon, undefined, { signal: gone.signal }).catch(() => undefined);
      }
    } finally {
      http.request.off('close', disconnected);
      giveBack();
      await wakeUp.close();
    }
  }
}
