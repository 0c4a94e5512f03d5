import { appendingContract } from './appending.contract';
import { appendingWithNewStreamContract } from './appending-with-new-stream.contract';
import { badInputContract } from './bad-input.contract';
import type { ContractBackend } from './event-store-harness';
import { readingContract } from './reading.contract';
import { subscribingContract } from './subscribing.contract';

/** The behaviour every EventStore adapter must show. Call it from one `*.int.spec.ts` per backend. */
export function eventStoreContract(backend: ContractBackend): void {
  appendingContract(backend.open);
  appendingWithNewStreamContract(backend);
  readingContract(backend.open);
  badInputContract(backend.open);
  subscribingContract(backend);
}

export * from './event-store-harness';
