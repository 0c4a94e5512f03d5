import { EMPTY_TREE_HASH, leafHash } from './merkle-hash';
import { consistencyProof, inclusionProof, rootAt } from './tree-proofs';
import { ProofFailed, verifyConsistency, verifyInclusion } from './verify-proofs';
import { builtTree } from './built-tree.fixture';
import {
  EMPTY_ROOT_HEX,
  referenceRoot,
  VECTOR_CONSISTENCY_PROOFS,
  VECTOR_INCLUSION_PROOFS,
  VECTOR_LEAVES,
  VECTOR_ROOTS,
  vectorLeafHashes,
} from './merkle-tree.fixture';

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const unhex = (hashes: string[]) => hashes.map((hash) => Buffer.from(hash, 'hex'));

describe('the RFC 6962 test vectors (transparency-dev/merkle)', () => {
  const tree = builtTree(vectorLeafHashes());

  it('given no leaves, then the root is the hash of nothing', async () => {
    expect(EMPTY_TREE_HASH.toString('hex')).toBe(EMPTY_ROOT_HEX);
    expect((await rootAt(tree.read, 0)).toString('hex')).toBe(EMPTY_ROOT_HEX);
  });

  it.each(VECTOR_ROOTS.map((root, i) => [i + 1, root]))('given the first %d leaves, then the root is %s', async (size, root) => {
    expect(tree.roots[size].toString('hex')).toBe(root);
    expect((await rootAt(tree.read, size)).toString('hex')).toBe(root);
    expect(referenceRoot(vectorLeafHashes().slice(0, size)).toString('hex')).toBe(root);
  });

  it.each(VECTOR_INCLUSION_PROOFS)('given leaf $leaf of $size, then the audit path is the published one and verifies', async ({ leaf, size, proof }) => {
    const path = await inclusionProof(tree.read, leaf - 1, size);

    expect(hex(path)).toEqual(proof);
    verifyInclusion(leaf - 1, size, leafHash(VECTOR_LEAVES[leaf - 1]), path, tree.roots[size]);
  });

  it.each(VECTOR_CONSISTENCY_PROOFS)('given sizes $first and $second, then the consistency proof is the published one and verifies', async ({ first, second, proof }) => {
    const path = await consistencyProof(tree.read, first, second);

    expect(hex(path)).toEqual(proof);
    verifyConsistency(first, second, path, tree.roots[first], tree.roots[second]);
  });
});

describe('corrupted proofs (as transparency-dev/merkle probes them)', () => {
  const tree = builtTree(vectorLeafHashes());
  const some = Buffer.from('abacaba000000000000000000000000000000000000000000060061e00123456', 'hex');

  it.each(VECTOR_INCLUSION_PROOFS.filter(({ proof }) => proof.length > 0))('given leaf $leaf of $size, when anything is changed, then it fails', ({ leaf, size, proof }) => {
    const index = leaf - 1;
    const hash = leafHash(VECTOR_LEAVES[index]);
    const root = tree.roots[size];
    const path = unhex(proof);
    const flipped = path.map((_, i) => path.map((node, j) => (i === j ? Buffer.from(node.map((byte, b) => (b === 0 ? byte ^ 8 : byte))) : node)));
    const probes: [number, number, Buffer, Buffer[], Buffer][] = [
      [index - 1, size, hash, path, root],
      [index + 1, size, hash, path, root],
      [index ^ 2, size, hash, path, root],
      [index, size * 2, hash, path, root],
      [index, Math.floor(size / 2), hash, path, root],
      [index, size, Buffer.from('WrongLeaf'), path, root],
      [index, size, hash, path, EMPTY_TREE_HASH],
      [index, size, hash, path, some],
      [index, size, hash, [...path, root], root],
      [index, size, hash, [root, ...path], root],
      [index, size, hash, path.slice(0, -1), root],
      [index, size, hash, [path[0], some, ...path.slice(1)], root],
      ...flipped.map((wrong): [number, number, Buffer, Buffer[], Buffer] => [index, size, hash, wrong, root]),
    ];
    for (const [i, n, h, p, r] of probes) expect(() => verifyInclusion(i, n, h, p, r)).toThrow(ProofFailed);
  });

  it.each(VECTOR_CONSISTENCY_PROOFS.filter(({ proof }) => proof.length > 0))('given sizes $first and $second, when anything is changed, then it fails', ({ first, second, proof }) => {
    const [r1, r2] = [tree.roots[first], tree.roots[second]];
    const path = unhex(proof);
    const probes: [number, number, Buffer[], Buffer, Buffer][] = [
      [first - 1, second, path, r1, r2],
      [first + 1, second, path, r1, r2],
      [first ^ 2, second, path, r1, r2],
      [first, second * 2, path, r1, r2],
      [first, Math.floor(second / 2), path, r1, r2],
      [first, second, path, some, r2],
      [first, second, path, r1, some],
      [first, second, path, r2, r1],
      [first, second, [], r1, r2],
      [first, second, [...path, r1], r1, r2],
      [first, second, [...path, r2], r1, r2],
      [first, second, [r1, ...path], r1, r2],
      [first, second, [r2, ...path], r1, r2],
      [first, second, [path[0], ...path], r1, r2],
      [first, second, path.slice(0, -1), r1, r2],
      ...path.map((_, i): [number, number, Buffer[], Buffer, Buffer] => [
        first,
        second,
        path.map((node, j) => (i === j ? Buffer.from(node.map((byte, b) => (b === 0 ? byte ^ 16 : byte))) : node)),
        r1,
        r2,
      ]),
    ];
    for (const [m, n, p, a, b] of probes) expect(() => verifyConsistency(m, n, p, a, b)).toThrow(ProofFailed);
  });

  it('given sizes that are always consistent or never, then only the right ones verify', () => {
    expect(() => verifyConsistency(0, 0, [], some, some)).not.toThrow();
    expect(() => verifyConsistency(0, 1, [], some, EMPTY_TREE_HASH)).not.toThrow();
    expect(() => verifyConsistency(1, 1, [], some, some)).not.toThrow();
    expect(() => verifyConsistency(1, 1, [], some, EMPTY_TREE_HASH)).toThrow(ProofFailed);
    expect(() => verifyConsistency(1, 0, [], some, some)).toThrow(ProofFailed);
    expect(() => verifyConsistency(1, 2, [], some, some)).toThrow(ProofFailed);
    expect(() => verifyConsistency(1, 1, [EMPTY_TREE_HASH], some, some)).toThrow(ProofFailed);
    expect(() => verifyInclusion(0, 0, some, [], EMPTY_TREE_HASH)).toThrow(ProofFailed);
    expect(() => verifyInclusion(2, 1, some, [], some)).toThrow(ProofFailed);
  });
});

