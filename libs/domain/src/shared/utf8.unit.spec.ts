import { utf8ErrorIn } from './utf8';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => [...Buffer.from(text, 'ascii')];

describe('UTF-8 check', () => {
  it('given text in many scripts, emoji and a byte order mark, then it is well-formed', () => {
    expect(utf8ErrorIn(Buffer.from('\ufeffkatcomp Ŝipho שלום 日本 🔭 \u202e', 'utf8'))).toBeUndefined();
    expect(utf8ErrorIn(bytes())).toBeUndefined();
  });

  const cases: [string, number[], string][] = [
    ['a byte that never occurs in UTF-8', [...ascii('ok'), 0xff, ...ascii('ok')], 'byte 0xff at offset 2'],
    ['Latin-1 text (café)', [...ascii('caf'), 0xe9, ...ascii('\n')], 'byte 0xe9 at offset 3'],
    ['a continuation byte with no lead', [...ascii('a'), 0x80], 'byte 0x80 at offset 1'],
    ['a lead byte followed by ASCII', [0xc3, 0x28], 'byte 0xc3 at offset 0'],
    ['an overlong "/" (0xc0 0xaf)', [0xc0, 0xaf], 'byte 0xc0 at offset 0'],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 'byte 0xe0 at offset 0'],
    ['an encoded surrogate (U+D800)', [...ascii('x'), 0xed, 0xa0, 0x80], 'byte 0xed at offset 1'],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'byte 0xf4 at offset 0'],
    ['a sequence cut off by the end', [...ascii('ab'), 0xe2, 0x80], 'byte 0xe2 at offset 2'],
    ['a four-byte sequence with a bad last byte', [0xf0, 0x9f, 0x94, 0x41], 'byte 0xf0 at offset 0'],
  ];

  it.each(cases)('given %s, then it names the byte and its offset', (_, values, expected) => {
    expect(utf8ErrorIn(bytes(...values))).toBe(expected);
  });

  it('given each case, then it agrees with a strict decoder about what is UTF-8', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const decodes = (values: Uint8Array) => {
      try {
        strict.decode(values);
        return true;
      } catch {
        return false;
      }
    };
    const samples = [...cases.map(([, values]) => bytes(...values)), bytes(0xef, 0xbf, 0xbd), bytes(0xf4, 0x8f, 0xbf, 0xbf), bytes(0xed, 0x9f, 0xbf)];
    for (let lead = 0x80; lead <= 0xff; lead++) samples.push(bytes(lead, 0x80, 0x80, 0x80), bytes(lead, 0xbf, 0xbf, 0xbf), bytes(lead, 0xa0, 0x80));
    for (const sample of samples) expect([...sample, utf8ErrorIn(sample) === undefined]).toEqual([...sample, decodes(sample)]);
  });
});
