import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anyJson, mutatedJson } from '@provenance/testing';
import { PackageDependency, PackageGraph, PackageGraphFormatError, parsePipdeptree } from './pipdeptree';

// Properties over random inputs; on failure fast-check prints the seed and the shrunk counterexample
// (rerun with `fc.assert(..., { seed, path })`, see docs/ARCHITECTURE.md "Tests").
const FIXTURES = join(__dirname, '../../../../../shared/fixtures/pipdeptree');
const fixture = (file: string): unknown => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));

/** The graph, or the refusal; anything else thrown escapes and fails the property. */
function outcomeOf(json: unknown): PackageGraph | PackageGraphFormatError {
  try {
    return parsePipdeptree(json);
  } catch (error) {
    if (error instanceof PackageGraphFormatError) return error;
    throw error;
  }
}

function expectGraphOrRefusal(json: unknown): void {
  const outcome = outcomeOf(json);
  if (outcome instanceof PackageGraphFormatError) {
    expect(outcome.path).toMatch(/^packages(\[\d+\]|\.[a-z_]+)*$/);
    expect(outcome.reason).not.toBe('');
    return;
  }
  const names = outcome.packages.map((node) => node.name);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual(names);
}

// ---- Random environments: a dependency DAG (a package depends only on packages after it), and
// dependencies that are not installed. pipdeptree's --json-tree drops an edge back into the chain
// above it, so both layouts agree only on acyclic graphs.

type Edge = { to: number; range: string | null };
type Environment = { keys: string[]; versions: string[]; edges: Edge[][]; missing: { from: number; key: string; range: string | null }[] };

const key = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(?:-[a-z0-9]{1,4})?$/);
const version = fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?$/);
const range = fc.constantFrom<string | null>(null, '>=1.0', '>=2.0,<3', '~=1.4', '==1.0.0');

const environment: fc.Arbitrary<Environment> = fc.uniqueArray(key, { minLength: 1, maxLength: 10 }).chain((keys) =>
  fc.record({
    keys: fc.constant(keys),
    versions: fc.array(version, { minLength: keys.length, maxLength: keys.length }),
    edges: fc.tuple(
      ...keys.map((_, from) =>
        fc.uniqueArray(
          fc.record({ to: fc.integer({ min: from + 1, max: Math.max(from + 1, keys.length - 1) }), range }),
          { maxLength: keys.length - from - 1 > 0 ? 3 : 0, selector: (edge) => `${edge.to} ${edge.range}` },
        ),
      ),
    ),
    missing: fc.uniqueArray(fc.record({ from: fc.nat({ max: keys.length - 1 }), key: key.map((name) => `missing-${name}`), range }), {
      maxLength: 2,
      selector: (edge) => `${edge.from} ${edge.key}`,
    }),
  }),
);

/** What pipdeptree writes for a dependency: `null` or "Any" (newer) when any version will do. */
const writtenRange = (rangeOf: string | null, any: 'null' | 'Any') => rangeOf ?? (any === 'Any' ? 'Any' : null);

function dependenciesOf(env: Environment, from: number): { key: string; installed: number | null; range: string | null }[] {
  return [
    ...env.edges[from].map((edge) => ({ key: env.keys[edge.to], installed: edge.to, range: edge.range })),
    ...env.missing.filter((edge) => edge.from === from).map((edge) => ({ key: edge.key, installed: null, range: edge.range })),
  ];
}

function asJson(env: Environment, order: number[], any: 'null' | 'Any'): unknown {
  return order.map((index) => ({
    package: { key: env.keys[index], package_name: env.keys[index], installed_version: env.versions[index] },
    dependencies: dependenciesOf(env, index).map((dependency) => ({
      key: dependency.key,
      package_name: dependency.key,
      installed_version: dependency.installed === null ? '?' : env.versions[dependency.installed],
      required_version: writtenRange(dependency.range, any),
    })),
  }));
}

function asJsonTree(env: Environment, any: 'null' | 'Any'): unknown {
  const hasParent = new Set(env.edges.flatMap((edges) => edges.map((edge) => edge.to)));
  const node = (index: number, requiredVersion: string | null): unknown => ({
    key: env.keys[index],
    package_name: env.keys[index],
    installed_version: env.versions[index],
    required_version: requiredVersion,
    dependencies: dependenciesOf(env, index).map((dependency) =>
      dependency.installed === null
        ? { key: dependency.key, package_name: dependency.key, installed_version: '?', required_version: writtenRange(dependency.range, any), dependencies: [] }
        : node(dependency.installed, writtenRange(dependency.range, any)),
    ),
  });
  return env.keys.flatMap((_, index) => (hasParent.has(index) ? [] : [node(index, env.versions[index])]));
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function expectedGraph(env: Environment): PackageGraph {
  const packages = env.keys.map((name, index) => ({
    name,
    version: env.versions[index],
    dependencies: dependenciesOf(env, index)
      .map((dependency): PackageDependency => ({ name: dependency.key, requiredVersion: dependency.range }))
      .sort((a, b) => byCodeUnits(a.name, b.name) || (a.requiredVersion === b.requiredVersion ? 0 : a.requiredVersion === null ? -1 : b.requiredVersion === null ? 1 : byCodeUnits(a.requiredVersion, b.requiredVersion))),
  }));
  return { packages: packages.sort((a, b) => byCodeUnits(a.name, b.name)) };
}

const withOrder = environment.chain((env) => fc.tuple(fc.constant(env), fc.shuffledSubarray(env.keys.map((_, index) => index), { minLength: env.keys.length }), fc.constantFrom<'null' | 'Any'>('null', 'Any')));

describe('pipdeptree package graph: properties', () => {
  it('given arbitrary JSON, when parsed, then it is a graph or a refusal naming where, never another exception', () => {
    const arbitrary = fc.oneof(anyJson, fc.array(anyJson, { maxLength: 4 }), fc.anything());
    fc.assert(fc.property(arbitrary, expectGraphOrRefusal), { numRuns: 500 });
  });

  it('given a generated environment, when written as --json and as --json-tree, then both parse to the same graph with every edge', () => {
    fc.assert(
      fc.property(withOrder, ([env, order, any]) => {
        const expected = expectedGraph(env);
        expect(parsePipdeptree(asJson(env, order, any))).toEqual(expected);
        expect(parsePipdeptree(asJsonTree(env, any))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('given a generated --json or --json-tree document with some values changed, removed or added, when parsed, then a graph or a refusal, never another exception', () => {
    const mutated = fc.tuple(withOrder, fc.boolean()).chain(([[env, order, any], tree]) => mutatedJson(tree ? asJsonTree(env, any) : asJson(env, order, any)));
    fc.assert(fc.property(mutated, expectGraphOrRefusal), { numRuns: 500 });
  });

  it.each(['pipdeptree-2.2.0-json.json', 'pipdeptree-2.2.0-json-tree.json', 'audiobook_dependency_tree.json'])(
    'given the fixture %s with some values changed, removed or added, when parsed, then a graph or a refusal, never another exception',
    (file) => {
      fc.assert(fc.property(mutatedJson(fixture(file)), expectGraphOrRefusal), { numRuns: 100 });
    },
  );
});
