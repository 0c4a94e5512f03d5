import type { ValidatedEvent } from '../append-validation';
import { EventIdConflict } from '../errors';
import type { AppendResult } from '../event-store.port';
import type { StoredEvent } from './stored-event';

/**
 * What an append whose event ids are (partly) in the stream already amounts to: an exact resend
 * of one earlier append (the same events, content and order, written by one append that wrote
 * nothing else) answers that append's result; anything else is an EventIdConflict showing the
 * recorded and the attempted event. The same rule as the PostgreSQL adapter's append function.
 *
 * `recorded[i]` is the stream's event with the id of `batch[i]`, if any.
 */
export function resendOutcome(streamId: string, batch: ValidatedEvent[], recorded: (StoredEvent | undefined)[]): { alreadyRecorded: AppendResult } | { conflict: EventIdConflict } {
  const found = batch.flatMap((attempted, index) => {
    const stored = recorded[index];
    return stored ? [{ attempted, stored, index, sameContent: stored.event.type === attempted.type && sameJson(stored.event.data, attempted.data) }] : [];
  });
  if (found.length === 0) throw new Error('resendOutcome needs at least one recorded event');

  const [first] = found;
  const exact =
    found.length === batch.length &&
    found.every(({ stored, index, sameContent }) => {
      const marker = stored.marker ?? { attempt: stored.event.id, index: 0, size: 1 };
      const firstMarker = first.stored.marker ?? { attempt: first.stored.event.id, index: 0, size: 1 };
      return sameContent && marker.attempt === firstMarker.attempt && marker.index === index && marker.size === batch.length && stored.event.revision === first.stored.event.revision + BigInt(index);
    });
  if (exact) {
    const events = found.map(({ stored }) => ({ id: stored.event.id, revision: stored.event.revision, position: stored.event.position }));
    return { alreadyRecorded: { revision: events[events.length - 1].revision, events, alreadyRecorded: true } };
  }

  const mismatch = [...found].sort((a, b) => Number(a.sameContent) - Number(b.sameContent) || (a.stored.event.revision < b.stored.event.revision ? -1 : 1))[0];
  const { event } = mismatch.stored;
  const reason = mismatch.sameContent
    ? `already recorded at revision ${event.revision} by another append (${found.length} of these ${batch.length} events are recorded); a retry must resend exactly the batch first appended, in the same order`
    : `already recorded at revision ${event.revision} as ${event.type} ${JSON.stringify(event.data)}; this append has ${mismatch.attempted.type} ${JSON.stringify(mismatch.attempted.data)}`;
  return {
    conflict: new EventIdConflict(
      streamId,
      event.id,
      { type: event.type, data: event.data, revision: event.revision },
      { type: mismatch.attempted.type, data: mismatch.attempted.data },
      reason,
    ),
  };
}

/** JSON equality as jsonb has it: object members in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  const left = Object.entries(a as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const right = new Map(Object.entries(b as Record<string, unknown>).filter(([, value]) => value !== undefined));
  return left.length === right.size && left.every(([key, value]) => right.has(key) && sameJson(value, right.get(key)));
}
