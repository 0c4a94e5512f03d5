import { shownJson } from '@provenance/domain';
import { CloudEvent, ValidationError } from 'cloudevents';
import { isRecord, JsonRecord, malformed } from './cdevent';

/** `datacontenttype`s that carry a CDEvent as JSON data; absent means JSON in structured mode. */
const CDEVENT_DATA_TYPES = ['application/json', 'application/cdevents+json'];

/**
 * The CDEvent carried as `data` by a CloudEvents 1.0 structured-mode envelope, after the envelope
 * passes the CloudEvents SDK's validation and agrees with the CDEvent as the CDEvents CloudEvents
 * binding requires (`id` and `type` copied from the CDEvent's context).
 */
export function cdEventInEnvelope(envelope: unknown): JsonRecord {
  if (!isRecord(envelope)) throw malformed(['a CloudEvents envelope must be a JSON object']);
  // Checked before the SDK sees the envelope: it fills a missing specversion, id or time with
  // "1.0", a random id or the current time, and would let a broken envelope through.
  const problems = [
    ...(envelope.specversion === '1.0' ? [] : [`specversion must be "1.0" in a CloudEvents envelope, got ${shownJson(envelope.specversion)}`]),
    ...['id', 'source', 'type', 'time']
      .filter((attribute) => typeof envelope[attribute] !== 'string' || envelope[attribute] === '')
      .map((attribute) => `${attribute} must be a non-empty string in a CloudEvents envelope`),
    ...dataContentTypeProblems(envelope.datacontenttype),
    ...(isRecord(envelope.data) ? [] : ['data must be the CDEvent as a JSON object in a CloudEvents structured envelope']),
  ];
  if (problems.length > 0) throw malformed(problems);
  validatedBySdk(envelope);
  const data = envelope.data as JsonRecord;
  const context = isRecord(data.context) ? data.context : {};
  const disagreements = (['id', 'type'] as const)
    .filter((attribute) => context[attribute] !== envelope[attribute])
    .map((attribute) => `the envelope's ${attribute} ${shownJson(envelope[attribute])} must equal data.context.${attribute} ${shownJson(context[attribute])}`);
  if (disagreements.length > 0) throw malformed(disagreements, typeof context.id === 'string' ? context.id : undefined);
  return data;
}

function dataContentTypeProblems(datacontenttype: unknown): string[] {
  if (datacontenttype === undefined) return [];
  const mediaType = typeof datacontenttype === 'string' ? datacontenttype.split(';')[0].trim().toLowerCase() : '';
  return CDEVENT_DATA_TYPES.includes(mediaType)
    ? []
    : [`datacontenttype must be ${CDEVENT_DATA_TYPES.join(' or ')} for a CDEvent, got ${shownJson(datacontenttype)}`];
}

/** Any refusal by the SDK is the envelope's fault: it throws `ValidationError`s, and a `TypeError` for a 0.3-only attribute. */
function validatedBySdk(envelope: JsonRecord): void {
  try {
    new CloudEvent(envelope, true);
  } catch (error) {
    const summary = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const details = (error instanceof ValidationError ? (error.errors ?? []) : []).map((detail) =>
      typeof detail === 'string' ? detail : `${detail.instancePath || '(envelope)'} ${detail.message ?? detail.keyword}`,
    );
    throw malformed([`the CloudEvents envelope is invalid: ${[summary, ...details].join(', ')}`]);
  }
}
