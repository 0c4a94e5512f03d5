/**
 * The shape of an RFC 9162 tree, without any hashes. Indices and sizes are plain numbers: exact up
 * to 2^53 leaves, and none of the arithmetic uses JavaScript's 32-bit bit operators.
 *
 * Storage keeps only *perfect* subtrees: the node at (level, index) covers leaves
 * [index·2^level, (index+1)·2^level). Level 0 is the leaf hashes. Every subtree a proof needs is
 * either one of them or on the tree's right edge, whose hash is folded from the O(log n) perfect
 * subtrees that make it up, so a proof never needs more than O(log n) stored nodes.
 */

export interface NodeId {
  level: number;
  index: number;
}

/** Leaves [start, end) of the tree. */
export interface LeafRange {
  start: number;
  end: number;
}

export const nodeKey = (node: NodeId): string => `${node.level}:${node.index}`;

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The perfect subtrees that make up [start, end), largest first (left to right). */
export function perfectSubtreesOf({ start, end }: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

/**
 * The subtrees whose hashes make the audit path of leaf `index` in a tree of `size` leaves,
 * in the order RFC 9162 §2.1.3.1 lists them (nearest the leaf first).
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  }
  const path: LeafRange[] = [];
  let start = 0;
  let end = size;
  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) or PATH(m - k, D[k:n]) : MTH(D[0:k]); collected root first, then reversed.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push({ start: start + k, end });
      end = start + k;
    } else {
      path.push({ start, end: start + k });
      start += k;
    }
  }
  return path.reverse();
}

/**
 * The subtrees whose hashes make the consistency proof from a tree of `first` leaves to one of
 * `second`, in the order RFC 9162 §2.1.4.1 lists them. Empty when first is 0 or equals second.
 */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) {
    throw new RangeError(`a tree of ${first} leaves cannot be a prefix of one of ${second}`);
  }
  if (first === 0 || first === second) return [];
  const proof: LeafRange[] = [];
  let start = 0;
  let end = second;
  let m = first;
  let complete = true;
  // SUBPROOF(m, D[n], b), collected outermost first, then reversed.
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!complete) proof.push({ start, end });
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      proof.push({ start: start + k, end });
      end = start + k;
    } else {
      proof.push({ start, end: start + k });
      start += k;
      m -= k;
      complete = false;
    }
  }
  return proof.reverse();
}
