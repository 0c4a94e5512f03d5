import { formatTable, median, percentile, rate, verdict } from './bench-figures';

describe('bench figures', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('takes percentiles by nearest rank, so each one is a measured value', () => {
    const hundred = Array.from({ length: 100 }, (_, n) => 100 - n);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2], 0)).toBe(1);
  });

  it('says met when the goal is reached and MISSED below it', () => {
    expect(verdict(0.7, 0.7)).toBe('met');
    expect(verdict(0.69, 0.7)).toBe('MISSED');
  });

  it('prints rates as whole numbers with thousands separators', () => {
    expect(rate(16274.6)).toBe('16,275');
  });

  it('pads every column to its widest cell', () => {
    expect(formatTable(['a', 'bb'], [['ccc', 'd']])).toBe(['a   | bb', '----|---', 'ccc | d'].join('\n'));
  });
});
