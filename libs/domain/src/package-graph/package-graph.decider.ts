import { alreadyRecorded, Decider, DomainEvent, record, unreachable } from '../shared/decider';
import { canonicalJson } from '../shared/json';
import type { PackageNode } from './package-graph';

export type PackageGraphFact = { packages: PackageNode[]; recordedFrom: 'pipdeptree' };

export type PackageGraphRecorded = DomainEvent<'PackageGraphRecorded', PackageGraphFact>;
export type PackageGraphEvent = PackageGraphRecorded;
export type RecordPackageGraph = { type: 'RecordPackageGraph'; fact: PackageGraphFact };
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
    const event: PackageGraphRecorded = { type: 'PackageGraphRecorded', data: command.fact };
    return state.latest && canonicalJson(state.latest) === canonicalJson(command.fact)
      ? alreadyRecorded<PackageGraphEvent>(event)
      : record<PackageGraphEvent>(event);
  },
};
