import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Facts from the telescope team's pipeline, as agents send them. */
export const FIXTURES = join(__dirname, '../../../shared/fixtures');

export const sha = (seed: string) => seed.repeat(40).slice(0, 40);
export const digest = (seed: string) => `sha256:${seed.repeat(64).slice(0, 64)}`;

export const katcompCommit = {
  repository: 'https://github.com/ska-sa/katcomp',
  sha: sha('a1'),
  parents: [sha('a0')],
  branch: 'master',
  author: 'Ludwig Schwardt <ludwig@ska.ac.za>',
  message: 'Handle dish pointing models',
  committedAt: '2026-11-24T08:00:00Z',
};

export const katcompBuild = {
  package: 'katcomp',
  version: '1.4.0',
  repository: katcompCommit.repository,
  sha: katcompCommit.sha,
  outcome: 'passed',
  artifact: { filename: 'katcomp-1.4.0-py3-none-any.whl', sha256: 'c'.repeat(64) },
  buildUrl: 'https://jenkins.example/job/katcomp/17/',
  builtAgainst: [{ package: 'katpoint', version: '0.10' }],
  finishedAt: '2026-11-24T08:20:00Z',
};

export const pipCompileOutput = () => readFileSync(join(FIXTURES, 'requirements/pyca-cryptography_publish-requirements.txt'), 'utf8');
export const pipdeptreeJson = () => JSON.parse(readFileSync(join(FIXTURES, 'pipdeptree/pipdeptree-2.2.0-json.json'), 'utf8'));

export const image = (pinnedSetId: string, seed = 'd') => ({
  digest: digest(seed),
  name: `autobuild-2026-11-24-${seed}.tar.gz`,
  pinnedSetId,
  builderId: 'jenkins-bake-3',
  buildUrl: 'https://jenkins.example/job/bake/5/',
  bakedAt: '2026-11-24T09:00:00Z',
});

export const aqfStart = (runId: string, imageDigest: string, environment: string) => ({
  runId,
  imageDigest,
  environment,
  startedAt: '2026-11-24T10:00:00Z',
});

export const aqfResult = (outcome: 'passed' | 'failed' | 'error', completedAt = '2026-11-24T11:00:00Z') => ({
  outcome,
  passed: outcome === 'passed' ? 412 : 398,
  failed: outcome === 'passed' ? 0 : 14,
  skipped: 3,
  reportUrl: 'https://aqf.example/reports/1',
  completedAt,
});
