import { DEFAULT_APPEND_LIMITS } from '../append-validation';
import { InvalidAppend } from '../errors';
import type { EventToAppend } from '../event';
import { anEvent, EventStoreHarness, OpenHarness } from './event-store-harness';

const MiB = 1024 * 1024;

/** An event whose serialised form (type, data, metadata as JSON) is exactly `bytes` long. */
function eventOfSize(bytes: number): EventToAppend {
  const event = anEvent('Large', { blob: '' });
  const overhead = Buffer.byteLength(JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata }));
  return { ...event, data: { blob: 'x'.repeat(bytes - overhead) } };
}

export function badInputContract(open: OpenHarness): void {
  describe('bad input', () => {
    let harness: EventStoreHarness;
    beforeEach(async () => {
      harness = await open();
      await harness.store.appendToStream('existing', [anEvent()]);
    });
    afterEach(() => harness.close());

    const cases: [string, () => [string, unknown[]], string, string][] = [
      ['an empty batch', () => ['s', []], 'events', 'not-empty'],
      ['an empty type', () => ['s', [{ ...anEvent(), type: '' }]], 'events[0].type', 'not-empty'],
      ['an over-long type', () => ['s', [{ ...anEvent(), type: 'T'.repeat(257) }]], 'events[0].type', 'max-length'],
      ['data that is an array', () => ['s', [{ ...anEvent(), data: [1] }]], 'events[0].data', 'json-object'],
      ['data that is null', () => ['s', [{ ...anEvent(), data: null }]], 'events[0].data', 'json-object'],
      ['data that is a string', () => ['s', [{ ...anEvent(), data: '{}' }]], 'events[0].data', 'json-object'],
      ['data holding NaN', () => ['s', [{ ...anEvent(), data: { x: NaN } }]], 'events[0].data.x', 'finite-number'],
      ['data holding a NUL character', () => ['s', [{ ...anEvent(), data: { x: 'a\u0000b' } }]], 'events[0].data.x', 'storable-string'],
      ['an id that is not a uuid', () => ['s', [{ ...anEvent(), id: 'commit-1' }]], 'events[0].id', 'uuid'],
      ['metadata with a non-string value', () => ['s', [{ ...anEvent(), metadata: { actor: 7 } }]], 'events[0].metadata.actor', 'string'],
      ['metadata that sets recordedAt', () => ['s', [{ ...anEvent(), metadata: { recordedAt: 'x' } }]], 'events[0].metadata.recordedAt', 'store-assigned'],
      ['an empty stream id', () => ['', [anEvent()]], 'streamId', 'not-empty'],
      ['a stream id with a space', () => ['image a', [anEvent()]], 'streamId', 'printable'],
      ['a reserved stream id', () => ['$all', [anEvent()]], 'streamId', 'not-reserved'],
      ['an over-long stream id', () => ['s'.repeat(513), [anEvent()]], 'streamId', 'max-length'],
      ['an event over the size limit', () => ['s', [eventOfSize(MiB + 1)]], 'events[0]', 'max-size'],
      ['one bad event after a good one', () => ['existing', [anEvent(), { ...anEvent(), type: '' }]], 'events[1].type', 'not-empty'],
      ['the same id twice in one batch', () => {
        const twice = anEvent();
        return ['s', [twice, { ...twice }]];
      }, 'events[1].id', 'unique-in-batch'],
    ];

    it.each(cases)('when %s is appended, then it is refused naming the field and rule, and nothing is written', async (_name, input, field, rule) => {
      const [streamId, batch] = input();

      const error = await harness.store.appendToStream(streamId, batch as EventToAppend[]).catch((e) => e);

      expect(error).toBeInstanceOf(InvalidAppend);
      expect(error).toMatchObject({ field, rule });
      expect(error.message).toContain(field);
      expect(await harness.store.readAll()).toHaveLength(1);
      expect(await harness.store.readStream('existing')).toHaveLength(1);
    });

    it('given the default limit, when an event just under 1 MiB is appended, then it reads back whole', async () => {
      expect(DEFAULT_APPEND_LIMITS.maxEventBytes).toBe(MiB);
      const large = eventOfSize(MiB);

      await harness.store.appendToStream('large', [large]);

      const [read] = await harness.store.readStream('large');
      expect(read.data).toEqual(large.data);
    });

    it('given a configured limit, when an event is over it, then the configured limit applies', async () => {
      const small = await open({ limits: { maxEventBytes: 1024 } });
      try {
        await small.store.appendToStream('s', [eventOfSize(1024)]);
        const error = await small.store.appendToStream('s', [eventOfSize(1025)]).catch((e) => e);
        expect(error).toMatchObject({ field: 'events[0]', rule: 'max-size' });
        expect(error.message).toContain('limit is 1024');
        expect(await small.store.readAll()).toHaveLength(1);
      } finally {
        await small.close();
      }
    });
  });
}
