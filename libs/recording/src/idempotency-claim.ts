import { AppendUnsupported, EventIdConflict, ExpectedRevisionConflict, type EventStore, type NewStreamAppend } from '@provenance/event-store';

/**
 * An `Idempotency-Key` claimed for one request: the first event of the key's own stream. It is
 * written in the same transaction as the first events the request records, or alone when the
 * request's fact was already on record; a request refused or failing writes none.
 */
export type IdempotencyClaim = NewStreamAppend;

/** Another request claimed the key first; nothing of this request was written. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly claim: IdempotencyClaim) {
    super(`${claim.streamId} was claimed by another request`);
  }
}

/** The log cannot write a claim with the request's events (EventStoreDB: no multi-stream appends); nothing was written. */
export class IdempotencyKeysUnavailable extends Error {
  constructor(readonly claim: IdempotencyClaim) {
    super(`this log cannot write ${claim.streamId} together with the request's events`);
  }
}

/**
 * Rethrows a store refusal by the claim's stream as IdempotencyKeyTaken, and a log's refusal to
 * write a claim with other events as IdempotencyKeysUnavailable.
 */
export function throwIfClaimRefused(error: unknown, claim: IdempotencyClaim | undefined): void {
  if (!claim) return;
  if ((error instanceof ExpectedRevisionConflict || error instanceof EventIdConflict) && error.streamId === claim.streamId) {
    throw new IdempotencyKeyTaken(claim);
  }
  if (error instanceof AppendUnsupported) throw new IdempotencyKeysUnavailable(claim);
}

/** The claim on its own, for a request that recorded nothing new (its fact was already on record). */
export async function claimAlone(store: EventStore, claim: IdempotencyClaim | undefined): Promise<void> {
  if (!claim) return;
  try {
    await store.appendToStream(claim.streamId, claim.events, { expectedRevision: 'no-stream' });
  } catch (error) {
    throwIfClaimRefused(error, claim);
    throw error;
  }
}
