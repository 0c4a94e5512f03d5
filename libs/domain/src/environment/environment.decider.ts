import { alreadyRecorded, Decider, DomainEvent, record, unreachable } from '../shared/decider';
import { canonicalJson } from '../shared/json';
import { recordOnce } from '../shared/record-once';

/** A change to running nodes outside a full redeploy (a hot fix). */
export type PatchFact = {
  environment: string;
  patchId: string;
  package: string;
  fromVersion: string;
  toVersion: string;
  nodes: string[];
  reason: string;
  appliedAt: string;
  by: string;
};

/** A configuration revision (e.g. katconfig) applied to the running environment. */
export type ConfigurationFact = { environment: string; repository: string; sha: string; appliedAt: string };

export type PatchApplied = DomainEvent<'PatchApplied', PatchFact>;
export type ConfigurationApplied = DomainEvent<'ConfigurationApplied', ConfigurationFact>;
export type EnvironmentEvent = PatchApplied | ConfigurationApplied;

export type ApplyPatch = { type: 'ApplyPatch'; fact: PatchFact };
export type ApplyConfiguration = { type: 'ApplyConfiguration'; fact: ConfigurationFact };
export type EnvironmentCommand = ApplyPatch | ApplyConfiguration;

export type EnvironmentState = { patches: ReadonlyMap<string, PatchFact>; configurations: string[] };

export const environmentStreamId = (environment: string) => `environment-${environment}`;

export const environmentDecider: Decider<EnvironmentState, EnvironmentCommand, EnvironmentEvent> = {
  initialState: { patches: new Map(), configurations: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'PatchApplied':
        return { ...state, patches: new Map(state.patches).set(event.data.patchId, event.data) };
      case 'ConfigurationApplied':
        return { ...state, configurations: [...state.configurations, canonicalJson(event.data)] };
      default:
        return unreachable(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'ApplyPatch':
        return recordOnce(`patch ${command.fact.patchId} in ${command.fact.environment}`, state.patches.get(command.fact.patchId), {
          type: 'PatchApplied',
          data: command.fact,
        });
      case 'ApplyConfiguration':
        // The same revision applied at the same moment is the same fact; any other is a new one.
        return state.configurations.includes(canonicalJson(command.fact))
          ? alreadyRecorded<EnvironmentEvent>({ type: 'ConfigurationApplied', data: command.fact })
          : record<EnvironmentEvent>({ type: 'ConfigurationApplied', data: command.fact });
      default:
        return unreachable(command);
    }
  },
};
