import { randomUUID } from 'node:crypto';
import type { ValidatedEvent } from '../append-validation';
import { EventIdConflict } from '../errors';
import { logPositionOf } from '../log-position';
import { resendOutcome, sameJson } from './resend';
import type { StoredEvent } from './stored-event';

const anEvent = (n: number): ValidatedEvent => ({ id: randomUUID(), type: 'Happened', data: { n }, metadata: {} });

/** The batch as one append wrote it at `from`. */
function recordedAs(batch: ValidatedEvent[], from = 0n, attempt = 'first'): StoredEvent[] {
  return batch.map((event, index) => ({
    event: { ...event, metadata: { recordedAt: '2025-01-01T00:00:00.000Z' }, streamId: 's', revision: from + BigInt(index), position: logPositionOf(100n, BigInt(index)) },
    marker: { attempt, index, size: batch.length },
  }));
}

describe('an append whose ids are already in the stream', () => {
  it('given the exact batch one append wrote, when resent, then it answers that append\'s revisions and positions', () => {
    const batch = [anEvent(1), anEvent(2)];
    const recorded = recordedAs(batch, 5n);

    const outcome = resendOutcome('s', batch, recorded);

    expect(outcome).toEqual({
      alreadyRecorded: { revision: 6n, alreadyRecorded: true, events: recorded.map(({ event }) => ({ id: event.id, revision: event.revision, position: event.position })) },
    });
  });

  it('given the same id with other data, then the conflict shows both versions', () => {
    const [original] = [anEvent(1)];
    const outcome = resendOutcome('s', [{ ...original, data: { n: 2 } }], recordedAs([original]));

    expect('conflict' in outcome && outcome.conflict).toBeInstanceOf(EventIdConflict);
    const { conflict } = outcome as { conflict: EventIdConflict };
    expect(conflict).toMatchObject({ streamId: 's', eventId: original.id, recorded: { data: { n: 1 }, revision: 0n }, attempted: { data: { n: 2 } } });
    expect(conflict.message).toContain('{"n":1}');
    expect(conflict.message).toContain('{"n":2}');
  });

  it('given a recorded event resent inside another batch, then it must be the batch first appended', () => {
    const recorded = anEvent(1);
    const { conflict } = resendOutcome('s', [recorded, anEvent(2)], [recordedAs([recorded])[0], undefined]) as { conflict: EventIdConflict };
    expect(conflict.message).toContain('resend exactly the batch');
    expect(conflict.message).toContain('1 of these 2 events are recorded');
  });

  it('given a batch resent in another order or in part, then it is a conflict', () => {
    const [a, b] = [anEvent(1), anEvent(2)];
    const [ra, rb] = recordedAs([a, b]);
    expect(resendOutcome('s', [b, a], [rb, ra])).toHaveProperty('conflict');
    expect((resendOutcome('s', [b, a], [rb, ra]) as { conflict: Error }).conflict.message).toContain('in the same order');
    expect(resendOutcome('s', [a], [ra])).toHaveProperty('conflict');
  });

  it('given the events were written by two appends, then they are not one batch to resend', () => {
    const [a, b] = [anEvent(1), anEvent(2)];
    const recorded = [recordedAs([a], 0n, 'one')[0], { ...recordedAs([b], 1n, 'two')[0] }];
    expect(resendOutcome('s', [a, b], recorded)).toHaveProperty('conflict');
  });

  it('given one event another tool wrote (no marker), when resent alone with the same content, then it is already recorded', () => {
    const event = anEvent(1);
    const [stored] = recordedAs([event]);
    expect(resendOutcome('s', [event], [{ event: stored.event }])).toHaveProperty('alreadyRecorded');
  });

  it('given JSON with members in another order, then it is the same content, and arrays keep their order', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ c: [1, 2] }, { c: [2, 1] })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
  });
});
