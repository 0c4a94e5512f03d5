import type { RecordedEvent } from '../event';
import type { Subscription } from '../event-store.port';
import { compareLogPositions, LogPosition } from '../log-position';
import { anEvent, events, eventually, EventStoreHarness, OpenHarness, sleep } from './event-store-harness';

export function subscribingContract(open: OpenHarness): void {
  describe('subscribing to the log', () => {
    let harness: EventStoreHarness;
    const subscriptions: Subscription[] = [];
    const follow = (handle: (event: RecordedEvent) => void, after?: LogPosition) => {
      const subscription = harness.store.subscribeToAll({ after, onEvent: handle });
      subscriptions.push(subscription);
      return subscription;
    };
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      await harness.close();
    });

    it('given a caught-up subscriber, when an event is appended, then it is woken without waiting out the poll interval', async () => {
      const patient = await open({ pollIntervalMs: 120_000 });
      const seen: RecordedEvent[] = [];
      const subscription = patient.store.subscribeToAll({ onEvent: (event) => void seen.push(event) });
      try {
        await sleep(200);
        await patient.store.appendToStream('s', [anEvent()]);
        await eventually(() => seen.length === 1, 'the wake-up', 60_000);
      } finally {
        await subscription.stop();
        await patient.close();
      }
    });

    it('given recorded events, when a subscriber starts, then it catches up and then follows live appends', async () => {
      await harness.store.appendToStream('before', events(700));
      const seen: RecordedEvent[] = [];
      follow((event) => seen.push(event));
      await eventually(() => seen.length === 700, 'catch-up');

      await harness.store.appendToStream('after', events(3));
      await eventually(() => seen.length === 703, 'live events');

      expect(seen).toEqual(await harness.store.readAll());
    });

    it('given a subscriber stopped mid-log, when restarted from its checkpoint, then nothing is lost or repeated', async () => {
      await harness.store.appendToStream('s', events(600));
      const firstRun: RecordedEvent[] = [];
      const first = follow((event) => {
        firstRun.push(event);
      });
      await eventually(() => firstRun.length >= 250, 'the first run to get going');
      await first.stop();
      const checkpoint = firstRun[firstRun.length - 1].position;
      const stoppedAt = firstRun.length;
      await sleep(50);
      expect(firstRun).toHaveLength(stoppedAt);

      const secondRun: RecordedEvent[] = [];
      follow((event) => secondRun.push(event), checkpoint);
      await harness.store.appendToStream('s', events(50));
      await eventually(() => firstRun.length + secondRun.length === 650, 'the second run to catch up');

      const ids = [...firstRun, ...secondRun].map((event) => event.id);
      expect(new Set(ids).size).toBe(650);
      expect([...firstRun, ...secondRun]).toEqual(await harness.store.readAll());
    });

    it('given a slow handler, then the next event is delivered only after the handler settles', async () => {
      await harness.store.appendToStream('s', events(20));
      let inFlight = 0;
      let mostInFlight = 0;
      const seen: RecordedEvent[] = [];
      harness.store.subscribeToAll({
        batchSize: 5,
        onBatch: async (batch) => {
          inFlight++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          await sleep(5);
          seen.push(...batch);
          inFlight--;
        },
      });
      await eventually(() => seen.length === 20, 'all batches');
      expect(mostInFlight).toBe(1);
    });

    it('given a log that ends on a full batch, then the end is reported after the last batch settles', async () => {
      await harness.store.appendToStream('s', events(10));
      const seen: RecordedEvent[] = [];
      const seenAtTheEnd: number[] = [];
      harness.store.subscribeToAll({
        batchSize: 5,
        onBatch: (batch) => void seen.push(...batch),
        onCaughtUp: () => void seenAtTheEnd.push(seen.length),
      });
      await eventually(() => seenAtTheEnd.length > 0, 'the end of the log');
      expect(seenAtTheEnd[0]).toBe(10);
    });

    it('given a handler that stops its own subscription, then the stop completes and nothing more is delivered', async () => {
      await harness.store.appendToStream('s', events(10));
      const seen: RecordedEvent[] = [];
      let stopped: Promise<void> | undefined;
      const subscription = harness.store.subscribeToAll({
        batchSize: 2,
        onEvent: async (event) => {
          seen.push(event);
          if (seen.length === 3) {
            stopped = subscription.stop();
            await stopped;
          }
        },
      });
      await subscription.finished;
      await stopped;
      expect(seen).toHaveLength(3);
    });

    it('given a handler that fails, then the subscription ends with its error', async () => {
      await harness.store.appendToStream('s', events(3));
      const subscription = harness.store.subscribeToAll({
        onEvent: (event) => {
          if (event.revision === 1n) throw new Error('projection broke');
        },
      });
      await expect(subscription.finished).rejects.toThrow('projection broke');
    });

    it('given an event that commits after later-numbered ones, then no reader skips it', async () => {
      if (!harness.beginLateAppend) return; // this backend runs one transaction at a time
      await harness.store.appendToStream('early', [anEvent()]);
      const seen: RecordedEvent[] = [];
      follow((event) => seen.push(event));
      await eventually(() => seen.length === 1, 'the first event');

      const late = await harness.beginLateAppend('late', [anEvent('Late')]);
      await harness.store.appendToStream('prompt', [anEvent('Prompt')]);
      await sleep(100);
      expect(seen.map((event) => event.type)).toEqual(['Happened']);
      expect((await harness.store.readAll()).map((event) => event.type)).toEqual(['Happened']);

      await late.commit();
      await eventually(() => seen.length === 3, 'both later events');
      expect(seen.map((event) => event.type)).toEqual(['Happened', 'Late', 'Prompt']);
      expect(seen).toEqual(await harness.store.readAll());
    });

    it('given many writers and transactions committing late, then a live subscriber sees every event once, in an order that never changes', async () => {
      const target = 10_000;
      const seen: RecordedEvent[] = [];
      follow((event) => seen.push(event));

      const appended: string[] = [];
      // The order in which appends were acknowledged to their callers.
      const acknowledged = new Map<string, number>();
      const acknowledge = (batch: { id: string }[]) => {
        for (const event of batch) acknowledged.set(event.id, acknowledged.size);
        appended.push(...batch.map((event) => event.id));
      };
      const writer = async (seed: number) => {
        let n = seed;
        while (appended.length < target) {
          n = (n * 48271) % 2147483647;
          const batch = events(1 + (n % 25));
          await harness.store.appendToStream(`stream-${n % 8}`, batch);
          acknowledge(batch);
        }
      };
      const lateWriter = async () => {
        if (!harness.beginLateAppend) return;
        let n = 0;
        while (appended.length < target) {
          const batch = events(1 + (n % 5), 'Late');
          const late = await harness.beginLateAppend(`late-${n++ % 3}`, batch);
          await sleep(5 + (n % 4) * 15);
          await late.commit();
          acknowledge(batch);
        }
      };
      await Promise.all([...[1, 2, 3, 4, 5, 6].map(writer), lateWriter()]);
      await eventually(() => seen.length >= appended.length, `${appended.length} events`, 120_000);
      await sleep(200);

      expect(new Set(seen.map((event) => event.id)).size).toBe(seen.length);
      expect(new Set(seen.map((event) => event.id))).toEqual(new Set(appended));
      for (let n = 1; n < seen.length; n++) {
        expect(compareLogPositions(seen[n - 1].position, seen[n].position)).toBeLessThan(0);
      }
      const revisionsByStream = new Map<string, bigint[]>();
      for (const event of seen) {
        revisionsByStream.set(event.streamId, [...(revisionsByStream.get(event.streamId) ?? []), event.revision]);
      }
      for (const revisions of revisionsByStream.values()) {
        expect(revisions).toEqual(revisions.map((_, n) => BigInt(n)));
      }
      expect(seen).toEqual(await readWholeLog(harness));
      if (harness.beginLateAppend) {
        // The hard case really happened: events were acknowledged before events that precede
        // them in the log, so a reader going by acknowledgement or insert order would skip some.
        expect(overtaken(seen, acknowledged)).toBeGreaterThan(0);
      }
    }, 180_000);
  });
}

async function readWholeLog(harness: EventStoreHarness): Promise<RecordedEvent[]> {
  const whole: RecordedEvent[] = [];
  for (;;) {
    const page = await harness.store.readAll({ after: whole.at(-1)?.position, limit: 2_000 });
    if (page.length === 0) return whole;
    whole.push(...page);
  }
}

/** How many events were acknowledged before some event that comes earlier in the log. */
function overtaken(log: RecordedEvent[], acknowledged: Map<string, number>): number {
  let count = 0;
  let latest = -1;
  for (const event of log) {
    const order = acknowledged.get(event.id)!;
    if (order < latest) count++;
    latest = Math.max(latest, order);
  }
  return count;
}
