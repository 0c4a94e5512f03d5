import { alreadyRecorded, Decider, DomainEvent, record, unreachable } from '../shared/decider';
import { canonicalJson } from '../shared/json';
import { cyclesOf } from './cycles';
import type { PackageNode } from './package-graph';

export type PackageGraphFact = {
  packages: PackageNode[];
  recordedFrom: 'pipdeptree';
  /** Only when the graph has dependency cycles (`cyclesOf`): recorded, since pip installs them, and flagged. */
  cycles?: string[][];
};

export type PackageGraphRecorded = DomainEvent<'PackageGraphRecorded', PackageGraphFact>;
export type PackageGraphEvent = PackageGraphRecorded;
export type RecordPackageGraph = { type: 'RecordPackageGraph'; fact: Omit<PackageGraphFact, 'cycles'> };
export type PackageGraphState = { latest?: PackageGraphFact };

/** One stream: the graph changes as packages gain and lose dependencies; the latest version counts. */
export const PACKAGE_GRAPH_STREAM_ID = 'package-graph';

export const packageGraphDecider: Decider<PackageGraphState, RecordPackageGraph, PackageGraphEvent> = {
  initialState: {},
  evolve(state, event) {
    switch (event.type) {
      case 'PackageGraphRecorded':
        return { latest: event.data };
      default:
        return unreachable(event.type);
    }
  },
  decide(command, state) {
    const { packages, recordedFrom } = command.fact;
    const cycles = cyclesOf(packages);
    const fact: PackageGraphFact = cycles.length > 0 ? { packages, recordedFrom, cycles } : { packages, recordedFrom };
    const event: PackageGraphRecorded = { type: 'PackageGraphRecorded', data: fact };
    return state.latest && canonicalJson(state.latest) === canonicalJson(fact)
      ? alreadyRecorded<PackageGraphEvent>(event)
      : record<PackageGraphEvent>(event);
  },
};
