import fc from 'fast-check';
import { compareLogPositions, isLogPosition, logPositionOf, partsOfLogPosition } from './log-position';

// Properties over random inputs; on failure fast-check prints the seed and the shrunk counterexample
// (rerun with `fc.assert(..., { seed, path })`, see docs/ARCHITECTURE.md "Tests").
const MAX_U64 = 2n ** 64n - 1n;
const u64 = fc.bigInt({ min: 0n, max: MAX_U64 });
// Values next to the edges and to each hex digit's carry, where a fixed-width codec goes wrong first.
const edgyU64 = fc.oneof(u64, fc.constantFrom(0n, 1n, 15n, 16n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, MAX_U64 - 1n, MAX_U64));
const part = fc.oneof(u64, edgyU64);

const numericOrder = (a: [bigint, bigint], b: [bigint, bigint]): number =>
  a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : 0;

describe('log position: properties', () => {
  it('given any pair of u64s, when encoded and decoded, then the same pair comes back as a well-formed position', () => {
    fc.assert(
      fc.property(part, part, (major, minor) => {
        const position = logPositionOf(major, minor);
        expect(isLogPosition(position)).toBe(true);
        expect(partsOfLogPosition(position)).toEqual({ major, minor });
      }),
      { numRuns: 1000 },
    );
  });

  it('given any two pairs of u64s, when encoded, then string order is numeric (major, minor) order', () => {
    fc.assert(
      fc.property(fc.tuple(part, part), fc.tuple(part, part), (a, b) => {
        expect(Math.sign(compareLogPositions(logPositionOf(...a), logPositionOf(...b)))).toBe(numericOrder(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('given a part outside 0..2^64-1, when encoded, then it is refused with a RangeError', () => {
    const outside = fc.oneof(fc.bigInt({ max: -1n }), fc.bigInt({ min: MAX_U64 + 1n }));
    fc.assert(
      fc.property(outside, part, fc.boolean(), (bad, good, badFirst) => {
        expect(() => (badFirst ? logPositionOf(bad, good) : logPositionOf(good, bad))).toThrow(RangeError);
      }),
      { numRuns: 300 },
    );
  });

  it('given any string, when it is recognised as a position, then it decodes and encodes back to itself', () => {
    const hex16 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 });
    const text = fc.oneof(fc.string(), fc.tuple(hex16, hex16).map(([a, b]) => `${a}-${b}`));
    fc.assert(
      fc.property(text, (candidate) => {
        if (!isLogPosition(candidate)) return;
        const { major, minor } = partsOfLogPosition(candidate);
        expect(logPositionOf(major, minor)).toBe(candidate);
      }),
      { numRuns: 500 },
    );
  });
});
