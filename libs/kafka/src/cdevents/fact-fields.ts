import { shownJson } from '@provenance/domain';
import { CdEvent, isRecord } from './cdevent';
import { CdEventMappingError } from './cdevent-mapping.error';

/**
 * Reads the fields one fact needs from a CDEvent by path (`subject.content.environment.id`,
 * `customData.nodes`), collecting every problem instead of stopping at the first, so a producer
 * learns all it must add from one refused event. `done()` throws them as one `incomplete` error.
 * Formats (sha, digest, RFC 3339 time) are left to the API's DTOs; this checks presence and type.
 */
export type FactFields = {
  text(path: string, what: string): string;
  optionalText(path: string, what: string): string | undefined;
  texts(path: string, what: string): string[];
  count(path: string, what: string): number;
  /** Undefined only when it is missing or of the wrong type, which `done()` then reports. */
  required<T>(path: string, what: string, expected: Expectation<T>): T | undefined;
  optional<T>(path: string, what: string, expected: Expectation<T>): T | undefined;
  /** Records a problem the mapping found itself, e.g. a purl without a digest. */
  problem(description: string): void;
  done(): void;
};

export type Expectation<T> = { is: (value: unknown) => value is T; description: string };

export const TEXT: Expectation<string> = { is: (value): value is string => typeof value === 'string' && value !== '', description: 'a non-empty string' };
const TEXTS: Expectation<string[]> = {
  is: (value): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  description: 'an array of strings',
};
const COUNT: Expectation<number> = { is: (value): value is number => typeof value === 'number', description: 'a whole number' };

/** `what` says what the field holds, e.g. "the image the AQF run verified, as sha256:<64 hex digits>". */
export function factFields(event: CdEvent, eventName: string): FactFields {
  const problems: string[] = [];
  const read = <T>(path: string, what: string, expected: Expectation<T>, required: boolean): T | undefined => {
    const value = valueAt(event, path);
    if (value === undefined || value === null) {
      if (required) problems.push(`${path} is required for ${eventName}: ${what}`);
      return undefined;
    }
    if (expected.is(value)) return value;
    problems.push(`${path} must be ${expected.description} for ${eventName} (${what}), got ${shownJson(value)}`);
    return undefined;
  };
  return {
    text: (path, what) => read(path, what, TEXT, true) ?? '',
    optionalText: (path, what) => read(path, what, TEXT, false),
    texts: (path, what) => read(path, what, TEXTS, true) ?? [],
    // JSON may say -0, which no fact holds: adding 0 makes it 0 and leaves every other number as it is.
    count: (path, what) => (read(path, what, COUNT, true) ?? 0) + 0,
    required: (path, what, expected) => read(path, what, expected, true),
    optional: (path, what, expected) => read(path, what, expected, false),
    problem: (description) => problems.push(description),
    done: () => {
      if (problems.length > 0) throw new CdEventMappingError('incomplete', problems, event.context.id);
    },
  };
}

function valueAt(event: CdEvent, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), event);
}

/** An object of string fields, e.g. `{ repository, sha }`. */
export const recordOfTexts = <Key extends string>(...keys: Key[]): Expectation<Record<Key, string>> => ({
  is: (value): value is Record<Key, string> => isRecord(value) && keys.every((key) => TEXT.is(value[key])),
  description: `an object with ${keys.join(' and ')} strings`,
});

export const arrayOf = <T>(item: Expectation<T>): Expectation<T[]> => ({
  is: (value): value is T[] => Array.isArray(value) && value.every((each) => item.is(each)),
  description: `an array, each item ${item.description}`,
});

/** The message without its absent optional fields, so it serialises as the API expects. */
export function withoutAbsent<T extends object>(message: T): T {
  return Object.fromEntries(Object.entries(message).filter(([, value]) => value !== undefined)) as T;
}
