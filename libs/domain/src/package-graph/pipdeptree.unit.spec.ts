import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageGraph, PackageGraphFormatError, PackageNode, parsePipdeptree } from './pipdeptree';

const FIXTURES = join(__dirname, '../../../../../shared/fixtures/pipdeptree');

const fixture = (file: string): unknown => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
const node = (graph: PackageGraph, name: string): PackageNode | undefined => graph.packages.find((item) => item.name === name);
const names = (graph: PackageGraph): string[] => graph.packages.map((item) => item.name);

function formatErrorOf(json: unknown): PackageGraphFormatError {
  try {
    parsePipdeptree(json);
  } catch (error) {
    if (error instanceof PackageGraphFormatError) return error;
    throw error;
  }
  throw new Error('expected a PackageGraphFormatError');
}

describe('pipdeptree package graph: the real fixtures', () => {
  const flat = parsePipdeptree(fixture('pipdeptree-2.2.0-json.json'));
  const tree = parsePipdeptree(fixture('pipdeptree-2.2.0-json-tree.json'));
  const audiobook = parsePipdeptree(fixture('audiobook_dependency_tree.json'));

  it('given pipdeptree 2.2.0 --json output, when parsed, then it has its 103 packages sorted by name, each once', () => {
    expect(flat.packages).toHaveLength(103);
    expect(names(flat)).toEqual([...new Set(names(flat))].sort());
    expect(names(flat)[0]).toBe('annotated-types');
    expect(names(flat)[102]).toBe('xmltodict');
  });

  it('given pipdeptree 2.2.0 --json output, when parsed, then dependencies keep their ranges and null means any', () => {
    expect(node(flat, 'aws-sam-translator')).toEqual({
      name: 'aws-sam-translator',
      version: '1.110.0',
      dependencies: [
        { name: 'boto3', requiredVersion: '>=1.34.0,<2.0.0' },
        { name: 'jsonschema', requiredVersion: '>=4.23,<5' },
        { name: 'pydantic', requiredVersion: '~=2.13.3' },
        { name: 'typing-extensions', requiredVersion: '>=4.4' },
      ],
    });
    expect(node(flat, 'ipython')?.dependencies.slice(0, 3)).toEqual([
      { name: 'backcall', requiredVersion: null },
      { name: 'decorator', requiredVersion: null },
      { name: 'jedi', requiredVersion: '>=0.16' },
    ]);
    expect(node(flat, 'pyyaml')).toEqual({ name: 'pyyaml', version: '6.0.3', dependencies: [] });
  });

  it('given --json and --json-tree of the same environment, when parsed, then the graphs are equal', () => {
    expect(tree.packages).toHaveLength(103);
    expect(tree).toEqual(flat);
  });

  it('given the audiobook --json-tree with conda under three roots, when parsed, then its 47 packages appear once each', () => {
    expect(audiobook.packages).toHaveLength(47);
    expect(names(audiobook)).toEqual([...new Set(names(audiobook))].sort());
    expect(node(audiobook, 'conda')?.dependencies).toHaveLength(19);
    expect(node(audiobook, 'conda')?.dependencies.slice(0, 3)).toEqual([
      { name: 'archspec', requiredVersion: '>=0.2.3' },
      { name: 'boltons', requiredVersion: '>=23.0.0' },
      { name: 'charset-normalizer', requiredVersion: null },
    ]);
  });

  it('given the audiobook --json-tree, when parsed, then mixed-case and dotted names are normalised', () => {
    expect(node(audiobook, 'ruamel-yaml')).toEqual({
      name: 'ruamel-yaml',
      version: '0.18.6',
      dependencies: [{ name: 'ruamel-yaml-clib', requiredVersion: '>=0.2.7' }],
    });
    expect(node(audiobook, 'pydantic')).toEqual({
      name: 'pydantic',
      version: '2.10.3',
      dependencies: [
        { name: 'annotated-types', requiredVersion: '>=0.6.0' },
        { name: 'pydantic-core', requiredVersion: '==2.27.1' },
        { name: 'typing-extensions', requiredVersion: '>=4.12.2' },
      ],
    });
    expect(node(audiobook, 'brotli')).toEqual({ name: 'brotli', version: '1.0.9', dependencies: [] });
    expect(node(audiobook, 'pysocks')).toEqual({ name: 'pysocks', version: '1.7.1', dependencies: [] });
    expect(node(audiobook, 'pipdeptree')).toEqual({
      name: 'pipdeptree',
      version: '2.26.1',
      dependencies: [
        { name: 'packaging', requiredVersion: '>=24.1' },
        { name: 'pip', requiredVersion: '>=24.2' },
      ],
    });
  });
});

