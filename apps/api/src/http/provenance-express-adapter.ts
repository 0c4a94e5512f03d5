import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Express as Nest drives it, with one rule of this API: a fact already on record is answered 200
 * where its route says 201 (`RecordsFact`). Kept here, where a handler's result becomes the
 * response, rather than in an interceptor: Nest calls a route with no interceptor without
 * wrapping it in RxJS, and every request saves that work. `main.ts` and the tests create the
 * app with it.
 */
export class ProvenanceExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (statusCode === undefined && response.statusCode === 201 && alreadyRecorded(body)) response.status(200);
    return super.reply(response, body, statusCode);
  }
}

function alreadyRecorded(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'already-recorded';
}
