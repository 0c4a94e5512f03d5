import type { Decision, DomainEvent, Difference } from './decider';
import { alreadyRecorded, record } from './decider';
import { canonicalJson } from './json';

/**
 * The rule for facts whose identity is immutable: the first recording stands; the same fact
 * again is an idempotent repeat; a different fact under the same identity is refused with
 * both versions and the fields that differ (the paper's non-repeatable build, exposed).
 * `ignore` names derived fields that are not part of what the agent asserted.
 */
export function recordOnce<Event extends DomainEvent<string, object>>(
  what: string,
  recorded: object | undefined,
  event: Event,
  ignore: string[] = [],
): Decision<Event> {
  if (!recorded) return record(event);
  const differences = differencesBetween(recorded, event.data, ignore);
  if (differences.length === 0) return alreadyRecorded({ ...event, data: recorded });
  const shown = differences
    .map((difference) => `${difference.field}: recorded ${JSON.stringify(difference.recorded)}, now ${JSON.stringify(difference.attempted)}`)
    .join('; ');
  return {
    outcome: 'refused',
    refusal: {
      kind: 'identity-conflict',
      message: `${what} is already recorded with different content (${shown})`,
      recorded,
      attempted: event.data,
      differences,
    },
  };
}

/** Leaf-level differences between two JSON objects, as dotted paths. */
export function differencesBetween(recorded: unknown, attempted: unknown, ignore: string[] = [], path = ''): Difference[] {
  if (ignore.includes(path)) return [];
  const bothObjects =
    recorded && attempted && typeof recorded === 'object' && typeof attempted === 'object' && !Array.isArray(recorded) && !Array.isArray(attempted);
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(attempted)])].sort();
    return keys.flatMap((key) =>
      differencesBetween(
        (recorded as Record<string, unknown>)[key],
        (attempted as Record<string, unknown>)[key],
        ignore,
        path ? `${path}.${key}` : key,
      ),
    );
  }
  return canonicalJson(recorded ?? null) === canonicalJson(attempted ?? null)
    ? []
    : [{ field: path || '(whole fact)', recorded: recorded ?? null, attempted: attempted ?? null }];
}
