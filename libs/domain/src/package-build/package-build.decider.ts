import { Decider, DomainEvent, unreachable } from '../shared/decider';
import { recordOnce } from '../shared/record-once';

export type PackageVersion = { package: string; version: string };

export type PackageBuildFact = {
  package: string;
  version: string;
  repository: string;
  sha: string;
  outcome: 'passed' | 'failed';
  artifact: { filename: string; sha256: string } | null;
  buildUrl: string | null;
  /** The upstream package versions this build was built against. */
  builtAgainst: PackageVersion[];
  finishedAt: string;
  /** The pipeline request this build answers, if any. */
  requestId: string | null;
};

export type PackageBuildRecorded = DomainEvent<'PackageBuildRecorded', PackageBuildFact>;
export type PackageBuildEvent = PackageBuildRecorded;
export type RecordPackageBuild = { type: 'RecordPackageBuild'; fact: PackageBuildFact };
export type PackageBuildState = { recorded?: PackageBuildFact };

export const packageBuildStreamId = (pkg: string, version: string) => `build-${pkg}@${version}`;

export const packageBuildDecider: Decider<PackageBuildState, RecordPackageBuild, PackageBuildEvent> = {
  initialState: {},
  evolve(state, event) {
    switch (event.type) {
      case 'PackageBuildRecorded':
        return { recorded: event.data };
      default:
        return unreachable(event.type);
    }
  },
  decide(command, state) {
    const { package: pkg, version } = command.fact;
    return recordOnce(`package build ${pkg} ${version}`, state.recorded, { type: 'PackageBuildRecorded', data: command.fact }, [
      'requestId',
    ]);
  },
};
