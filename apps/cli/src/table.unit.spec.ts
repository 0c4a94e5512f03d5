import { table } from './table';

describe('table', () => {
  it('given plain cells, then columns are aligned under a rule and missing values show as -', () => {
    expect(table(['package', 'version'], [['katcomp', '1.4.0'], ['katobs', null]])).toBe(
      ['package  version', '-------  -------', 'katcomp  1.4.0', 'katobs   -'].join('\n'),
    );
  });

  it('given free text with a right-to-left override and a zero-width space, then they are shown escaped and cannot reorder the row', () => {
    const lines = table(['sha', 'message'], [['a1b2c3', 'Fix \u200bpointing \u202esledom'], ['d4e5f6', 'ok']]).split('\n');
    expect(lines[2]).toBe('a1b2c3  Fix \\u200bpointing \\u202esledom');
    expect(lines[1]).toBe(`------  ${'-'.repeat('Fix \\u200bpointing \\u202esledom'.length)}`);
  });

  it('given control characters, then line breaks and tabs are escaped so one row stays one line', () => {
    expect(table(['message'], [['first line\nsecond\tline\u0007']]).split('\n')[2]).toBe('first line\\nsecond\\tline\\u0007');
  });

  it('given letters from any script, then they are shown as they are', () => {
    expect(table(['author'], [['Ŝipho Dlamini שלום 日本']]).split('\n')[2]).toBe('Ŝipho Dlamini שלום 日本');
  });
});
