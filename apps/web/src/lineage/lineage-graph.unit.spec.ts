import type { Schemas } from '../api/schemas';
import { laidOut, lineageGraph } from './lineage-graph';

type Package = Schemas['PackageAnswer'];

const inHouse = (name: string): Package => ({
  name,
  version: '1.0.0',
  artifactSha256: null,
  build: { buildUrl: null, finishedAt: '2026-11-24T07:30:00Z', outcome: 'passed' },
  source: { repository: `https://github.com/ska-sa/${name}`, sha: `${name}-sha`.padEnd(40, '0'), author: 'CAM team', committedAt: '2026-11-24T07:00:00Z' },
});
const thirdParty = (name: string): Package => ({ name, version: '2.0.0', artifactSha256: null, build: null, source: null });

/** An image of 150 pinned requirements: 12 in-house, 138 third-party, two AQF runs, a decision. */
function lineageOf(packages: Package[]): Schemas['LineageAnswer'] {
  return {
    image: { digest: `sha256:${'a'.repeat(64)}`, name: 'autobuild.tar.gz', bakedAt: '2026-11-24T08:00:00Z', builderId: 'ci', buildUrl: null },
    pinnedSet: { id: 'pinned-1', name: 'cam-pinned-requirements', builds: [] },
    packages,
    aqfRuns: ['aqf-1', 'aqf-2'].map((environment) => ({ runId: `${environment}-run`, environment, startedAt: '2026-11-24T09:00:00Z', outcome: 'passed', completedAt: '2026-11-24T11:00:00Z', reportUrl: null })),
    decisions: [{ releaseCandidate: true, automatic: true, by: 'policy', reason: null, decidedAt: '2026-11-24T11:00:00Z' }],
    releaseCandidate: true,
    unresolved: [],
  };
}

describe('the lineage graph', () => {
  const packages = [...Array.from({ length: 12 }, (_, i) => inHouse(`kat${i}`)), ...Array.from({ length: 138 }, (_, i) => thirdParty(`lib${i}`))];

  it('given an image of 150 pinned requirements, then the third-party packages are one group node until expanded', () => {
    const collapsed = lineageGraph(lineageOf(packages), [], false);
    expect(collapsed.nodes).toHaveLength(12 * 2 + 1 + 1 + 1 + 2 + 1);
    expect(collapsed.nodes.find((node) => node.id === 'third-party')?.label).toBe('138 third-party packages');
    expect(lineageGraph(lineageOf(packages), [], true).nodes).toHaveLength(12 * 2 + 138 + 1 + 1 + 2 + 1);
  });

  it('chains commits → builds → pinned set → image → AQF runs → decision → deployments, and colours a violation', () => {
    const deployment = { environment: 'site', entry: { kind: 'deployment' as const, at: '2026-11-24T14:00:00Z', recordedBy: null, deploymentId: 'site-1', outcome: 'succeeded', by: 'operator', policyViolations: ['not a release candidate'] } };
    const { nodes, edges } = lineageGraph(lineageOf([inHouse('katcomp')]), [deployment], false);
    const next = (id: string) => edges.filter((edge) => edge.from === id).map((edge) => edge.to);
    expect(next('commit:https://github.com/ska-sa/katcomp@' + 'katcomp-sha'.padEnd(40, '0'))).toEqual(['build:katcomp@1.0.0']);
    expect(next('build:katcomp@1.0.0')).toEqual(['pinned-set:pinned-1']);
    expect(next('pinned-set:pinned-1')).toEqual([`image:sha256:${'a'.repeat(64)}`]);
    expect(next(`image:sha256:${'a'.repeat(64)}`)).toEqual(['aqf-run:aqf-1-run', 'aqf-run:aqf-2-run']);
    expect(next('aqf-run:aqf-1-run')).toEqual(['decision']);
    expect(next('decision')).toEqual(['deployment:site-1']);
    expect(nodes.find((node) => node.id === 'deployment:site-1')?.state).toBe('violation');
  });

  it('lays every node out left to right, sources before what they produced', () => {
    const placed = laidOut(lineageGraph(lineageOf(packages), [], false));
    const x = (id: string) => placed.nodes.find((node) => node.id === id)!.x;
    expect(x('build:kat0@1.0.0')).toBeLessThan(x('pinned-set:pinned-1'));
    expect(x('pinned-set:pinned-1')).toBeLessThan(x(`image:sha256:${'a'.repeat(64)}`));
    expect(x(`image:sha256:${'a'.repeat(64)}`)).toBeLessThan(x('decision'));
    expect(placed.height).toBeLessThan(1200);
  });
});
