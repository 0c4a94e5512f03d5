import { jsonShapeProblem } from './json-shape';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const limits = { depth: 64, items: 5, members: 3 };
const problem = (text: string, within = limits) => jsonShapeProblem(bytes(text), within);

describe('the shape of a JSON body', () => {
  it('given nesting at the depth limit, then it passes; one level more names PROVENANCE_MAX_JSON_DEPTH', () => {
    expect(problem(nested(64))).toBeUndefined();
    expect(problem(nested(65))).toContain('deeper than 64 levels (PROVENANCE_MAX_JSON_DEPTH)');
    expect(problem(`{"a":{"b":[${nested(61)}]}}`)).toBeUndefined();
    expect(problem(`{"a":{"b":[${nested(62)}]}}`)).toContain('deeper than 64');
  });

  it('given lists and objects at their limits, then they pass; one more item or member is named', () => {
    expect(problem('[1,2,3,4,5]')).toBeUndefined();
    expect(problem('[1,2,3,4,5,6]')).toContain('a list in the JSON body has more than 5 items');
    expect(problem('{"a":1,"b":2,"c":[1,2,3,4,5]}')).toBeUndefined();
    expect(problem('{"a":1,"b":2,"c":3,"d":4}')).toContain('an object in the JSON body has more than 3 members');
    expect(problem('[[1,2,3],[1,2,3],[1,2,3]]')).toBeUndefined();
    expect(problem('[{"a":[1,2]},{"a":[1,2]}]')).toBeUndefined();
  });

  it('given brackets, commas and quotes inside strings and multi-byte characters, then only the structure counts', () => {
    expect(problem(`{"a":"${'[,'.repeat(100)}"}`)).toBeUndefined();
    expect(problem(`{"a":"\\"${'{,'.repeat(100)}"}`)).toBeUndefined();
    expect(problem(`{"a\\\\":[[1]]}`, { ...limits, depth: 2 })).toContain('deeper than 2');
    expect(problem(`{"ü[,":["é,{"]}`, { ...limits, depth: 2 })).toBeUndefined();
  });

  it('given a body nested 100,000 deep, then the scan answers without recursing (no stack overflow)', () => {
    expect(problem(nested(100_000), { ...limits, depth: 100_000 })).toBeUndefined();
    expect(problem(nested(100_001), { ...limits, depth: 100_000 })).toContain('deeper than 100000');
  });
});
