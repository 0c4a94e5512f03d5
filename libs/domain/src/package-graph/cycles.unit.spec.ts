import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cyclesOf } from './cycles';
import type { PackageNode } from './package-graph';
import { parsePipdeptree } from './pipdeptree';

const FIXTURES = join(__dirname, '../../../../../shared/fixtures/pipdeptree');

/** `graph({ a: ['b'] })`: a needs b. */
const graph = (needs: Record<string, string[]>): PackageNode[] =>
  Object.entries(needs).map(([name, dependencies]) => ({ name, version: '1.0', dependencies: dependencies.map((dependency) => ({ name: dependency, requiredVersion: null })) }));

describe('dependency cycles in a package graph', () => {
  it('given the real pipdeptree fixtures, then they have no cycles', () => {
    for (const file of ['pipdeptree-2.2.0-json.json', 'audiobook_dependency_tree.json']) {
      expect(cyclesOf(parsePipdeptree(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))).packages)).toEqual([]);
    }
  });

  it('given two packages that need each other, then the cycle starts and ends at the first by name', () => {
    expect(cyclesOf(graph({ katobs: ['katcomp'], katcomp: ['katobs', 'numpy'], numpy: [] }))).toEqual([['katcomp', 'katobs', 'katcomp']]);
  });

  it('given a ring of three entered from its last package by name, then it is rotated to start at the first', () => {
    expect(cyclesOf(graph({ c: ['a'], a: ['b'], b: ['c'] }))).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('given a package that needs itself, then that is a cycle of one', () => {
    expect(cyclesOf(graph({ katcore: ['katcore', 'numpy'], numpy: [] }))).toEqual([['katcore', 'katcore']]);
  });

  it('given two rings through one package, then each is listed once and every package on a cycle appears', () => {
    expect(cyclesOf(graph({ a: ['b'], b: ['a', 'c'], c: ['b'], d: ['a'] }))).toEqual([
      ['a', 'b', 'a'],
      ['b', 'c', 'b'],
    ]);
  });

  it('given a dependency that is not installed, then it leads nowhere', () => {
    expect(cyclesOf(graph({ a: ['gone'] }))).toEqual([]);
  });
});
