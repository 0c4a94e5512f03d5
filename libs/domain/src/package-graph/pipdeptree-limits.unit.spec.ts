import { MAX_ITEMS } from '../shared/list-maxima';
import { parsePipdeptree } from './pipdeptree';

const flat = (key: string, dependencies: string[]) => ({
  package: { key, package_name: key, installed_version: '1.0' },
  dependencies: dependencies.map((dependency) => ({ key: dependency, package_name: dependency, installed_version: '1.0', required_version: null })),
});
const tree = (key: string, dependencies: unknown[]) => ({ key, package_name: key, installed_version: '1.0', required_version: null, dependencies });
const names = (count: number, prefix: string) => Array.from({ length: count }, (_, n) => `${prefix}${n}`);

describe('pipdeptree package graph: list maxima', () => {
  it('given as many packages and dependencies as allowed, when parsed, then they are all read', () => {
    expect(parsePipdeptree(names(MAX_ITEMS.packages, 'p').map((name) => flat(name, []))).packages).toHaveLength(MAX_ITEMS.packages);
    expect(parsePipdeptree([flat('a', names(MAX_ITEMS.dependencies, 'd'))]).packages[0].dependencies).toHaveLength(MAX_ITEMS.dependencies);
  });

  it.each([
    ['one package too many', names(MAX_ITEMS.packages + 1, 'p').map((name) => flat(name, [])), `packages: 5001 packages; a package graph holds at most ${MAX_ITEMS.packages} packages`],
    ['one dependency too many in --json', [flat('a', names(MAX_ITEMS.dependencies + 1, 'd'))], 'packages[0].dependencies: 1001 dependencies; a package graph holds at most 1000 dependencies'],
    ['one dependency too many in --json-tree', [tree('a', names(MAX_ITEMS.dependencies + 1, 'd').map((name) => tree(name, [])))], 'packages[0].dependencies: 1001 dependencies'],
  ])('given %s, when parsed, then the error names the list and its maximum', (_, json, message) => {
    expect(() => parsePipdeptree(json)).toThrow(message);
  });
});
