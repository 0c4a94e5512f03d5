import { deciderSpec } from '@provenance/testing';
import type { PackageNode } from './package-graph';
import { PackageGraphRecorded, packageGraphDecider } from './package-graph.decider';

const spec = deciderSpec(packageGraphDecider);

const node = (name: string, ...needs: string[]): PackageNode => ({ name, version: '1.0', dependencies: needs.map((dependency) => ({ name: dependency, requiredVersion: null })) });
const acyclic = [node('katcomp', 'katcore'), node('katcore')];
const cyclic = [node('katcomp', 'katobs'), node('katobs', 'katcomp')];
const recorded = (packages: PackageNode[], cycles?: string[][]): PackageGraphRecorded => ({
  type: 'PackageGraphRecorded',
  data: cycles ? { packages, recordedFrom: 'pipdeptree', cycles } : { packages, recordedFrom: 'pipdeptree' },
});

describe('package graph decider', () => {
  it('given no graph, when a graph without cycles is recorded, then it is recorded as it was before cycles were flagged', () => {
    spec.given([]).when({ type: 'RecordPackageGraph', fact: { packages: acyclic, recordedFrom: 'pipdeptree' } }).then([recorded(acyclic)]);
  });

  it('given a graph, when one with a cycle is recorded, then it replaces it with the cycle flagged', () => {
    spec
      .given([recorded(acyclic)])
      .when({ type: 'RecordPackageGraph', fact: { packages: cyclic, recordedFrom: 'pipdeptree' } })
      .then([recorded(cyclic, [['katcomp', 'katobs', 'katcomp']])]);
  });

  it('given a graph with a cycle, when the same graph comes again, then it is already recorded', () => {
    const first = recorded(cyclic, [['katcomp', 'katobs', 'katcomp']]);
    spec.given([first]).when({ type: 'RecordPackageGraph', fact: { packages: cyclic, recordedFrom: 'pipdeptree' } }).thenAlreadyRecorded(first);
  });
});
