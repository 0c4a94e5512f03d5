import { EMPTY_TREE_HASH } from './merkle-hash';
import { NodeId, nodeKey } from './tree-ranges';
import type { NodeReader } from './tree-proofs';
import { TreeFrontier } from './tree-frontier';

/** A tree built the way the notary builds it: appended leaf by leaf, every completed subtree kept. */
export function builtTree(leafHashes: Buffer[]) {
  const stored = new Map<string, Buffer>();
  const frontier = TreeFrontier.empty();
  const roots: Buffer[] = [EMPTY_TREE_HASH];
  for (const hash of leafHashes) {
    for (const node of frontier.append(hash)) stored.set(nodeKey(node), node.hash);
    roots.push(frontier.root());
  }
  let reads = 0;
  const read: NodeReader = (nodes: NodeId[]) => {
    reads += nodes.length;
    return Promise.resolve(
      nodes.map((node) => {
        const hash = stored.get(nodeKey(node));
        if (!hash) throw new Error(`no stored node ${nodeKey(node)}`);
        return hash;
      }),
    );
  };
  /** The same nodes without the promise per proof, so that half a million proofs take seconds. */
  const byLevel: Buffer[][] = [];
  for (const [key, hash] of stored) {
    const [level, index] = key.split(':').map(Number);
    (byLevel[level] ??= [])[index] = hash;
  }
  const node = ({ level, index }: NodeId) => byLevel[level][index];
  return { read, node, roots, stored, reads: () => reads };
}

