import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Role } from '@provenance/config';
import { Allow } from '../auth/allow.decorator';
import { MAY_RECORD } from '../auth/roles';
import { Problem } from './problem.dto';
import { RecordingAnswer } from './recording-answer.dto';

/** What each refusal means, as the API documents it; a route lists those it can answer. */
const REFUSALS = {
  400: 'a field, parameter or header breaks a rule; `message` lists each one',
  401: 'no token, or one the server does not know (only when PROVENANCE_TOKENS is set)',
  403: "the token's roles do not include one this route needs",
  404: 'what was asked about is not on record; `message` says what is known',
  409: 'in conflict with what is on record; `message` says with what',
  413: 'the body is larger than a limit (see README.md, "Limits")',
  415: 'a content type this route does not take',
  422: 'the fact breaks a pipeline rule; `message` names it',
  429: 'too many long-polls open for this caller; `Retry-After` says when to try again',
  503: 'the read model is behind the log, or a rebuild runs; try again shortly',
} as const;

export type Refusal = keyof typeof REFUSALS;

/** The refusals a route can answer, each with the Problem body; `why` overrides a status's description. */
export function Refuses(statuses: Refusal[], why: Partial<Record<Refusal, string>> = {}) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: why[status] ?? REFUSALS[status], type: Problem })));
}

/**
 * A route that records a fact: 201 when it is new, 200 when it is already on record (sent again,
 * or a retry with the same Idempotency-Key), and the refusals a fact can meet.
 */
export function RecordsFact(path?: string, roles: Role[] = MAY_RECORD) {
  return applyDecorators(
    Post(path),
    HttpCode(201),
    Allow(roles),
    ApiHeader({
      name: 'idempotency-key',
      required: false,
      description: 'Optional. A retry with the same key and body is answered as the first request was; the same key with another body is 422.',
    }),
    ApiResponse({ status: 201, description: 'recorded now', type: RecordingAnswer }),
    ApiResponse({ status: 200, description: 'already on record: nothing new was appended', type: RecordingAnswer }),
    Refuses([400, 401, 403, 409, 413, 415, 422], { 409: 'the fact is on record with other content; `message` lists the differences' }),
  );
}
