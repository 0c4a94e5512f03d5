import type { EventStore, RecordedEvent, SqlConnection, SqlQueryable } from '@provenance/event-store';
import { FollowerContext, LogFollower } from '@provenance/followers';
import { leafBytesOf, leafHash, NewNode, TreeFrontier } from '@provenance/transparency';
import type { LogSigner } from './log-signer';
import { appendToTree, latestCheckpoint, LeafRow, nodeReaderOf, saveCheckpoint, treeSizeOf } from './tree-store.sql';

export const NOTARY = 'log-notary';

export interface NotaryOptions {
  /** Signs checkpoints; without one the tree is kept and nothing is signed. */
  signer?: LogSigner;
  /** How often a checkpoint is signed while events arrive (PROVENANCE_CHECKPOINT_INTERVAL). */
  intervalMs: number;
  batchSize?: number;
}

/**
 * Gives each event of the global log a leaf of the Merkle tree, in log order, as a follower
 * under its lease: a batch's leaves, the subtrees they complete and (when one is due) a signed
 * checkpoint commit with the follower's checkpoint, in one transaction fenced by the lease. The
 * tree's right edge is read back from the tables for each batch, so nothing in memory can drift
 * from what committed.
 */
export class Notary {
  private readonly follower: LogFollower;
  private lastSigned = 0;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = true;

  constructor(
    store: EventStore,
    private readonly context: FollowerContext,
    private readonly options: NotaryOptions,
  ) {
    this.follower = new LogFollower(
      store,
      context,
      NOTARY,
      {
        withCheckpoint: (tx, events) => this.append(tx, events),
      },
      options.batchSize,
    );
  }

  get logFollower(): LogFollower {
    return this.follower;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.follower.start();
    // The last batches before a quiet spell, and a tree left unsigned by a crash, are signed by this tick.
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.follower.stop();
  }

  private async append(tx: SqlQueryable, events: RecordedEvent[]): Promise<void> {
    const size = await treeSizeOf(tx);
    const frontier = TreeFrontier.of(size, await nodeReaderOf(tx)(TreeFrontier.nodesOf(size)));
    const leaves: (LeafRow & { hash: Buffer })[] = [];
    const nodes: NewNode[] = [];
    for (const event of events) {
      const hash = leafHash(leafBytesOf(event));
      leaves.push({ leafIndex: frontier.size, streamId: event.streamId, revision: event.revision.toString(), eventId: event.id, hash });
      nodes.push(...frontier.append(hash).filter((node) => node.level > 0));
    }
    await appendToTree(tx, leaves, nodes);
    if (!this.options.signer) return;
    if (Date.now() - this.lastSigned >= this.options.intervalMs) {
      await saveCheckpoint(tx, frontier.size, frontier.root(), this.options.signer.sign({ treeSize: frontier.size, rootHash: frontier.root() }));
      this.lastSigned = Date.now();
    }
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.ticking || Date.now() - this.lastSigned < this.options.intervalMs) return;
    this.ticking = this.signNow()
      .catch((error: unknown) => this.context.log.error(`${NOTARY}: could not sign a checkpoint: ${(error as Error).message}; trying again`))
      .finally(() => (this.ticking = undefined));
    await this.ticking;
  }

  /**
   * Signs the tree as committed, if it grew since the last checkpoint. It only reads committed
   * rows, so even a holder that just lost its lease would sign a true head; it is left to the holder.
   */
  async signNow(): Promise<void> {
    const signer = this.options.signer;
    if (!signer || !this.follower.holdsLease) return;
    await signCommittedTree(this.context.connection, signer, this.context.leaseTimeoutMs);
    this.lastSigned = Date.now();
  }
}

/**
 * Signs the tree's committed head, unless a checkpoint of that size or larger exists. Any
 * process holding the log's key may: Ed25519 signatures are deterministic, so two signers of one
 * size write the same note, and stored nodes never change once written, so a batch committing
 * between these reads does no harm.
 */
export async function signCommittedTree(connection: SqlConnection, signer: LogSigner, leaseTimeoutMs: number): Promise<void> {
  await connection.transaction(async (tx) => {
    const size = await treeSizeOf(tx);
    const latest = await latestCheckpoint(tx);
    if (size === 0 || (latest && latest.treeSize >= size)) return;
    const frontier = TreeFrontier.of(size, await nodeReaderOf(tx)(TreeFrontier.nodesOf(size)));
    await saveCheckpoint(tx, size, frontier.root(), signer.sign({ treeSize: size, rootHash: frontier.root() }));
  }, { idleTimeoutMs: leaseTimeoutMs });
}
