import { appendingContract } from './appending.contract';
import { appendingWithNewStreamContract } from './appending-with-new-stream.contract';
import { badInputContract } from './bad-input.contract';
import type { OpenHarness } from './event-store-harness';
import { readingContract } from './reading.contract';
import { subscribingContract } from './subscribing.contract';

/** The behaviour every EventStore adapter must show. Call it from one `*.int.spec.ts` per backend. */
export function eventStoreContract(open: OpenHarness): void {
  appendingContract(open);
  appendingWithNewStreamContract(open);
  readingContract(open);
  badInputContract(open);
  subscribingContract(open);
}

export * from './event-store-harness';
