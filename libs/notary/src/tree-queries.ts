import type { SqlQueryable } from '@provenance/event-store';
import { consistencyProof, inclusionProof, rootAt } from '@provenance/transparency';
import type { LogSigner } from './log-signer';
import { leavesBetween, leavesOfEvent, StoredLeaf } from './tree-leaves.sql';
import { checkpointAt, checkpointsBetween, latestCheckpoint, LeafRow, nodeReaderOf, StoredCheckpoint, treeSizeOf } from './tree-store.sql';

/** A question about the tree that cannot be answered as asked: `status` is the HTTP status it maps to. */
export class TreeQueryRefused extends Error {
  override readonly name = 'TreeQueryRefused';
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  proof: Buffer[];
  /** The leaf's event, when asked by event id. */
  event?: LeafRow;
  /** The signed checkpoint of `treeSize`, when there is one. */
  checkpoint?: StoredCheckpoint;
}

export interface ConsistencyAnswer {
  first: number;
  second: number;
  proof: Buffer[];
}

export const MAX_LEAVES_PER_PAGE = 1000;

/** What the HTTP API and the CLI ask of the tree; every proof is O(log n) stored nodes, read at once. */
export class TreeQueries {
  constructor(
    private readonly db: SqlQueryable,
    readonly signer?: LogSigner,
  ) {}

  treeSize(): Promise<number> {
    return treeSizeOf(this.db);
  }

  latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return latestCheckpoint(this.db);
  }

  async checkpoint(treeSize: number): Promise<StoredCheckpoint> {
    const found = await checkpointAt(this.db, treeSize);
    if (!found) throw new TreeQueryRefused(404, `no checkpoint was signed at tree size ${treeSize}`);
    return found;
  }

  checkpoints(from: number, limit: number): Promise<StoredCheckpoint[]> {
    return checkpointsBetween(this.db, from, limit);
  }

  async leaves(start: number, end: number): Promise<StoredLeaf[]> {
    if (end <= start) throw new TreeQueryRefused(400, `end (${end}) must be greater than start (${start})`);
    if (end - start > MAX_LEAVES_PER_PAGE) throw new TreeQueryRefused(400, `at most ${MAX_LEAVES_PER_PAGE} leaves at a time`);
    return leavesBetween(this.db, start, end);
  }

  rootAt(treeSize: number): Promise<Buffer> {
    return rootAt(nodeReaderOf(this.db), treeSize);
  }

  async inclusion(leafIndex: number, treeSize?: number): Promise<InclusionAnswer> {
    const size = await this.sizeForProof(treeSize);
    if (leafIndex >= size) throw new TreeQueryRefused(404, `leaf ${leafIndex} is not in the tree of ${size} leaves`);
    const read = nodeReaderOf(this.db);
    const [[leafHash], proof, checkpoint] = await Promise.all([
      read([{ level: 0, index: leafIndex }]),
      inclusionProof(read, leafIndex, size),
      checkpointAt(this.db, size),
    ]);
    return { leafIndex, treeSize: size, leafHash, proof, checkpoint };
  }

  async inclusionOfEvent(eventId: string, treeSize?: number): Promise<InclusionAnswer> {
    const leaves = await leavesOfEvent(this.db, eventId);
    if (leaves.length === 0) throw new TreeQueryRefused(404, `event ${eventId} is not in the tree (yet): the notary adds events within moments of their recording`);
    if (leaves.length > 1) {
      throw new TreeQueryRefused(409, `two streams hold an event ${eventId} (leaves ${leaves.map((leaf) => leaf.leafIndex).join(', ')}); ask by leafIndex`);
    }
    const [event] = leaves;
    return { ...(await this.inclusion(event.leafIndex, treeSize)), event };
  }

  async consistency(first: number, second?: number): Promise<ConsistencyAnswer> {
    const size = await this.sizeForProof(second);
    if (first > size) throw new TreeQueryRefused(400, `first (${first}) must not be larger than second (${size})`);
    return { first, second: size, proof: await consistencyProof(nodeReaderOf(this.db), first, size) };
  }

  /** A size asked for must be in the tree; none asked for means the latest signed checkpoint (or the whole tree, unsigned). */
  private async sizeForProof(treeSize: number | undefined): Promise<number> {
    const current = await treeSizeOf(this.db);
    if (treeSize === undefined) return (await latestCheckpoint(this.db))?.treeSize ?? current;
    if (treeSize > current) throw new TreeQueryRefused(404, `the tree has ${current} leaves, not ${treeSize} (yet)`);
    if (treeSize < 1) throw new TreeQueryRefused(400, 'treeSize must be at least 1');
    return treeSize;
  }
}
