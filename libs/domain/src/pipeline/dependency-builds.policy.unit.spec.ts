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

describe('dependency-driven builds round a cycle in the package graph', () => {
  // katobs needs katcomp, katpoint needs katobs, katcomp needs katpoint: pip installs such rings.
  const ring: PackageGraphFact = {
    recordedFrom: 'pipdeptree',
    packages: [
      { name: 'katcomp', version: '1.0', dependencies: [{ name: 'katpoint', requiredVersion: null }] },
      { name: 'katobs', version: '1.0', dependencies: [{ name: 'katcomp', requiredVersion: null }] },
      { name: 'katpoint', version: '1.0', dependencies: [{ name: 'katobs', requiredVersion: null }] },
    ],
  };
  const passed = (pkg: string, version: string, requestId: string | null): PackageBuildFact => ({ ...build('passed'), package: pkg, version, requestId });

  /** Plays the build agent: answers every request with a new passed build, as CI does, until none is left. */
  function driveWave(graph: PackageGraphFact, first: PackageBuildFact): string[] {
    const built = [first.package];
    let pending = downstreamBuildRequests(first, 'event-0', AT, graph);
    for (let step = 1; pending.length > 0; step++) {
      if (step > 50) throw new Error(`still requesting builds after 50 answers: ${built.join(' → ')}`);
      const [request, ...rest] = pending;
      const answer = passed(request.data.package, `1.${step}`, request.data.requestId);
      built.push(answer.package);
      pending = [...rest, ...downstreamBuildRequests(answer, `event-${step}`, AT, graph, request.data)];
    }
    return built;
  }

  it('given a three-package cycle, when each request is answered by a new build, then each package is built once and the wave ends', () => {
    expect(driveWave(ring, passed('katcomp', '1.0.1', null))).toEqual(['katcomp', 'katobs', 'katpoint']);
  });

  it('given a package that depends on itself, when it passes, then it does not request itself', () => {
    const selfish: PackageGraphFact = { recordedFrom: 'pipdeptree', packages: [{ name: 'katcore', version: '5.0', dependencies: [{ name: 'katcore', requiredVersion: null }] }] };
    expect(downstreamBuildRequests(build('passed'), 'event-1', AT, selfish)).toEqual([]);
  });

  it('given a build answering a request of the wave, then its requests carry the wave so far', () => {
    const [first] = downstreamBuildRequests(passed('katcomp', '1.0.1', null), 'event-0', AT, ring);
    expect(first.data).toMatchObject({ package: 'katobs', wave: ['katcomp'] });
    const [second] = downstreamBuildRequests(passed('katobs', '1.1', first.data.requestId), 'event-1', AT, ring, first.data);
    expect(second.data).toMatchObject({ package: 'katpoint', wave: ['katcomp', 'katobs'] });
  });

  it('given a build of another package than the request it names, then it starts a wave of its own', () => {
    const [request] = downstreamBuildRequests(passed('katcomp', '1.0.1', null), 'event-0', AT, ring);
    const stray = passed('katpoint', '1.1', request.data.requestId);
    expect(downstreamBuildRequests(stray, 'event-1', AT, ring, request.data).map((next) => next.data.wave)).toEqual([['katpoint']]);
  });
});
