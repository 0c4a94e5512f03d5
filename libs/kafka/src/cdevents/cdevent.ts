import { CdEventMappingError } from './cdevent-mapping.error';

export type JsonRecord = Record<string, unknown>;

/**
 * A CDEvent whose envelope fields are known to be present: the fields every CDEvents v0.5.1
 * schema requires (`context.{specversion,id,source,type,timestamp}`, `subject.{id,content}`).
 * `customData` is the event's own extension object (`{}` when absent); the mapping reads the
 * facts' extra fields from it, because `context` and `subject.content` allow no extra properties.
 */
export type CdEvent = {
  context: JsonRecord & { specversion: string; id: string; source: string; type: string; timestamp: string };
  subject: JsonRecord & { id: string; content: JsonRecord };
  customData: JsonRecord;
};

export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the shape every CDEvent has; the fields a fact needs are checked by its mapping. */
export function cdEventOf(value: unknown): CdEvent {
  if (!isRecord(value)) throw malformed(['a CDEvent must be a JSON object with context and subject']);
  const { context, subject } = value;
  if (!isRecord(context)) throw malformed(['context must be an object']);
  if (!isRecord(subject)) throw malformed(['subject must be an object']);
  const cdEventId = typeof context.id === 'string' ? context.id : undefined;
  const problems = [
    ...['specversion', 'id', 'source', 'type', 'timestamp'].filter((key) => !isText(context[key])).map((key) => `context.${key} must be a non-empty string`),
    ...(isText(subject.id) ? [] : ['subject.id must be a non-empty string']),
    ...(isRecord(subject.content) ? [] : ['subject.content must be an object']),
  ];
  if (problems.length > 0) throw malformed(problems, cdEventId);
  return { context, subject, customData: customDataOf(value, cdEventId) } as CdEvent;
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json$/;

/** `customData` is an object, or base64 JSON text when `customDataContentType` is JSON (CDEvents v0.5.1 §customData). */
function customDataOf(event: JsonRecord, cdEventId: string | undefined): JsonRecord {
  const { customData, customDataContentType } = event;
  if (customData === undefined) return {};
  const mediaType = typeof customDataContentType === 'string' ? customDataContentType.split(';')[0].trim().toLowerCase() : 'application/json';
  if (!JSON_TYPE.test(mediaType)) {
    throw malformed([`customDataContentType ${String(customDataContentType)} is not JSON: the fields this service reads from customData must be a JSON object`], cdEventId);
  }
  if (isRecord(customData)) return customData;
  if (typeof customData === 'string') {
    const decoded = parsedJson(Buffer.from(customData, 'base64').toString('utf8'));
    if (isRecord(decoded)) return decoded;
  }
  throw malformed(['customData must be a JSON object (or base64 of one)'], cdEventId);
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const malformed = (problems: string[], cdEventId?: string) => new CdEventMappingError('malformed', problems, cdEventId);
