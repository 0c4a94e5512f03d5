import { EMPTY_TREE_HASH, nodeHash } from './merkle-hash';
import { consistencyRanges, inclusionRanges, LeafRange, NodeId, nodeKey, perfectSubtreesOf } from './tree-ranges';

/**
 * Where a tree's stored nodes come from: the perfect subtrees asked for, in the order asked
 * (level 0 being leaf hashes). An adapter answers with one read; a missing node is an error.
 */
export type NodeReader = (nodes: NodeId[]) => Promise<Buffer[]>;

/** A tree size's root hash (RFC 9162 MTH), from O(log n) stored nodes. */
export async function rootAt(read: NodeReader, size: number): Promise<Buffer> {
  if (size === 0) return EMPTY_TREE_HASH;
  const [root] = await hashesOf(read, [{ start: 0, end: size }]);
  return root;
}

/** The audit path of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1). */
export function inclusionProof(read: NodeReader, index: number, size: number): Promise<Buffer[]> {
  return hashesOf(read, inclusionRanges(index, size));
}

/** The consistency proof between tree sizes `first` and `second` (RFC 9162 §2.1.4.1). */
export function consistencyProof(read: NodeReader, first: number, second: number): Promise<Buffer[]> {
  return hashesOf(read, consistencyRanges(first, second));
}

/** Every range's hash, from one read of the perfect subtrees they are made of. */
export async function hashesOf(read: NodeReader, ranges: LeafRange[]): Promise<Buffer[]> {
  const parts = ranges.map(perfectSubtreesOf);
  const wanted = new Map<string, NodeId>();
  for (const node of parts.flat()) wanted.set(nodeKey(node), node);
  const ids = [...wanted.values()];
  const hashes = await read(ids);
  const byKey = new Map(ids.map((node, i) => [nodeKey(node), hashes[i]]));
  return parts.map((nodes) => foldRightEdge(nodes.map((node) => byKey.get(nodeKey(node))!)));
}

/** `hashesOf` over nodes already in memory (a verifier that rebuilt the whole tree). */
export function hashesFrom(node: (id: NodeId) => Buffer, ranges: LeafRange[]): Buffer[] {
  return ranges.map((range) => foldRightEdge(perfectSubtreesOf(range).map(node)));
}

/** A range made of perfect subtrees, largest first, hashes as RFC 9162's recursion does: H(p1, H(p2, ... pk)). */
export function foldRightEdge(hashes: Buffer[]): Buffer {
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i], hash);
  return hash;
}
