import { canonicalJson } from './canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('given the RFC 8785 §3.2.2 sample, when canonicalised, then the bytes are the RFC\'s', () => {
    const sample = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );

    expect(canonicalJson(sample)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('given the RFC 8785 §3.2.3 names, when canonicalised, then they are sorted by UTF-16 code units', () => {
    const names = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    const value = Object.fromEntries(names.map((name) => [name, name.codePointAt(0)]));

    const written = canonicalJson(value);

    const order = names.slice().sort((a, b) => written.indexOf(JSON.stringify(a)) - written.indexOf(JSON.stringify(b)));
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('given the same members in another order, when canonicalised, then the bytes are the same', () => {
    expect(canonicalJson({ b: [1, { y: 2, x: 1 }], a: 'z' })).toBe(canonicalJson({ a: 'z', b: [1, { x: 1, y: 2 }] }));
    expect(canonicalJson({ b: [1, { y: 2, x: 1 }], a: 'z' })).toBe('{"a":"z","b":[1,{"x":1,"y":2}]}');
  });

  it('given -0 and undefined members, when canonicalised, then -0 is 0 and undefined members are left out', () => {
    expect(canonicalJson({ zero: -0, gone: undefined })).toBe('{"zero":0}');
  });

  it.each([
    ['a number JSON cannot hold', { n: Number.NaN }, '$.n is NaN'],
    ['an infinite number', [Number.POSITIVE_INFINITY], '$[0] is Infinity'],
    ['a lone surrogate', { s: 'a\ud800' }, '$.s holds a lone surrogate'],
    ['a bigint', { n: 1n }, '$.n is bigint'],
  ])('given %s, when canonicalised, then it is refused naming where', (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });
});
