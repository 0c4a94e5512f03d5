/**
 * emmett's PostgreSQL store (`@event-driven-io/emmett-postgresql`) running bench:peers' workloads,
 * in a worker thread of its own: emmett's connection library sets `pg`'s type parsers for the
 * whole process (bigint columns as BigInt, JSON parsed with a reviver), which would otherwise
 * change how our store's rows are parsed too.
 *
 * Used as its command handler uses it: `appendToStream` with `expectedStreamVersion` set to
 * STREAM_DOES_NOT_EXIST for a stream's first append, then to the version the last append
 * returned. The global log is read with `readMessagesBatch`, the function its consumers page
 * with, after the last global position of each page, until a page comes back short.
 */
import { dumbo } from '@event-driven-io/dumbo';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { parentPort, workerData } from 'node:worker_threads';
import type { EventToAppend } from '../src/event';
import { BATCH_SIZE, PAGE, inParallel, payload, timed } from './workloads';

/** What bench:peers asks of this worker, one message at a time. */
export type PeerRequest =
  | { kind: 'single'; round: number; writers: number; events: number }
  | { kind: 'batch'; round: number; batches: number }
  | { kind: 'read' }
  | { kind: 'close' };

/** A rate in events/s; a read also says how many events it delivered and how many distinct ids among them. */
export type PeerAnswer = { perSecond: number; delivered?: number; distinct?: number } | { error: string };

const { connectionString } = workerData as { connectionString: string };
const store = getPostgreSQLEventStore(connectionString);
const reader = dumbo({ connectionString });

const asEmmettEvent = ({ id, type, data, metadata }: EventToAppend) => ({ type, data, metadata: { ...metadata, messageId: id } });

async function single(round: number, writers: number, events: number): Promise<PeerAnswer> {
  const versions = new Map<number, bigint>();
  const perSecond = await timed(() =>
    inParallel(writers, events, async (writer, n) => {
      const result = await store.appendToStream(`single-${round}-${writer}`, [asEmmettEvent(payload(n))], {
        expectedStreamVersion: versions.get(writer) ?? STREAM_DOES_NOT_EXIST,
      });
      versions.set(writer, result.nextExpectedStreamVersion);
    }),
  );
  return { perSecond };
}

async function batch(round: number, batches: number): Promise<PeerAnswer> {
  const versions = new Map<string, bigint>();
  const perSecond = await timed(async () => {
    for (let n = 0; n < batches; n++) {
      const streamName = `batch-${round}-${n % 10}`;
      const events = Array.from({ length: BATCH_SIZE }, (_, k) => asEmmettEvent(payload(k)));
      const result = await store.appendToStream(streamName, events, { expectedStreamVersion: versions.get(streamName) ?? STREAM_DOES_NOT_EXIST });
      versions.set(streamName, result.nextExpectedStreamVersion);
    }
    return batches * BATCH_SIZE;
  });
  return { perSecond };
}

async function read(): Promise<PeerAnswer> {
  // As for ours: the ids in a plain array, counted after the clock stops.
  const ids: string[] = [];
  let delivered = 0;
  const perSecond = await timed(async () => {
    let after = 0n;
    for (;;) {
      const page = await readMessagesBatch(reader.execute, { after, batchSize: PAGE });
      delivered += page.messages.length;
      for (const message of page.messages) ids.push(message.metadata.messageId);
      after = page.currentGlobalPosition;
      if (!page.areMessagesLeft) return delivered;
    }
  });
  return { perSecond, delivered, distinct: new Set(ids).size };
}

async function answer(request: PeerRequest): Promise<PeerAnswer> {
  switch (request.kind) {
    case 'single':
      return single(request.round, request.writers, request.events);
    case 'batch':
      return batch(request.round, request.batches);
    case 'read':
      return read();
    case 'close':
      await reader.close();
      await store.close();
      return { perSecond: 0 };
    default: {
      const unknown: never = request;
      throw new Error(`unknown request ${JSON.stringify(unknown)}`);
    }
  }
}

const ready = store.schema.migrate();
parentPort!.on('message', (request: PeerRequest) => {
  ready
    .then(() => answer(request))
    .then(
      (result) => parentPort!.postMessage(result),
      (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
});