describe('pipdeptree package graph: merging and malformed input', () => {
  const leaf = (key: string, version: string, required: string | null) => ({
    key,
    package_name: key,
    installed_version: version,
    required_version: required,
    dependencies: [],
  });

  it('given a --json-tree whose cycle was cut differently under two roots, when parsed, then the dependencies merge', () => {
    const graph = parsePipdeptree([
      { ...leaf('a', '1', '1'), dependencies: [{ ...leaf('b', '2', '>=2'), dependencies: [leaf('c', '3', 'Any')] }] },
      { ...leaf('b', '2', '2'), dependencies: [{ ...leaf('a', '1', null), dependencies: [] }] },
    ]);
    expect(graph).toEqual({
      packages: [
        { name: 'a', version: '1', dependencies: [{ name: 'b', requiredVersion: '>=2' }] },
        { name: 'b', version: '2', dependencies: [{ name: 'a', requiredVersion: null }, { name: 'c', requiredVersion: null }] },
        { name: 'c', version: '3', dependencies: [] },
      ],
    });
  });

  it('given a --json-tree child that is not installed, when parsed, then it is an edge but not a package', () => {
    const graph = parsePipdeptree([{ ...leaf('a', '1', '1'), dependencies: [leaf('Gone.Pkg', '?', '>=1')] }]);
    expect(graph).toEqual({ packages: [{ name: 'a', version: '1', dependencies: [{ name: 'gone-pkg', requiredVersion: '>=1' }] }] });
  });

  it('given an empty list, when parsed, then the graph is empty', () => {
    expect(parsePipdeptree([])).toEqual({ packages: [] });
  });

  const flatEntry = { package: { key: 'a', package_name: 'a', installed_version: '1' }, dependencies: [] };
  const cases: [string, unknown, string, string][] = [
    ['not an array', { packages: [] }, 'packages', 'expected an array, found an object'],
    ['neither layout', [{ name: 'a' }], 'packages[0]', 'neither a pipdeptree --json entry ({package, dependencies}) nor a --json-tree node ({key, installed_version, dependencies})'],
    ['a dependency without a key', [flatEntry, { ...flatEntry, package: { key: 'b', installed_version: '2' }, dependencies: [{ installed_version: '1' }] }], 'packages[1].dependencies[0].key', 'expected a non-empty string, found nothing'],
    ['a number for a required version', [{ ...flatEntry, dependencies: [{ key: 'b', required_version: 2 }] }], 'packages[0].dependencies[0].required_version', 'expected a string or null, found a number'],
    ['a package listed twice', [flatEntry, flatEntry], 'packages[1].package.key', `'a' is listed again (first at packages[0])`],
    ['a tree node among flat entries', [flatEntry, leaf('b', '1', '1')], 'packages[1].package', 'missing in a pipdeptree --json entry'],
    ['a nested node with no installed version', [{ ...leaf('a', '1', '1'), dependencies: [{ key: 'b', dependencies: [] }] }], 'packages[0].dependencies[0].installed_version', 'expected a non-empty string, found nothing'],
    ['dependencies that are not a list', [{ ...leaf('a', '1', '1'), dependencies: 'b' }], 'packages[0].dependencies', `expected an array, found 'b'`],
    ['one package at two versions', [leaf('a', '1', '1'), { ...leaf('b', '1', '1'), dependencies: [leaf('A', '2', null)] }], 'packages[1].dependencies[0].installed_version', `'a' is installed as 1 at packages[0] but as 2 here`],
    ['a key with a bidi control', [{ ...flatEntry, package: { key: 'katcomp\u202egpj', installed_version: '1' } }], 'packages[0].package.key', 'must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 8)'],
    ['a version with a zero-width space', [leaf('a', '1.0\u200b', null)], 'packages[0].installed_version', 'must not contain U+200B ZERO WIDTH SPACE (character 4)'],
    ['a required version with an invisible character', [{ ...flatEntry, dependencies: [{ key: 'b', required_version: '>=1\u2060' }] }], 'packages[0].dependencies[0].required_version', 'must not contain U+2060 WORD JOINER (character 4)'],
  ];

  it.each(cases)('given %s, when parsed, then the error names the path', (_, json, path, reason) => {
    const error = formatErrorOf(json);
    expect({ path: error.path, reason: error.reason }).toEqual({ path, reason });
    expect(error.message).toBe(`${path}: ${reason}`);
  });

  it('given a node object that contains itself, when parsed, then it is refused instead of recursing forever', () => {
    const looped: { key: string; installed_version: string; dependencies: unknown[] } = { key: 'a', installed_version: '1', dependencies: [] };
    looped.dependencies.push(looped);
    expect(formatErrorOf([looped]).path).toBe('packages[0].dependencies[0]');
  });

  it('given a --json-tree nested thousands of levels deep, then it is refused with the depth, not a stack overflow', () => {
    let tree: Record<string, unknown> = { key: 'leaf', package_name: 'leaf', installed_version: '1.0', required_version: null, dependencies: [] };
    for (let level = 0; level < 5_000; level++) {
      tree = { key: `p${level}`, package_name: `p${level}`, installed_version: '1.0', required_version: null, dependencies: [tree] };
    }
    expect(() => parsePipdeptree([tree])).toThrow('dependencies nest deeper than 200 levels');
  });
});
