import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

describe('canonical JSON strings', () => {
  it('given any well-formed string, ASCII or not, when canonicalised, then it is written as JSON.stringify writes it', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }), fc.string());
    fc.assert(
      fc.property(anyText, (text) => {
        expect(canonicalJson({ [text]: [text] })).toBe(`{${JSON.stringify(text)}:[${JSON.stringify(text)}]}`);
      }),
    );
  });

  it('given each of the 128 ASCII characters, when canonicalised, then it is written as JSON.stringify writes it', () => {
    for (let code = 0; code < 128; code++) {
      const text = `a${String.fromCharCode(code)}z`;
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
    }
  });
});
