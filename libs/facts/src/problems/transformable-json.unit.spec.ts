import { DEEPEST_TRANSFORMED, untransformableJson } from './transformable-json';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('untransformableJson', () => {
  it('given JSON nested as deep as PROVENANCE_MAX_JSON_DEPTH allows, then nothing is wrong with it', () => {
    expect(untransformableJson(nested(DEEPEST_TRANSFORMED))).toBeUndefined();
    expect(untransformableJson({ builds: [{ package: 'katcomp', version: '1.4.0' }], name: 'nightly' })).toBeUndefined();
  });

  it('given JSON nested one level deeper, then it names where', () => {
    expect(untransformableJson(nested(DEEPEST_TRANSFORMED + 1))).toBe(`${'0.'.repeat(DEEPEST_TRANSFORMED - 1)}0 nests deeper than 256 levels; no fact does`);
  });

  it('given an object with a constructor member, at the top or inside, then it names where', () => {
    expect(untransformableJson(JSON.parse('{"constructor": 1}'))).toBe('constructor should not exist: no fact has a field of that name');
    expect(untransformableJson({ a: [{ b: { constructor: null } }] })).toBe('a.0.b.constructor should not exist: no fact has a field of that name');
  });

  it('given scalars, null and __proto__ members, then nothing is wrong with them', () => {
    for (const value of [null, undefined, 'x', 1, true, [], JSON.parse('{"__proto__": {"polluted": true}}')]) {
      expect(untransformableJson(value)).toBeUndefined();
    }
  });
});
