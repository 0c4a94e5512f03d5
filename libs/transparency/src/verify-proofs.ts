import { HASH_BYTES, nodeHash } from './merkle-hash';

/** A proof that does not hold, with the reason; thrown by the verifiers. */
export class ProofFailed extends Error {
  override readonly name = 'ProofFailed';
}

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

function checkHashes(what: string, hashes: Buffer[]): void {
  for (const hash of hashes) if (hash.length !== HASH_BYTES) throw new ProofFailed(`${what} holds a hash of ${hash.length} bytes, not ${HASH_BYTES}`);
}

/** The root an audit path leads to from leaf `index` (RFC 9162 §2.1.3.2, steps 1-5). */
export function rootFromInclusionProof(index: number, size: number, leaf: Buffer, proof: Buffer[]): Buffer {
  if (!(index >= 0 && index < size)) throw new ProofFailed(`leaf ${index} is not in a tree of ${size} leaves`);
  checkHashes('the inclusion proof', [leaf, ...proof]);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new ProofFailed('the inclusion proof is longer than the tree is deep');
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofFailed('the inclusion proof is shorter than the tree is deep');
  return r;
}

/** Throws ProofFailed unless `proof` shows leaf hash `leaf` at `index` of the tree of `size` leaves with `root`. */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: Buffer[], root: Buffer): void {
  if (!rootFromInclusionProof(index, size, leaf, proof).equals(root)) {
    throw new ProofFailed(`the inclusion proof of leaf ${index} does not lead to the root of the tree of ${size} leaves`);
  }
}

/**
 * Throws ProofFailed unless `proof` shows the tree of `first` leaves with root `firstRoot` is a
 * prefix of the tree of `second` leaves with root `secondRoot` (RFC 9162 §2.1.4.2).
 */
export function verifyConsistency(first: number, second: number, proof: Buffer[], firstRoot: Buffer, secondRoot: Buffer): void {
  if (!(first >= 0 && first <= second)) throw new ProofFailed(`a tree of ${first} leaves cannot be a prefix of one of ${second}`);
  checkHashes('the consistency proof', proof);
  if (first === second) {
    if (proof.length > 0) throw new ProofFailed('a proof between two equal sizes must be empty');
    if (!firstRoot.equals(secondRoot)) throw new ProofFailed(`two different roots for the tree of ${first} leaves`);
    return;
  }
  if (first === 0) {
    if (proof.length > 0) throw new ProofFailed('a proof from the empty tree must be empty');
    return;
  }
  // 1. An empty proof proves nothing between two different sizes.
  if (proof.length === 0) throw new ProofFailed('the consistency proof is empty');
  // 2. When first is an exact power of 2, its root is the proof's first node.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  // 3-4.
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = path[0];
  let sr = path[0];
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofFailed('the consistency proof is longer than the tree is deep');
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  if (sn !== 0) throw new ProofFailed('the consistency proof is shorter than the tree is deep');
  if (!fr.equals(firstRoot)) throw new ProofFailed(`the consistency proof does not lead to the root of the tree of ${first} leaves`);
  if (!sr.equals(secondRoot)) throw new ProofFailed(`the consistency proof does not lead to the root of the tree of ${second} leaves`);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}
