/**
 * The EventStoreDB rows of `npm run bench:store` (when EVENTSTORE_URL is set): the adapter beside
 * the raw client on the same server, with the same payloads.
 *
 *   single appends   C writers each appending one event at a time   vs  client.appendToStream of one event (expected revision any)
 *   batch appends    100 events per append                          vs  client.appendToStream of the same 100
 *   catch-up read    subscribeToAll over the events just written    vs  client.readAll of the same part of $all, in pages
 *
 * Ours reads every append back (positions, and telling a write from a resend) and, with the
 * expected revision `any` these writers use, reads the stream for the batch's ids first; the
 * ratio shows what that costs (docs/ARCHITECTURE.md, "EventStoreDB").
 */
import { randomUUID } from 'node:crypto';
import { ANY, EventStoreDBClient, FORWARDS, jsonEvent } from '@eventstore/db-client';
import type { EventToAppend } from '../src/event';
import { clientConnectionStringOf } from '../src/eventstoredb/connection-string';
import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';
import { clientPositionOf } from '../src/eventstoredb/position.codec';

export interface EventStoreDbBenchOptions {
  writers: number;
  singleEvents: number;
  batches: number;
  batchSize: number;
  page: number;
  payload: (n: number) => EventToAppend;
  timed: (work: () => Promise<number>) => Promise<number>;
  inParallel: (writers: number, total: number, write: (writer: number, n: number) => Promise<void>) => Promise<number>;
}

export async function benchEventStoreDb(url: string, options: EventStoreDbBenchOptions): Promise<{ backend: string; workload: string; ours: number; raw: number; goal: number }[]> {
  const { writers, singleEvents, batches, batchSize, page, payload, timed, inParallel } = options;
  const backend = 'eventstoredb';
  const run = `bench${process.pid}x${randomUUID().slice(0, 8)}`;
  const progress = (text: string) => process.stdout.write(`  ${backend}: ${text}\n`);
  const client = EventStoreDBClient.connectionString(clientConnectionStringOf(url));
  const store = new EventStoreDbEventStore({ connectionString: url, namespace: `${run}.` });
  const raw = (event: EventToAppend) => jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata ?? {} });
  try {
    await store.check();
    const start = (await store.appendToStream('start', [payload(0)])).events[0].position;

    progress(`single appends, ${writers} writers, ${singleEvents} events each way`);
    const rawSingle = await timed(() => inParallel(writers, singleEvents, async (writer, n) => void (await client.appendToStream(`raw-${run}.single-${writer}`, raw(payload(n)), { expectedRevision: ANY }))));
    const oursSingle = await timed(() => inParallel(writers, singleEvents, async (writer, n) => void (await store.appendToStream(`single-${writer}`, [payload(n)]))));

    progress(`batch appends, ${batches} x ${batchSize} events each way`);
    const batchOf = () => Array.from({ length: batchSize }, (_, n) => payload(n));
    const rawBatch = await timed(async () => {
      for (let batch = 0; batch < batches; batch++) await client.appendToStream(`raw-${run}.batch-${batch % 10}`, batchOf().map(raw), { expectedRevision: ANY });
      return batches * batchSize;
    });
    const oursBatch = await timed(async () => {
      for (let batch = 0; batch < batches; batch++) await store.appendToStream(`batch-${batch % 10}`, batchOf());
      return batches * batchSize;
    });

    const total = singleEvents + batches * batchSize;
    progress(`catch-up read of ${total} events each way`);
    // The same part of $all both ways: from the first event of this run to the end (raw events included).
    const rawRead = await timed(async () => {
      let from = clientPositionOf(start);
      let read = 0;
      for (;;) {
        let last: typeof from | undefined;
        let count = 0;
        for await (const resolved of client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: page })) {
          count++;
          last = resolved.event?.position;
        }
        read += count;
        if (count < page || !last) return read;
        from = last;
      }
    });
    const oursRead = await timed(async () => {
      let read = 0;
      await new Promise<void>((resolve, reject) => {
        const subscription = store.subscribeToAll({
          after: start,
          batchSize: page,
          onBatch: (events) => {
            read += events.length;
            if (read >= total) subscription.stop().then(resolve, reject);
          },
        });
        subscription.finished.catch(reject);
      });
      return read;
    });
    return [
      { backend, workload: `single appends, ${writers} writers`, ours: oursSingle, raw: rawSingle, goal: 0.25 },
      { backend, workload: `batch appends, ${batchSize} per append`, ours: oursBatch, raw: rawBatch, goal: 0.4 },
      { backend, workload: 'catch-up read', ours: oursRead, raw: rawRead, goal: 0.4 },
    ];
  } finally {
    await store.close();
    await client.dispose();
  }
}
