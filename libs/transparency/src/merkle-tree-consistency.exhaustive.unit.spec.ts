import { leafHash } from './merkle-hash';
import { consistencyRanges } from './tree-ranges';
import { hashesFrom } from './tree-proofs';
import { verifyConsistency } from './verify-proofs';
import { builtTree } from './built-tree.fixture';
import { referenceConsistency } from './merkle-tree.fixture';

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));

// Apart from the inclusion proofs' file, so that the two halves of the work run side by side.
describe('every pair of sizes from 1 to 1,000', () => {
  const leafHashes = Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
  const tree = builtTree(leafHashes);

  it('given every pair of sizes, then the consistency proof verifies, and is the RFC proof to 64', () => {
    for (let second = 1; second <= 1000; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = hashesFrom(tree.node, consistencyRanges(first, second));
        verifyConsistency(first, second, proof, tree.roots[first], tree.roots[second]);
        if (second <= 64) expect(hex(proof)).toEqual(hex(referenceConsistency(first, leafHashes.slice(0, second))));
      }
    }
  });

});
