import { BadRequestException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { utf8ErrorIn } from '@provenance/domain';

/**
 * body-parser's `verify` hook: a body meant as UTF-8 (the default, or a declared utf-8 charset)
 * that is not is refused with 400 before it is decoded, since decoding would quietly put U+FFFD
 * in its place and the fact would be recorded that way. A body in another declared charset is
 * left to body-parser.
 */
export function verifyUtf8Body(_request: IncomingMessage, _response: ServerResponse, body: Buffer, encoding: string | null): void {
  if (encoding !== null && !/^utf-?8$/i.test(encoding)) return;
  const problem = utf8ErrorIn(body);
  if (problem === undefined) return;
  throw Object.assign(new BadRequestException(`the request body is not valid UTF-8: ${problem}; send it encoded as UTF-8`), {
    // body-parser answers a refusal from verify with this status (403 when there is none).
    status: 400,
    expose: true,
  });
}
