import { compareLogPositions } from '../log-position';
import { anEvent, events, EventStoreHarness, OpenHarness } from './event-store-harness';

export function readingContract(open: OpenHarness): void {
  describe('reading', () => {
    let harness: EventStoreHarness;
    beforeEach(async () => {
      harness = await open();
      await harness.store.appendToStream('s', events(10));
      await harness.store.appendToStream('other', events(2));
    });
    afterEach(() => harness.close());

    it('when a stream is read from the middle forwards, then it starts at that revision', async () => {
      const page = await harness.store.readStream('s', { from: 5n, limit: 3 });
      expect(page.map((event) => event.revision)).toEqual([5n, 6n, 7n]);
      expect(page.map((event) => event.data)).toEqual([{ n: 5 }, { n: 6 }, { n: 7 }]);
    });

    it('when a stream is read backwards, then it starts at the end or at the given revision', async () => {
      const fromEnd = await harness.store.readStream('s', { direction: 'backwards', limit: 2 });
      const fromMiddle = await harness.store.readStream('s', { direction: 'backwards', from: 5n, limit: 3 });
      expect(fromEnd.map((event) => event.revision)).toEqual([9n, 8n]);
      expect(fromMiddle.map((event) => event.revision)).toEqual([5n, 4n, 3n]);
    });

    it('when an unknown stream or a revision past the end is read, then it is empty', async () => {
      expect(await harness.store.readStream('nobody')).toEqual([]);
      expect(await harness.store.readStream('s', { from: 10n })).toEqual([]);
    });

    it('when the log is read in pages after a cursor, then the pages join up to the whole log in order', async () => {
      const whole = await harness.store.readAll();
      const pages = [];
      let after;
      for (;;) {
        const page = await harness.store.readAll({ after, limit: 5 });
        if (page.length === 0) break;
        pages.push(...page);
        after = page[page.length - 1].position;
      }
      expect(whole).toHaveLength(12);
      expect(pages).toEqual(whole);
      for (let n = 1; n < whole.length; n++) {
        expect(compareLogPositions(whole[n - 1].position, whole[n].position)).toBeLessThan(0);
      }
    });

    it('when the log is read after an event, then it continues with the next one', async () => {
      const whole = await harness.store.readAll();
      const rest = await harness.store.readAll({ after: whole[3].position });
      expect(rest).toEqual(whole.slice(4));
    });

    it('when an event is read back, then it has every field it was appended with', async () => {
      const event = anEvent('ImageBaked', { digest: 'sha256:ab', nested: { list: [1, 'two', null, true] } });
      const { events: [appended] } = await harness.store.appendToStream('image', [event]);

      const [read] = await harness.store.readStream('image');

      expect(read).toEqual({
        id: event.id,
        type: 'ImageBaked',
        data: event.data,
        metadata: { actor: 'contract-suite', recordedAt: expect.any(String) },
        streamId: 'image',
        revision: 0n,
        position: appended.position,
      });
    });
  });
}
