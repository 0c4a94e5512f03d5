import fc from 'fast-check';
import { compareLogPositions } from '../log-position';
import { clientPositionOf, logPositionOfClient } from './position.codec';

const MAX_U64 = 2n ** 64n - 1n;
const edgy = fc.constantFrom(0n, 1n, 15n, 16n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, MAX_U64 - 1n, MAX_U64);
const u64 = fc.oneof(fc.bigInt({ min: 0n, max: MAX_U64 }), edgy);
const position = fc.record({ commit: u64, prepare: u64 });

const byCommitThenPrepare = (a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }) =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare !== b.prepare ? (a.prepare < b.prepare ? -1 : 1) : 0;

describe('EventStoreDB $all positions: properties', () => {
  it('given any (commit, prepare) in the full 64-bit range, when encoded and decoded, then the same pair comes back', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(clientPositionOf(logPositionOfClient(p))).toEqual(p);
      }),
      { numRuns: 1000 },
    );
  });

  it('given any two positions, when encoded, then string order is $all order (commit, then prepare)', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        expect(Math.sign(compareLogPositions(logPositionOfClient(a), logPositionOfClient(b)))).toBe(byCommitThenPrepare(a, b));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('EventStoreDB $all positions', () => {
  it('given events of one append (one commit, prepares rising), when encoded, then they order by prepare', () => {
    const first = logPositionOfClient({ commit: 4096n, prepare: 4096n });
    const second = logPositionOfClient({ commit: 4096n, prepare: 4300n });
    expect(first).toBe('0000000000001000-0000000000001000');
    expect(compareLogPositions(first, second)).toBeLessThan(0);
  });

  it('given a commit past 2^63, when encoded, then it still orders after every smaller commit', () => {
    const late = logPositionOfClient({ commit: 2n ** 63n, prepare: 0n });
    const early = logPositionOfClient({ commit: 2n ** 63n - 1n, prepare: MAX_U64 });
    expect(compareLogPositions(early, late)).toBeLessThan(0);
  });
});
