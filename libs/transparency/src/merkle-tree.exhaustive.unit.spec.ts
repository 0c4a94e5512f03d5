import { leafHash } from './merkle-hash';
import { inclusionRanges } from './tree-ranges';
import { consistencyProof, hashesFrom, inclusionProof, rootAt } from './tree-proofs';
import { rootFromInclusionProof } from './verify-proofs';
import { builtTree } from './built-tree.fixture';
import { referencePath, referenceRoot } from './merkle-tree.fixture';

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));

describe('every size from 1 to 1,000', () => {
  const leafHashes = Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
  const tree = builtTree(leafHashes);

  it('given each size, then the appended tree has the RFC root, and each stored node is written once', async () => {
    let reference = 0;
    for (let size = 1; size <= 1000; size++) {
      // The reference recursion costs O(n) per size: every size to 128, then every 37th.
      if (size <= 128 || size % 37 === 0 || size === 1000) {
        expect(tree.roots[size].equals(referenceRoot(leafHashes.slice(0, size)))).toBe(true);
        reference++;
      }
      expect((await rootAt(tree.read, size)).equals(tree.roots[size])).toBe(true);
    }
    expect(reference).toBeGreaterThan(150);
    // Each level holds the complete subtrees: 1000 + 500 + 250 + ... + 1.
    expect(tree.stored.size).toBe([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((sum, level) => sum + Math.floor(1000 / 2 ** level), 0));
  });

  it('given every leaf of every size, then its audit path verifies against that size root, and is the RFC path to 64', () => {
    for (let size = 1; size <= 1000; size++) {
      for (let index = 0; index < size; index++) {
        const path = hashesFrom(tree.node, inclusionRanges(index, size));
        if (!rootFromInclusionProof(index, size, leafHashes[index], path).equals(tree.roots[size])) {
          throw new Error(`leaf ${index} of ${size}: the path leads elsewhere`);
        }
        if (size <= 64) expect(hex(path)).toEqual(hex(referencePath(index, leafHashes.slice(0, size))));
      }
    }
  });

  it('given a proof, then it reads O(log n) stored nodes in one read', async () => {
    const before = tree.reads();
    await inclusionProof(tree.read, 999, 1000);
    await consistencyProof(tree.read, 513, 1000);
    expect(tree.reads() - before).toBeLessThanOrEqual(2 * 2 * 10);
  });
});
