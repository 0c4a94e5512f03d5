import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { RecordedEvent } from '@provenance/event-store';
import { toRecordedEventDto } from './recorded-event.dto';

/**
 * Most events read from the log at once: with events of up to PROVENANCE_MAX_EVENT_BYTES, what a
 * page holds in memory stays under this many of them. The first read takes only as many as the
 * page's bytes could hold of the largest events; later reads grow (doubling) while the events
 * seen are small enough for more to fit.
 */
const MAX_BATCH = 16;
/** Small events are written out together, a chunk at a time. */
const CHUNK_BYTES = 64 * 1024;

export interface EventPage {
  /** Fields written before `events`, e.g. `{ streamId }`. */
  head: Record<string, unknown>;
  /** The next `count` events after `last` (the page's start when there is none yet). */
  read: (last: RecordedEvent | undefined, count: number) => Promise<RecordedEvent[]>;
  /** What `next` is after `last`, or null when nothing can follow it. */
  nextAfter: (last: RecordedEvent) => string | null;
  /** At most this many events. */
  limit: number;
  /** At most this many bytes of events, except that a page always holds at least one. */
  maxBytes: number;
  /** The largest event there can be (PROVENANCE_MAX_EVENT_BYTES). */
  maxEventBytes: number;
  /** Each event's leaf index in the log's Merkle tree, once notarised (absent ones are shown without). */
  leafIndices?: (events: RecordedEvent[]) => Promise<(number | undefined)[]>;
  /** Only the events this keeps are shown; the others are read past, at most `scanLimit` of them a page. */
  filter?: { keep: (event: RecordedEvent) => boolean; scanLimit: number };
}

/**
 * Answers `{...head, "events": [...], "next": ...}`, writing the events out as they are read
 * rather than building the page as one string: a page of 1,000 large events was 292 MB in one
 * answer. The page ends at `limit` events or before the event that would take it past
 * `maxBytes`; `next` is then where to go on (null when the log or stream ended first). The log
 * is read in small batches (MAX_BATCH), so the events in memory at once stay few. A store error
 * before anything is written is thrown (the usual error answer); after that the connection is
 * cut, since the answer is half sent.
 */
export async function writeEventPage(response: Response, page: EventPage): Promise<void> {
  const keep = page.filter?.keep ?? (() => true);
  let asked = Math.min(page.limit, MAX_BATCH, Math.max(1, Math.floor(page.maxBytes / page.maxEventBytes)));
  let batch = await page.read(undefined, asked);
  let indices = await leafIndicesOf(page, batch, keep);
  response.status(200).type('application/json');
  const out = new ChunkedWriter(response);
  try {
    const head = JSON.stringify(page.head).slice(0, -1);
    await out.write(`${head}${head.length > 1 ? ',' : ''}"events":[`);
    let count = 0;
    let bytes = 0;
    let largest = 1;
    let skipped = 0;
    // The last event read past or written: the page goes on after it.
    let last: RecordedEvent | undefined;
    let bounded = false;
    for (;;) {
      for (const [i, event] of batch.entries()) {
        if (!keep(event)) {
          last = event;
          if (++skipped >= page.filter!.scanLimit) {
            bounded = true;
            break;
          }
          continue;
        }
        const json = JSON.stringify(toRecordedEventDto(event, indices[i]));
        const size = Buffer.byteLength(json);
        if (count > 0 && bytes + size > page.maxBytes) {
          bounded = true;
          break;
        }
        if (count > 0) await out.write(',');
        await out.write(json);
        if (out.closed) return;
        count++;
        bytes += size;
        largest = Math.max(largest, size);
        last = event;
        // Reading an event as large as the largest so far, only to find it does not fit, costs as much as sending it.
        if (count === page.limit || page.maxBytes - bytes < largest) {
          bounded = true;
          break;
        }
      }
      if (bounded || batch.length < asked) break;
      asked = Math.min(page.limit - count, MAX_BATCH, asked * 2, Math.max(1, Math.floor((page.maxBytes - bytes) / largest)));
      batch = await page.read(last, asked);
      indices = await leafIndicesOf(page, batch, keep);
    }
    await out.write(`],"next":${JSON.stringify(bounded && last ? page.nextAfter(last) : null)}}`);
    await out.end();
  } catch (error) {
    new Logger('event-page').error(`a page broke off after it had begun: ${(error as Error).message}`);
    response.destroy(error as Error);
  }
}

/** The leaf indices of the events a page shows, at their places in the batch. */
async function leafIndicesOf(page: EventPage, batch: RecordedEvent[], keep: (event: RecordedEvent) => boolean): Promise<(number | undefined)[]> {
  if (!page.leafIndices) return [];
  const shown = batch.filter(keep);
  const found = await page.leafIndices(shown);
  const byEvent = new Map(shown.map((event, i) => [event, found[i]]));
  return batch.map((event) => byEvent.get(event));
}

/** Writes to the response in chunks of about CHUNK_BYTES (a large event as it is), waiting when the client reads slower than the page is written. */
class ChunkedWriter {
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(private readonly response: Response) {}

  get closed(): boolean {
    return this.response.destroyed;
  }

  async write(text: string): Promise<void> {
    if (text.length >= CHUNK_BYTES) {
      await this.flush();
      await this.send(text);
      return;
    }
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= CHUNK_BYTES) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    this.response.end();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    await this.send(chunk);
  }

  private async send(chunk: string): Promise<void> {
    if (this.closed || this.response.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.response.off('drain', done).off('close', done);
        resolve();
      };
      this.response.on('drain', done).on('close', done);
    });
  }
}
