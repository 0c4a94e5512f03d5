import { Inject, Injectable } from '@nestjs/common';
import { LogReference, logReferenceOf } from '@provenance/attestations';
import { FOLLOWER_CONTEXT, FollowerContext } from '@provenance/followers';
import { checkpointsBetween, LOG_SIGNER, LogSignerHolder, Notary, NOTARY, notarisedUpTo, signCommittedTree } from '@provenance/notary';
import { ProjectionRunner } from '@provenance/projections';

const NOTARY_WAIT_MS = 5_000;
const POLL_MS = 50;

/** The tamper-evident log's checkpoint that holds every fact a statement about the read model can rest on. */
@Injectable()
export class LogReferences {
  constructor(
    @Inject(LOG_SIGNER) private readonly holder: LogSignerHolder,
    @Inject(FOLLOWER_CONTEXT) private readonly context: FollowerContext,
    private readonly projections: ProjectionRunner,
    private readonly notary: Notary,
  ) {}

  /**
   * Read after the statements' facts, so the read model had applied no more than this: the
   * smallest checkpoint whose tree holds every event the read model has applied, signed now if
   * the tree has them and no checkpoint does yet. Undefined when the log signs nothing (no key)
   * or the notary has not reached the read model within a few seconds.
   */
  async covering(): Promise<LogReference | undefined> {
    const signer = this.holder.signer;
    const applied = await this.projections.appliedUpTo();
    if (!signer || applied === undefined) return undefined;
    const deadline = Date.now() + NOTARY_WAIT_MS;
    for (;;) {
      const notarised = await notarisedUpTo(this.context.connection, NOTARY);
      if (notarised.position !== null && notarised.position >= applied) {
        const [found] = await checkpointsBetween(this.context.connection, notarised.treeSize, 1);
        if (found) return logReferenceOf(found.note);
        await signCommittedTree(this.context.connection, signer, this.context.leaseTimeoutMs);
        const [signed] = await checkpointsBetween(this.context.connection, notarised.treeSize, 1);
        return signed && logReferenceOf(signed.note);
      }
      if (Date.now() >= deadline) return undefined;
      this.notary.logFollower.urge();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
