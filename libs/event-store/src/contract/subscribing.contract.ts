import { eventually } from '@provenance/testing';
import type { RecordedEvent } from '../event';
import type { Subscription } from '../event-store.port';
import { compareLogPositions, LogPosition } from '../log-position';
import { anEvent, ContractBackend, events, EventStoreHarness, sleep } from './event-store-harness';

export function subscribingContract({ open, lateAppendsUnsupported }: ContractBackend): void {
  // Decided here, not inside the test: a case this backend cannot run is reported as skipped.
  // Skip reason: neither PGlite (one statement at a time) nor EventStoreDB (no transactions) can hold a transaction open beside an append.
  const itWithLateAppends = lateAppendsUnsupported === undefined ? it : (title: string, fn: () => Promise<void>) => it.skip(`${title} — skipped: ${lateAppendsUnsupported}`, fn);

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
      let caughtUp = 0;
      const subscription = patient.store.subscribeToAll({ onEvent: (event) => void seen.push(event), onCaughtUp: () => void caughtUp++ });
      try {
        // Appended before the subscriber's first read, the event would be read without any wake-up.
        await eventually(() => caughtUp, (count) => count > 0, { what: 'the first read to find the log empty', timeoutMs: 10_000 });
        await patient.store.appendToStream('s', [anEvent()]);
        await eventually(() => seen.length, (count) => count === 1, { what: 'the wake-up, long before the poll interval', timeoutMs: 10_000 });
      } finally {
        await subscription.stop();
        await patient.close();
      }
    });

    it('given recorded events, when a subscriber starts, then it catches up and then follows live appends', async () => {
      await harness.store.appendToStream('before', events(700));
      const seen: RecordedEvent[] = [];
      follow((event) => seen.push(event));
      await eventually(() => seen.length, (count) => count === 700, { what: 'catch-up', timeoutMs: 10_000 });

      await harness.store.appendToStream('after', events(3));
      await eventually(() => seen.length, (count) => count === 703, { what: 'the live events', timeoutMs: 10_000 });

      expect(seen).toEqual(await harness.store.readAll());
    });

    it('given a subscriber stopped mid-log, when restarted from its checkpoint, then nothing is lost or repeated', async () => {
      await harness.store.appendToStream('s', events(600));
      const firstRun: RecordedEvent[] = [];
      const first = follow((event) => {
        firstRun.push(event);
      });
      await eventually(() => firstRun.length, (count) => count >= 250, { what: 'the first run to get going', timeoutMs: 10_000 });
      await first.stop();
      const checkpoint = firstRun[firstRun.length - 1].position;
      const stoppedAt = firstRun.length;

      const secondRun: RecordedEvent[] = [];
      follow((event) => secondRun.push(event), checkpoint);
      const last = (await harness.store.appendToStream('s', events(50))).events.at(-1)!;
      await eventually(() => secondRun.length, () => secondRun.some((event) => event.id === last.id), { what: 'the second run to reach the last event', timeoutMs: 10_000 });

      expect(firstRun).toHaveLength(stoppedAt);
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
      await eventually(() => seen.length, (count) => count === 20, { what: 'all batches' });
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
      await eventually(() => seenAtTheEnd, (ends) => ends.length > 0, { what: 'the end of the log' });
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

    itWithLateAppends('given an event that commits after later-numbered ones, then no reader skips it', async () => {
      const beginLateAppend = lateAppendsOf(harness);
      await harness.store.appendToStream('early', [anEvent()]);
      const seen: RecordedEvent[] = [];
      let readsToTheEnd = 0;
      subscriptions.push(harness.store.subscribeToAll({ onEvent: (event) => void seen.push(event), onCaughtUp: () => void readsToTheEnd++ }));
      await eventually(() => seen.length, (count) => count === 1, { what: 'the first event', timeoutMs: 8_000 });

      const late = await beginLateAppend('late', [anEvent('Late')]);
      await harness.store.appendToStream('prompt', [anEvent('Prompt')]);
      // Not a pause but progress: of two more reads, at most one began before Prompt committed,
      // so a subscriber that would skip Late has delivered Prompt once both are done.
      const readsBefore = readsToTheEnd;
      await eventually(() => readsToTheEnd, (count) => count >= readsBefore + 2, { what: 'two reads after Prompt committed', timeoutMs: 8_000 });
      expect(seen.map((event) => event.type)).toEqual(['Happened']);
      expect((await harness.store.readAll()).map((event) => event.type)).toEqual(['Happened']);

      await late.commit();
      await eventually(() => seen.map((event) => event.type), (types) => types.length === 3, { what: 'both later events', timeoutMs: 8_000 });
      expect(seen.map((event) => event.type)).toEqual(['Happened', 'Late', 'Prompt']);
      expect(seen).toEqual(await harness.store.readAll());
    });

    const manyWriters = lateAppendsUnsupported === undefined ? 'many writers and transactions committing late' : `many writers (no transaction commits late: ${lateAppendsUnsupported})`;
    it(`given ${manyWriters}, then a live subscriber sees every event once, in an order that never changes`, async () => {
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
      const lateWriter = async (beginLateAppend: LateAppend) => {
        let n = 0;
        while (appended.length < target) {
          const batch = events(1 + (n % 5), 'Late');
          const late = await beginLateAppend(`late-${n++ % 3}`, batch);
          await sleep(5 + (n % 4) * 15);
          await late.commit();
          acknowledge(batch);
        }
      };
      await Promise.all([...[1, 2, 3, 4, 5, 6].map(writer), ...(lateAppendsUnsupported === undefined ? [lateWriter(lateAppendsOf(harness))] : [])]);
      // A sentinel after every other event: once it is delivered, everything before it has been,
      // and a repeat of any event would have come before it or would follow it in `seen`.
      const sentinel = (await harness.store.appendToStream('sentinel', [anEvent('Sentinel')])).events[0];
      await eventually(() => seen.length, () => seen.some((event) => event.id === sentinel.id), { what: `the sentinel after ${appended.length} events`, timeoutMs: 60_000 });

      expect(seen.at(-1)!.id).toBe(sentinel.id);
      expect(new Set(seen.map((event) => event.id)).size).toBe(seen.length);
      expect(new Set(seen.map((event) => event.id))).toEqual(new Set([...appended, sentinel.id]));
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
      if (lateAppendsUnsupported === undefined) {
        // The hard case really happened: events were acknowledged before events that precede
        // them in the log, so a reader going by acknowledgement or insert order would skip some.
        expect(overtaken(seen, acknowledged)).toBeGreaterThan(0);
      }
    }, 180_000);
  });
}

type LateAppend = NonNullable<EventStoreHarness['beginLateAppend']>;

function lateAppendsOf(harness: EventStoreHarness): LateAppend {
  if (!harness.beginLateAppend) throw new Error('the backend does not declare lateAppendsUnsupported, yet its harness has no beginLateAppend');
  return harness.beginLateAppend.bind(harness);
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
