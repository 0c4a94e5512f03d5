import { createHash } from 'node:crypto';
import { parseRequirementsFile, pinnedSetIdOf } from '@provenance/domain';
import { ImageFactsView, ProvenanceView, RecordedBuild, runningVersions } from '@provenance/projections';

/*
 * The facts `npm run demo` records (apps/cli/src/demo/paper-pipeline.demo.ts), as the read
 * model answers them: the same names, versions, digests and times. test/attestations.e2e-spec.ts
 * checks the API's statements for the real demo against the golden files made from these.
 */
const hex = (text: string, length = 64) => createHash('sha256').update(text).digest('hex').slice(0, length);
const LEAVES = ['katcomp', 'katobs', 'katportal', 'katproxy', 'katsim', 'katuilib'];
const UPSTREAM = ['katcore', 'katconf', 'katcp', 'katpoint', 'katversion'];
const THIRD_PARTY: [string, string][] = [['numpy', '1.26.4'], ['tornado', '6.4.1'], ['redis', '5.0.8']];
const version = (pkg: string) => `0.${pkg.length}.${pkg.charCodeAt(3) % 10}`;
const repo = (pkg: string) => `https://github.com/ska-sa/${pkg}`;

function pipCompileOutput(): string {
  const all: [string, string][] = [...[...UPSTREAM, ...LEAVES].map((pkg): [string, string] => [pkg, version(pkg)]), ...THIRD_PARTY].sort(([a], [b]) => a.localeCompare(b));
  return `${all.map(([pkg, v]) => `${pkg}==${v} \\\n    --hash=sha256:${hex(`${pkg}-${v}`)}`).join('\n')}\n`;
}

const requirements = parseRequirementsFile(pipCompileOutput()).requirements;
export const DEMO_IMAGE = `sha256:${hex('autobuild-2026-11-24-0001')}`;
export const DEMO_PINNED_SET_ID = pinnedSetIdOf(requirements);

const builds: RecordedBuild[] = [...UPSTREAM, ...LEAVES].sort().map((pkg) => ({
  package: pkg,
  version: version(pkg),
  repository: repo(pkg),
  sha: hex(`${pkg}-commit`, 40),
  outcome: 'passed',
  artifact: { filename: `${pkg}-${version(pkg)}-py3-none-any.whl`, sha256: hex(`${pkg}-${version(pkg)}`) },
  buildUrl: `https://jenkins.camlab.kat.ac.za/job/${pkg}/42/`,
  builtAgainst: [],
  finishedAt: '2026-11-24T07:30:00.000Z',
  commitRecorded: true,
}));

export const demoImageFacts = (): ImageFactsView => ({
  image: { digest: DEMO_IMAGE, name: 'autobuild-2026-11-24-0001.tar.gz', builderId: 'ci.build-candidate', buildUrl: null, bakedAt: '2026-11-24T08:00:00.000Z' },
  pinnedSet: {
    id: DEMO_PINNED_SET_ID,
    name: 'cam-pinned-requirements',
    requirements: requirements.map(({ name, version: v, url, hashes }) => ({ name, version: v, url, hashes })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  },
  builds,
  aqfRuns: ['aqf-1', 'aqf-2'].map((environment) => ({
    runId: `${environment}-run-0001`, imageDigest: DEMO_IMAGE, environment, startedAt: '2026-11-24T09:00:00.000Z', outcome: 'passed',
    passed: 412, failed: 0, skipped: 7, reportUrl: `https://aqf.camlab.kat.ac.za/${environment}/0001`, completedAt: '2026-11-24T11:00:00.000Z',
  })),
  decisions: [{ revision: '3', releaseCandidate: true, automatic: true, by: 'policy', reason: null, aqfRunIds: ['aqf-1-run-0001', 'aqf-2-run-0001'], decidedAt: '2026-11-24T11:00:00.000Z' }],
  unresolved: [],
});

/** `provenance running --env site --at 2026-11-26T00:00:00Z --known-at 2026-11-26T00:00:00Z` after the demo. */
export function demoSiteView(): ProvenanceView & { at: string; knownAt: string } {
  const patches = [{
    patchId: 'hotfix-0001', package: 'katobs', fromVersion: version('katobs'), toVersion: `${version('katobs')}.post1`, nodes: ['cmc2'],
    reason: 'Hot fix: sensor sampling stalls', appliedAt: '2026-11-25T06:15:00.000Z', by: 'operator', recordedBy: 'local',
  }];
  const nodes = ['cmc1', 'cmc2', 'cmc3'];
  return {
    environment: 'site',
    at: '2026-11-26T00:00:00.000Z',
    knownAt: '2026-11-26T00:00:00.000Z',
    deployment: { deploymentId: 'site-0001', startedAt: '2026-11-24T14:00:00.000Z', finishedAt: '2026-11-24T14:40:00.000Z', outcome: 'succeeded', nodes, by: 'operator', recordedBy: 'local' },
    image: { digest: DEMO_IMAGE, name: 'autobuild-2026-11-24-0001.tar.gz', bakedAt: '2026-11-24T08:00:00.000Z' },
    pinnedSet: { id: DEMO_PINNED_SET_ID, name: 'cam-pinned-requirements' },
    packages: [],
    verification: { releaseCandidate: true, decidedBy: 'policy', automatic: true, reason: null, aqfRuns: [] },
    patches,
    drift: true,
    running: runningVersions(requirements, nodes, patches),
    configRevision: { repository: 'https://github.com/ska-sa/katconfig', sha: hex('katconfig', 40), since: '2026-11-24T14:00:00.000Z', recordedBy: 'local' },
    policyViolations: [],
    unresolved: [],
  };
}
