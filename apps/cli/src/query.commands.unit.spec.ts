import { describeHistory, describeProvenance } from './query.commands';

const deployment = { deploymentId: 'site-7', startedAt: '2026-11-25T04:00:00.000Z', outcome: null, nodes: ['cmc1'] };
const view = {
  environment: 'site',
  deployment: { ...deployment, by: 'alice', recordedBy: 'jenkins' },
  image: { digest: `sha256:${'e'.repeat(64)}`, name: 'autobuild.tar.gz' },
  pinnedSet: null,
  packages: [],
  verification: { releaseCandidate: false, decidedBy: null, aqfRuns: [] },
  patches: [{ patchId: 'hotfix-1', package: 'katobs', fromVersion: '1.0', toVersion: '1.0.1', appliedAt: '2026-11-25T05:00:00.000Z', by: 'alice', recordedBy: 'jenkins' }],
  drift: true,
  running: [],
  configRevision: null,
  policyViolations: [],
  unresolved: [],
};

describe('who did it, in the tables', () => {
  it('given a deployment and a patch whose "by" is not who recorded them, then both names are shown', () => {
    const text = describeProvenance(view);
    expect(text).toContain('deployed 2026-11-25T04:00:00.000Z by alice (recorded by jenkins) to cmc1 (deployment site-7)');
    expect(text).toContain('hotfix-1  katobs 1.0 -> 1.0.1  by alice (recorded by jenkins)');
  });

  it('given "by" and the recorder agree, or the recorder is not known, then one name is shown', () => {
    const own = describeProvenance({ ...view, deployment: { ...deployment, by: 'jenkins', recordedBy: 'jenkins' } });
    const older = describeProvenance({ ...view, deployment: { ...deployment, by: 'jenkins', recordedBy: null } });
    expect(own).toContain('by jenkins to cmc1');
    expect(older).toContain('by jenkins to cmc1');
  });

  it('given a package patched on one of three nodes, then its row says which version runs where', () => {
    const text = describeProvenance({
      ...view,
      deployment: { ...deployment, nodes: ['cmc1', 'cmc2', 'cmc3'], by: 'alice', recordedBy: 'alice' },
      packages: [
        { name: 'katcomp', version: '0.7.9', build: null, source: null },
        { name: 'katobs', version: '0.6.1', build: null, source: null },
      ],
      running: [
        { name: 'katcomp', version: '0.7.9', nodes: ['cmc1', 'cmc2', 'cmc3'] },
        { name: 'katobs', version: '0.6.1', nodes: ['cmc1', 'cmc3'] },
        { name: 'katobs', version: '0.6.1.post1', nodes: ['cmc2'] },
      ],
    });
    expect(text).toMatch(/katcomp\s+0\.7\.9\s+as in image\s/);
    expect(text).toMatch(/katobs\s+0\.6\.1\s+0\.6\.1 on cmc1, cmc3; 0\.6\.1\.post1 on cmc2\s/);
  });

  it('given a history, then each row says who, with the recorder when it differs', () => {
    const lines = describeHistory([
      { kind: 'deployment', at: '2026-11-25T04:00:00.000Z', deploymentId: 'site-7', imageDigest: `sha256:${'e'.repeat(64)}`, outcome: 'succeeded', by: 'alice', recordedBy: 'jenkins' },
      { kind: 'patch', at: '2026-11-25T05:00:00.000Z', patchId: 'hotfix-1', package: 'katobs', fromVersion: '1.0', toVersion: '1.0.1', by: 'jenkins', recordedBy: 'jenkins' },
      { kind: 'configuration', at: '2026-11-25T06:00:00.000Z', repository: 'https://github.com/ska-sa/katconfig', sha: 'c'.repeat(40), recordedBy: 'root' },
    ]).split('\n');
    expect(lines[0]).toMatch(/^when\s+what\s+detail\s+by$/);
    expect(lines[2]).toMatch(/site-7: eeeeeeeeeeee succeeded\s+alice \(recorded by jenkins\)$/);
    expect(lines[3]).toMatch(/hotfix-1: katobs 1.0 -> 1.0.1\s+jenkins$/);
    expect(lines[4]).toMatch(/@ cccccccccccc\s+root$/);
  });
});
