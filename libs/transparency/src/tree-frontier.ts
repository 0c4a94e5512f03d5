import { EMPTY_TREE_HASH, nodeHash } from './merkle-hash';
import { NodeId, perfectSubtreesOf } from './tree-ranges';
import { foldRightEdge } from './tree-proofs';

/** A perfect subtree made by an append, for storage. */
export interface NewNode extends NodeId {
  hash: Buffer;
}

/**
 * The right edge of an append-only tree (a "compact range"): the hashes of the perfect subtrees
 * that make up [0, size), largest first. Appending a leaf completes at most log n subtrees;
 * they are returned for storage, so stored nodes are only ever written once.
 */
export class TreeFrontier {
  private constructor(
    private treeSize: number,
    private readonly edge: Buffer[],
  ) {}

  static empty(): TreeFrontier {
    return new TreeFrontier(0, []);
  }

  /** `hashes` are those of `TreeFrontier.nodesOf(size)`, in that order. */
  static of(size: number, hashes: Buffer[]): TreeFrontier {
    const expected = TreeFrontier.nodesOf(size).length;
    if (hashes.length !== expected) throw new Error(`a tree of ${size} leaves has ${expected} frontier nodes, not ${hashes.length}`);
    return new TreeFrontier(size, [...hashes]);
  }

  /** The stored nodes a frontier is made of. */
  static nodesOf(size: number): NodeId[] {
    return perfectSubtreesOf({ start: 0, end: size });
  }

  get size(): number {
    return this.treeSize;
  }

  /** Appends a leaf hash; returns every perfect subtree it completed, the leaf itself (level 0) first. */
  append(leaf: Buffer): NewNode[] {
    const index = this.treeSize;
    const made: NewNode[] = [{ level: 0, index, hash: leaf }];
    let hash = leaf;
    let level = 0;
    let at = index;
    // Each trailing 1 bit of the index completes the subtree one level up with its left sibling.
    while (at % 2 === 1) {
      hash = nodeHash(this.edge.pop()!, hash);
      level++;
      at = Math.floor(at / 2);
      made.push({ level, index: at, hash });
    }
    this.edge.push(hash);
    this.treeSize++;
    return made;
  }

  root(): Buffer {
    return this.treeSize === 0 ? EMPTY_TREE_HASH : foldRightEdge(this.edge);
  }

  clone(): TreeFrontier {
    return new TreeFrontier(this.treeSize, [...this.edge]);
  }
}
