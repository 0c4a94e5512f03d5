import { AppendUnsupported, EventIdConflict, ExpectedRevisionConflict, InvalidAppend } from '../errors';
import { anEvent, ContractBackend, EventStoreHarness } from './event-store-harness';

/** `appendToStream(..., { withNewStream })`: two streams written together or not at all. */
export function appendingWithNewStreamContract({ open, multiStreamAppendsUnsupported }: ContractBackend): void {
  if (multiStreamAppendsUnsupported !== undefined) {
    describe('appending with a new stream, on a backend without multi-stream appends', () => {
      it('given withNewStream, then the whole append is refused before anything is written', async () => {
        const harness = await open();
        try {
          const refused = harness.store.appendToStream('fact-a', [anEvent()], { withNewStream: { streamId: 'claim-k', events: [anEvent('Claimed')] } });
          await expect(refused).rejects.toThrow(AppendUnsupported);
          expect(await harness.store.readAll()).toEqual([]);
        } finally {
          await harness.close();
        }
      });
    });
  }
  // Decided here, not inside the tests: cases this backend cannot run are reported as skipped.
  // Skip reason: EventStoreDB has no multi-stream append (@eventstore/db-client 6.x); its harness says so in multiStreamAppendsUnsupported.
  const describeIfSupported = multiStreamAppendsUnsupported === undefined ? describe : (title: string, fn: () => void) => describe.skip(`${title} — skipped: ${multiStreamAppendsUnsupported}`, fn);
  describeIfSupported('appending with a new stream', () => {
    let harness: EventStoreHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(() => harness.close());

    const claim = (n = 1) => ({ streamId: 'claim-k', events: [anEvent('Claimed', { n })] });

    it('given an existing stream and a new one, when appended together, then both are written in one transaction', async () => {
      await harness.store.appendToStream('fact-a', [anEvent()]);

      const result = await harness.store.appendToStream('fact-a', [anEvent('Noted')], { expectedRevision: 0n, withNewStream: claim() });

      expect(result).toMatchObject({ revision: 1n, alreadyRecorded: false });
      const [claimed] = await harness.store.readStream('claim-k');
      expect(claimed.type).toBe('Claimed');
      expect(claimed.position.split('-')[0]).toBe(result.events[0].position.split('-')[0]);
    });

    it('given the new stream exists, then the whole append is refused naming it, and the first stream is untouched', async () => {
      await harness.store.appendToStream('claim-k', [anEvent('Claimed', { n: 0 })]);

      const refused = harness.store.appendToStream('fact-a', [anEvent()], { expectedRevision: 'no-stream', withNewStream: claim() });

      await expect(refused).rejects.toThrow(ExpectedRevisionConflict);
      await expect(refused).rejects.toMatchObject({ streamId: 'claim-k', expected: 'no-stream', actual: 0n });
      expect(await harness.store.readStream('fact-a')).toEqual([]);
    });

    it('given the first stream is not where expected, then the whole append is refused naming it, and the new stream is not created', async () => {
      await harness.store.appendToStream('fact-a', [anEvent()]);

      const refused = harness.store.appendToStream('fact-a', [anEvent()], { expectedRevision: 'no-stream', withNewStream: claim() });

      await expect(refused).rejects.toMatchObject({ streamId: 'fact-a', actual: 0n });
      expect(await harness.store.readStream('claim-k')).toEqual([]);
    });

    it('given an exact resend, then both are already recorded and nothing more is written; a recorded fact may still take a new claim', async () => {
      const fact = [anEvent()];
      const claimed = claim();
      const first = await harness.store.appendToStream('fact-a', fact, { expectedRevision: 'no-stream', withNewStream: claimed });
      const resend = await harness.store.appendToStream('fact-a', fact, { expectedRevision: 'no-stream', withNewStream: claimed });
      expect(resend).toEqual({ ...first, alreadyRecorded: true });

      const other = { streamId: 'claim-l', events: [anEvent('Claimed')] };
      expect(await harness.store.appendToStream('fact-a', fact, { expectedRevision: 'no-stream', withNewStream: other })).toMatchObject({ alreadyRecorded: true });
      expect((await harness.store.readAll()).map((event) => event.streamId).sort()).toEqual(['claim-k', 'claim-l', 'fact-a']);
    });

    it('given sixteen appends to sixteen streams racing for one new stream, then exactly one is written and the others write nothing', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, (_, n) => harness.store.appendToStream(`fact-${n}`, [anEvent()], { expectedRevision: 'no-stream', withNewStream: claim(n) })),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
        expect(outcome.reason).toBeInstanceOf(ExpectedRevisionConflict);
        expect(outcome.reason).toMatchObject({ streamId: 'claim-k' });
      }
      expect(await harness.store.readAll()).toHaveLength(2);
    });

    it('given one event id reused with other content in the new stream, then an EventIdConflict names it', async () => {
      const first = claim();
      await harness.store.appendToStream('claim-k', first.events);

      const reused = { streamId: 'claim-k', events: [{ ...first.events[0], data: { n: 2 } }] };
      await expect(harness.store.appendToStream('fact-a', [anEvent()], { withNewStream: reused })).rejects.toThrow(EventIdConflict);
      expect(await harness.store.readStream('fact-a')).toEqual([]);
    });

    it('given the same stream twice or bad input in either, then InvalidAppend and nothing is written', async () => {
      await expect(harness.store.appendToStream('fact-a', [anEvent()], { withNewStream: { streamId: 'fact-a', events: [anEvent()] } })).rejects.toThrow(InvalidAppend);
      await expect(harness.store.appendToStream('fact-a', [anEvent()], { withNewStream: { streamId: 'claim-k', events: [] } })).rejects.toThrow(InvalidAppend);
      expect(await harness.store.readAll()).toEqual([]);
    });
  });
}
