import { EventIdConflict, ExpectedRevisionConflict, InvalidAppend } from '../errors';
import { anEvent, events, EventStoreHarness, OpenHarness } from './event-store-harness';

export function appendingContract(open: OpenHarness): void {
  describe('appending', () => {
    let harness: EventStoreHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(() => harness.close());

    it('given several new streams, when their first events are appended together, then each starts at revision 0 and reads back', async () => {
      const outcomes = await harness.store.appendToNewStreams([
        { streamId: 'commit-b', events: events(1) },
        { streamId: 'commit-a', events: events(2) },
        { streamId: 'commit-c', events: events(1) },
      ]);

      expect(outcomes.map((outcome) => ('appended' in outcome ? outcome.appended.revision : outcome.refused))).toEqual([0n, 1n, 0n]);
      expect((await harness.store.readStream('commit-a')).map((event) => event.revision)).toEqual([0n, 1n]);
      expect(await harness.store.readAll()).toHaveLength(4);
    });

    it('given one stream exists, when it is appended among new ones, then only it is refused and the others are written', async () => {
      await harness.store.appendToStream('commit-old', [anEvent()]);

      const [fresh, old] = await harness.store.appendToNewStreams([
        { streamId: 'commit-new', events: [anEvent()] },
        { streamId: 'commit-old', events: [anEvent()] },
      ]);

      expect('appended' in fresh).toBe(true);
      expect('refused' in old && old.refused).toBeInstanceOf(ExpectedRevisionConflict);
      expect('refused' in old && old.refused).toMatchObject({ streamId: 'commit-old', expected: 'no-stream', actual: 0n });
      expect(await harness.store.readStream('commit-old')).toHaveLength(1);
      expect(await harness.store.readStream('commit-new')).toHaveLength(1);
    });

    it('given new streams appended together, when the same items are sent again, then they are already recorded at the same positions', async () => {
      const items = [{ streamId: 'x', events: events(2) }, { streamId: 'y', events: events(1) }];
      const first = await harness.store.appendToNewStreams(items);

      const again = await harness.store.appendToNewStreams(items);

      expect(again.map((outcome) => 'appended' in outcome && outcome.appended.alreadyRecorded)).toEqual([true, true]);
      expect(again.map((outcome) => 'appended' in outcome && outcome.appended.events)).toEqual(first.map((outcome) => 'appended' in outcome && outcome.appended.events));
      expect(await harness.store.readAll()).toHaveLength(3);
    });

    it('given one item with bad input, when appended with others, then the whole call is refused and nothing is written', async () => {
      const refused = harness.store.appendToNewStreams([{ streamId: 'good', events: [anEvent()] }, { streamId: '', events: [anEvent()] }]);

      await expect(refused).rejects.toThrow(InvalidAppend);
      expect(await harness.store.readAll()).toEqual([]);
    });

    it('given no stream, when a batch is appended, then it gets revisions 0.. and increasing log positions', async () => {
      const result = await harness.store.appendToStream('image-a', events(3), { expectedRevision: 'no-stream' });

      expect(result.revision).toBe(2n);
      expect(result.alreadyRecorded).toBe(false);
      expect(result.events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      const positions = result.events.map((event) => event.position);
      expect([...positions].sort()).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
    });

    it('given a stream at revision 7, when a batch of 5 is appended, then the answer lists revisions 8 to 12 in order', async () => {
      const before = await harness.store.appendToStream('long', events(8), { expectedRevision: 'no-stream' });
      const batch = events(5);

      const result = await harness.store.appendToStream('long', batch, { expectedRevision: before.revision });

      expect(result.revision).toBe(12n);
      expect(result.events.map((event) => event.revision)).toEqual([8n, 9n, 10n, 11n, 12n]);
      expect(result.events.map((event) => event.id)).toEqual(batch.map((event) => event.id));
    });

    it('given a stream, when each expectation is checked, then only the ones that hold succeed', async () => {
      const { store } = harness;
      await expect(store.appendToStream('s', [anEvent()], { expectedRevision: 'stream-exists' })).rejects.toThrow(
        ExpectedRevisionConflict,
      );
      await expect(store.appendToStream('s', [anEvent()], { expectedRevision: 0n })).rejects.toThrow(ExpectedRevisionConflict);
      await store.appendToStream('s', [anEvent()], { expectedRevision: 'no-stream' });
      await store.appendToStream('s', [anEvent()], { expectedRevision: 'stream-exists' });
      await store.appendToStream('s', [anEvent()], { expectedRevision: 1n });
      await store.appendToStream('s', [anEvent()], { expectedRevision: 'any' });
      await store.appendToStream('s', [anEvent()]);

      const conflict = await store.appendToStream('s', [anEvent()], { expectedRevision: 'no-stream' }).catch((e) => e);
      expect(conflict).toBeInstanceOf(ExpectedRevisionConflict);
      expect(conflict).toMatchObject({ streamId: 's', expected: 'no-stream', actual: 4n });
      expect((await store.readStream('s')).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('given a revision beyond 2^53, when it is expected, then the conflict reports it exactly', async () => {
      await harness.store.appendToStream('s', [anEvent()]);
      const huge = 2n ** 53n + 1n;

      const conflict = await harness.store.appendToStream('s', [anEvent()], { expectedRevision: huge }).catch((e) => e);

      expect(conflict).toBeInstanceOf(ExpectedRevisionConflict);
      expect(conflict).toMatchObject({ expected: huge, actual: 0n });
      expect(conflict.message).toBe("stream 's' expected at revision 9007199254740993 but it is at 0");
    });

    it('given concurrent appenders with the same expected revision, then exactly one wins each revision', async () => {
      const appenders = 8;
      const rounds = 10;
      for (let round = 0; round < rounds; round++) {
        const expectedRevision = round === 0 ? ('no-stream' as const) : BigInt(round - 1);
        const outcomes = await Promise.allSettled(
          Array.from({ length: appenders }, () => harness.store.appendToStream('contended', [anEvent()], { expectedRevision })),
        );

        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(appenders - 1);
        for (const loser of losers) {
          expect(loser).toBeInstanceOf(ExpectedRevisionConflict);
          expect(loser).toMatchObject({ streamId: 'contended', expected: expectedRevision, actual: BigInt(round) });
        }
      }
      const stream = await harness.store.readStream('contended');
      expect(stream.map((event) => event.revision)).toEqual(Array.from({ length: rounds }, (_, n) => BigInt(n)));
    });

    it('given a recorded batch, when it is appended again, then nothing is written and the original positions return', async () => {
      const batch = events(3);
      const first = await harness.store.appendToStream('s', batch, { expectedRevision: 'no-stream' });
      await harness.store.appendToStream('s', [anEvent()]);

      const retry = await harness.store.appendToStream('s', batch, { expectedRevision: 'no-stream' });

      expect(retry).toEqual({ ...first, alreadyRecorded: true });
      expect(await harness.store.readStream('s')).toHaveLength(4);
      expect(await harness.store.readAll()).toHaveLength(4);
    });

    it('given concurrent retries of one batch, then it is recorded once and every retry gets the same answer', async () => {
      const batch = events(2);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => harness.store.appendToStream('retried', batch, { expectedRevision: 'no-stream' })),
      );

      expect(results.filter((result) => !result.alreadyRecorded)).toHaveLength(1);
      for (const result of results) expect(result.events).toEqual(results[0].events);
      expect(await harness.store.readStream('retried')).toHaveLength(2);
    });

    it('given an existing stream, when one batch is sent concurrently expecting any revision, then it is recorded once and every sender gets the same answer', async () => {
      await harness.store.appendToStream('retried', [anEvent()]);
      const batch = events(2);

      const results = await Promise.all(Array.from({ length: 6 }, () => harness.store.appendToStream('retried', batch)));

      expect(results.filter((result) => !result.alreadyRecorded)).toHaveLength(1);
      for (const result of results) expect(result.events).toEqual(results[0].events);
      expect((await harness.store.readStream('retried')).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
    });

    it('given a recorded event, when its id is reused with other data or type, then it is refused naming both', async () => {
      const original = anEvent('CommitRecorded', { sha: 'aaa' });
      await harness.store.appendToStream('s', [original]);

      const otherData = await harness.store
        .appendToStream('s', [{ ...original, data: { sha: 'bbb' } }])
        .catch((e) => e);
      const otherType = await harness.store.appendToStream('s', [{ ...original, type: 'CommitAmended' }]).catch((e) => e);

      expect(otherData).toBeInstanceOf(EventIdConflict);
      expect(otherData).toMatchObject({
        streamId: 's',
        eventId: original.id,
        recorded: { type: 'CommitRecorded', data: { sha: 'aaa' }, revision: 0n },
        attempted: { type: 'CommitRecorded', data: { sha: 'bbb' } },
      });
      expect(otherData.message).toContain('"sha":"aaa"');
      expect(otherData.message).toContain('"sha":"bbb"');
      expect(otherType).toBeInstanceOf(EventIdConflict);
      expect(otherType.message).toContain('CommitAmended');
      expect(await harness.store.readAll()).toHaveLength(1);
    });

    it('given a recorded event, when it is resent inside a different batch, then the batch is refused whole', async () => {
      const recorded = anEvent();
      await harness.store.appendToStream('s', [recorded]);

      const conflict = await harness.store.appendToStream('s', [recorded, anEvent()]).catch((e) => e);
      const recordedLast = await harness.store.appendToStream('s', [anEvent(), recorded]).catch((e) => e);

      expect(conflict).toBeInstanceOf(EventIdConflict);
      expect(conflict.message).toContain('resend exactly the batch');
      expect(recordedLast).toBeInstanceOf(EventIdConflict);
      expect(await harness.store.readStream('s')).toHaveLength(1);
    });

    it('given a recorded batch, when it is resent in another order or in part, then it is refused and nothing is written', async () => {
      const [a, b] = events(2);
      await harness.store.appendToStream('s', [a, b]);

      const reordered = await harness.store.appendToStream('s', [b, a]).catch((e) => e);
      const firstPart = await harness.store.appendToStream('s', [a]).catch((e) => e);
      const lastPart = await harness.store.appendToStream('s', [b]).catch((e) => e);

      expect(reordered).toBeInstanceOf(EventIdConflict);
      expect(reordered.message).toContain('in the same order');
      expect(firstPart).toBeInstanceOf(EventIdConflict);
      expect(lastPart).toBeInstanceOf(EventIdConflict);
      expect(await harness.store.readStream('s')).toHaveLength(2);
    });

    it('given the same event id in two streams, then each stream records its own event', async () => {
      const shared = anEvent();
      await harness.store.appendToStream('a', [shared]);
      const other = await harness.store.appendToStream('b', [shared]);

      expect(other.alreadyRecorded).toBe(false);
      expect(await harness.store.readAll()).toHaveLength(2);
    });

    it('given metadata, when read back, then it is kept and recordedAt is the store clock', async () => {
      const before = Date.now();
      await harness.store.appendToStream('s', [
        { ...anEvent(), metadata: { correlationId: 'c-1', causationId: 'e-0', actor: 'jenkins' } },
      ]);

      const [event] = await harness.store.readStream('s');

      expect(event.metadata).toMatchObject({ correlationId: 'c-1', causationId: 'e-0', actor: 'jenkins' });
      const recordedAt = Date.parse(event.metadata.recordedAt);
      expect(recordedAt).toBeGreaterThanOrEqual(before - 5_000);
      expect(recordedAt).toBeLessThanOrEqual(Date.now() + 5_000);
    });
  });
}
