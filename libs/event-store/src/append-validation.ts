import type { EventMetadata, EventToAppend, JsonObject } from './event';
import { InvalidAppend } from './errors';

export interface AppendLimits {
  /** Largest serialised event (type + data + metadata as UTF-8 JSON), in bytes. */
  maxEventBytes: number;
  maxTypeLength: number;
  maxStreamIdLength: number;
}

export const DEFAULT_APPEND_LIMITS: AppendLimits = {
  maxEventBytes: 1024 * 1024,
  maxTypeLength: 256,
  maxStreamIdLength: 512,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_METADATA_VALUE_LENGTH = 1024;

/** An event checked and normalised for the log: lowercase id, metadata without undefined values, its JSON size. */
export interface ValidatedEvent extends EventToAppend {
  metadata: EventMetadata;
}

/**
 * Checks a whole append before any of it reaches the log, so a bad batch writes nothing.
 * Throws InvalidAppend naming the field and the rule it broke.
 */
export function validateAppend(
  streamId: unknown,
  events: unknown,
  limits: AppendLimits = DEFAULT_APPEND_LIMITS,
): ValidatedEvent[] {
  validateStreamId(streamId, limits);
  if (!Array.isArray(events)) throw new InvalidAppend('events', 'array', 'must be an array of events');
  if (events.length === 0) throw new InvalidAppend('events', 'not-empty', 'an append needs at least one event');

  const seen = new Set<string>();
  return events.map((event: unknown, index) => {
    const validated = validateEvent(event, `events[${index}]`, limits);
    if (seen.has(validated.id)) {
      throw new InvalidAppend(`events[${index}].id`, 'unique-in-batch', `id ${validated.id} appears twice in one append`);
    }
    seen.add(validated.id);
    return validated;
  });
}

export function validateStreamId(streamId: unknown, limits: AppendLimits = DEFAULT_APPEND_LIMITS): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppend('streamId', 'not-empty', 'must be a non-empty string');
  }
  if (streamId.length > limits.maxStreamIdLength) {
    throw new InvalidAppend('streamId', 'max-length', `is ${streamId.length} characters; the limit is ${limits.maxStreamIdLength}`);
  }
  if (CONTROL_OR_SPACE.test(streamId) || !streamId.isWellFormed()) {
    throw new InvalidAppend('streamId', 'printable', 'must not contain whitespace, control characters or lone surrogates');
  }
  if (streamId.startsWith('$')) {
    throw new InvalidAppend('streamId', 'not-reserved', "must not start with '$' (reserved for system streams)");
  }
}

function validateEvent(event: unknown, field: string, limits: AppendLimits): ValidatedEvent {
  if (!isPlainObject(event)) throw new InvalidAppend(field, 'object', 'must be an object with id, type and data');
  const { id, type, data, metadata } = event;

  if (typeof id !== 'string' || !UUID.test(id)) {
    throw new InvalidAppend(`${field}.id`, 'uuid', `must be a uuid, got ${JSON.stringify(id)}`);
  }
  if (typeof type !== 'string' || type.length === 0) {
    throw new InvalidAppend(`${field}.type`, 'not-empty', 'must be a non-empty string');
  }
  if (type.length > limits.maxTypeLength) {
    throw new InvalidAppend(`${field}.type`, 'max-length', `is ${type.length} characters; the limit is ${limits.maxTypeLength}`);
  }
  if (CONTROL.test(type) || !type.isWellFormed()) {
    throw new InvalidAppend(`${field}.type`, 'printable', 'must not contain control characters or lone surrogates');
  }
  if (!isPlainObject(data)) {
    throw new InvalidAppend(`${field}.data`, 'json-object', `must be a JSON object, got ${describeJsonKind(data)}`);
  }
  assertStorableJson(data, `${field}.data`);
  const cleanMetadata = validateMetadata(metadata, `${field}.metadata`);

  const bytes = Buffer.byteLength(JSON.stringify({ type, data, metadata: cleanMetadata }), 'utf8');
  if (bytes > limits.maxEventBytes) {
    throw new InvalidAppend(field, 'max-size', `serialises to ${bytes} bytes; the limit is ${limits.maxEventBytes}`);
  }
  return { id: id.toLowerCase(), type, data: data as JsonObject, metadata: cleanMetadata };
}

function validateMetadata(metadata: unknown, field: string): EventMetadata {
  if (metadata === undefined) return {};
  if (!isPlainObject(metadata)) throw new InvalidAppend(field, 'object', 'must be an object of strings');
  const clean: EventMetadata = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    if (key === 'recordedAt') {
      throw new InvalidAppend(`${field}.recordedAt`, 'store-assigned', 'is set by the store when the event is written');
    }
    if (typeof value !== 'string') {
      throw new InvalidAppend(`${field}.${key}`, 'string', `must be a string, got ${describeJsonKind(value)}`);
    }
    if (value.length > MAX_METADATA_VALUE_LENGTH || !value.isWellFormed() || value.includes('\u0000')) {
      throw new InvalidAppend(`${field}.${key}`, 'printable', `must be at most ${MAX_METADATA_VALUE_LENGTH} characters, without NUL or lone surrogates`);
    }
    clean[key] = value;
  }
  return clean;
}

/**
 * PostgreSQL's jsonb refuses NUL characters and lone surrogates, and JSON has no
 * undefined, NaN, Infinity or bigint: refuse them here, naming the path, rather than
 * fail inside the database.
 */
function assertStorableJson(value: unknown, path: string): void {
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000') || !value.isWellFormed()) {
        throw new InvalidAppend(path, 'storable-string', 'must not contain NUL characters or lone surrogates');
      }
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidAppend(path, 'finite-number', `${value} is not a JSON number`);
      return;
    case 'boolean':
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item, index) => assertStorableJson(item, `${path}[${index}]`));
        return;
      }
      if (!isPlainObject(value)) throw new InvalidAppend(path, 'json-value', `${describeJsonKind(value)} is not JSON`);
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue; // JSON drops undefined properties, as JSON.stringify does
        if (key.includes('\u0000') || !key.isWellFormed()) {
          throw new InvalidAppend(path, 'storable-string', 'keys must not contain NUL characters or lone surrogates');
        }
        assertStorableJson(item, `${path}.${key}`);
      }
      return;
    default:
      throw new InvalidAppend(path, 'json-value', `${typeof value} is not JSON`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor?.name ? `a ${value.constructor.name}` : 'an object';
  return typeof value;
}
