import { BadRequestException } from '@nestjs/common';
import { utf8ErrorIn } from '@provenance/domain';
import { CDEVENTS_CONTENT_TYPE, CdEventMappingError, CLOUDEVENTS_CONTENT_TYPE, factsFromCdEvent } from '@provenance/kafka';

/** Why a message was not recorded, as the dead-letter header says it. */
export type DeadLetterReason = 'unparseable' | 'invalid' | 'not-a-fact' | 'refused';

/** A message that will never be recorded as it is: it goes to the dead-letter topic. */
export class UnrecordableMessage extends Error {
  constructor(readonly reason: DeadLetterReason, readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/**
 * The fact messages a Kafka message carries: a CDEvent (by content type, or by shape) gives
 * the facts it maps to; anything else is one fact in the HTTP API's shape with a `type`.
 */
export function factMessagesOf(value: Buffer | null, contentType: string | undefined): unknown[] {
  // Decoding would put U+FFFD where the bytes are not UTF-8, and the fact would be recorded so.
  const notUtf8 = value === null ? undefined : utf8ErrorIn(value);
  if (notUtf8 !== undefined) throw new UnrecordableMessage('invalid', [`the message is not valid UTF-8: ${notUtf8}`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch (error) {
    throw new UnrecordableMessage('unparseable', [`the message is not JSON: ${(error as Error).message}`]);
  }
  if (!isCdEvent(parsed, contentType)) return [parsed];
  try {
    return factsFromCdEvent(parsed, contentType);
  } catch (error) {
    if (!(error instanceof CdEventMappingError)) throw error;
    throw new UnrecordableMessage(error.kind === 'not-a-fact' ? 'not-a-fact' : 'invalid', error.problems);
  }
}

function isCdEvent(value: unknown, contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType === CLOUDEVENTS_CONTENT_TYPE || mediaType === CDEVENTS_CONTENT_TYPE) return true;
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ('context' in record && 'subject' in record) || (typeof record.type === 'string' && record.type.startsWith('dev.cdevents.'));
}

/** The problems a 400 names, as a list. */
export function problemsOf(error: BadRequestException): string[] {
  const body = error.getResponse() as { message?: string | string[] };
  return Array.isArray(body.message) ? body.message : [body.message ?? error.message];
}
