import { copyLines, copyValue } from './copy-text';

describe("a row in COPY's text format", () => {
  it('given text with a backslash, tab, newline and carriage return, then each is escaped and the rest is kept', () => {
    expect(copyValue('a\\b\tc\nd\re "quoted" ünïcode', false)).toBe('a\\\\b\\tc\\nd\\re "quoted" ünïcode');
  });

  it('given null or undefined, then it is \\N, in any column', () => {
    expect([copyValue(null, false), copyValue(undefined, true)]).toEqual(['\\N', '\\N']);
  });

  it('given a jsonb column, then the value goes as JSON, strings quoted, and its escapes escaped again', () => {
    expect(copyValue('abc', true)).toBe('"abc"');
    expect(copyValue({ message: 'line\none' }, true)).toBe('{"message":"line\\\\none"}');
    expect(copyValue(['sha'], true)).toBe('["sha"]');
  });

  it('given numbers and booleans, then they are written as PostgreSQL reads them', () => {
    expect([copyValue(42, false), copyValue(true, false), copyValue(false, false)]).toEqual(['42', 'true', 'false']);
  });

  it("given rows, then each row's values are tab-separated in order and each line ends with a newline", () => {
    const rows = [['katcomp', null, { a: 1 }], ['katcore', 2, []]];
    expect(copyLines(rows, (row, n) => row[n], [false, false, true]).toString()).toBe('katcomp\t\\N\t{"a":1}\nkatcore\t2\t[]\n');
  });
});
