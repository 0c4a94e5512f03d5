import type { PackageBuildFact } from '../package-build/package-build.decider';
import type { PackageGraphFact } from '../package-graph/package-graph.decider';
import { downstreamBuildRequests } from './dependency-builds.policy';

const graph: PackageGraphFact = {
  recordedFrom: 'pipdeptree',
  packages: [
    { name: 'katcomp', version: '1.0', dependencies: [{ name: 'katcore', requiredVersion: null }] },
    { name: 'katobs', version: '2.0', dependencies: [{ name: 'katcore', requiredVersion: '>=5' }, { name: 'numpy', requiredVersion: null }] },
    { name: 'katcore', version: '5.0', dependencies: [] },
  ],
};
const AT = '2026-11-25T08:01:00Z';
const build = (outcome: 'passed' | 'failed'): PackageBuildFact => ({
  package: 'katcore', version: '5.1', repository: 'katcore', sha: 'a'.repeat(40), outcome,
  artifact: null, buildUrl: null, builtAgainst: [], finishedAt: '2026-11-25T08:00:00Z', requestId: null,
});

describe('dependency-driven builds', () => {
  it('given a passed build of katcore, then each package depending on it is requested, built against the new version', () => {
    const requests = downstreamBuildRequests(build('passed'), 'event-1', AT, graph);
    expect(requests.map((request) => [request.data.package, request.data.inputs])).toEqual([
      ['katcomp', [{ package: 'katcore', version: '5.1' }]],
      ['katobs', [{ package: 'katcore', version: '5.1' }]],
    ]);
  });

  it('given the same triggering event, then the same request ids; another event, other ids', () => {
    const ids = (trigger: string) => downstreamBuildRequests(build('passed'), trigger, AT, graph).map((request) => request.data.requestId);
    expect(ids('event-1')).toEqual(ids('event-1'));
    expect(ids('event-2')).not.toEqual(ids('event-1'));
  });

  it('given a failed build or no recorded graph, then nothing is requested', () => {
    expect(downstreamBuildRequests(build('failed'), 'event-1', AT, graph)).toEqual([]);
    expect(downstreamBuildRequests(build('passed'), 'event-1', AT, undefined)).toEqual([]);
  });
});
