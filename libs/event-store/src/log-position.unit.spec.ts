import { compareLogPositions, isLogPosition, logPositionOf, partsOfLogPosition, START_OF_LOG } from './log-position';

describe('log position', () => {
  it('given two pairs, when encoded, then string order is numeric order of (major, minor)', () => {
    const pairs: [bigint, bigint][] = [
      [0n, 0n],
      [0n, 9n],
      [0n, 10n],
      [1n, 0n],
      [255n, 1n],
      [256n, 0n],
      [2n ** 53n + 1n, 3n],
      [2n ** 64n - 1n, 2n ** 64n - 1n],
    ];
    const encoded = pairs.map(([major, minor]) => logPositionOf(major, minor));

    expect([...encoded].sort(compareLogPositions)).toEqual(encoded);
    expect(encoded[0]).toBe(START_OF_LOG);
  });

  it('given a position, when decoded, then the exact parts come back, beyond 2^53 too', () => {
    const position = logPositionOf(2n ** 63n + 5n, 2n ** 53n + 1n);
    expect(partsOfLogPosition(position)).toEqual({ major: 2n ** 63n + 5n, minor: 2n ** 53n + 1n });
    expect(isLogPosition(position)).toBe(true);
  });

  it('given parts outside 64 bits, then encoding refuses them', () => {
    expect(() => logPositionOf(-1n, 0n)).toThrow(RangeError);
    expect(() => logPositionOf(0n, 2n ** 64n)).toThrow(RangeError);
  });

  it('given text that is not a position, then it is recognised as such', () => {
    expect(isLogPosition('12')).toBe(false);
    expect(isLogPosition('0000000000000001-000000000000000G')).toBe(false);
    expect(isLogPosition(undefined)).toBe(false);
  });
});
