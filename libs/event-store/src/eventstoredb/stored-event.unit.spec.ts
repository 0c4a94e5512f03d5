import { randomUUID } from 'node:crypto';
import type { RecordedEvent as ClientRecordedEvent } from '@eventstore/db-client';
import { InvalidAppend } from '../errors';
import { APPEND_MARKER, checkStorable, storedEventOf, storedEventsOf } from './stored-event';

describe('events as EventStoreDB keeps them', () => {
  const event = { id: randomUUID(), type: 'CommitRecorded', data: { sha: 'f00' }, metadata: { actor: 'ci' } };

  it('given a batch, when written, then each event keeps our id, type and data, and the metadata marks its append', () => {
    const stored = storedEventsOf([event, { ...event, id: randomUUID() }], 'attempt-1');
    expect(stored[0]).toMatchObject({ id: event.id, type: 'CommitRecorded', data: { sha: 'f00' }, contentType: 'application/json' });
    expect(stored[0].metadata).toEqual({ actor: 'ci', [APPEND_MARKER]: 'attempt-1 0/2' });
    expect(stored[1].metadata).toMatchObject({ [APPEND_MARKER]: 'attempt-1 1/2' });
  });

  it('given an event read back, then it is the port\'s event in its stream, with $all\'s position and the server\'s clock', () => {
    const recorded = {
      streamId: 'provenance.commit-f00',
      id: event.id.toUpperCase(),
      isJson: true,
      revision: 3n,
      type: 'CommitRecorded',
      created: new Date('2025-06-01T12:00:00.000Z'),
      data: { sha: 'f00' },
      metadata: { actor: 'ci', [APPEND_MARKER]: 'attempt-1 0/1' },
      position: { commit: 4096n, prepare: 4000n },
    } as unknown as ClientRecordedEvent;

    expect(storedEventOf('provenance.', recorded)).toEqual({
      event: {
        id: event.id,
        type: 'CommitRecorded',
        data: { sha: 'f00' },
        metadata: { actor: 'ci', recordedAt: '2025-06-01T12:00:00.000Z' },
        streamId: 'commit-f00',
        revision: 3n,
        position: '0000000000001000-0000000000000fa0',
      },
      marker: { attempt: 'attempt-1', index: 0, size: 1 },
    });
  });

  it.each([
    ['a $ type', { ...event, type: '$Snapshot' }, 'events[0].type', 'not-reserved'],
    ['the marker in metadata', { ...event, metadata: { [APPEND_MARKER]: 'x' } }, `events[0].metadata.${APPEND_MARKER}`, 'store-assigned'],
  ])('given %s, then it is refused before anything is sent', (_what, bad, field, rule) => {
    const refusal = (() => {
      try {
        checkStorable([bad]);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidAppend);
    expect(refusal).toMatchObject({ field, rule });
  });
});
