import { createHash } from 'node:crypto';

/** One stream's events, as the bench writes them straight into the log. */
export interface SeedStream {
  streamId: string;
  events: { type: string; data: object }[];
}

export interface HistoryShape {
  repositories: number;
  commitsPerRepository: number;
  images: number;
  deployments: number;
  environments: number;
  patches: number;
  requirementsPerSet: number;
}

/** About a million events at scale 1 (50 repositories, 460k commits and builds, 5k images, 20k deployments, 10 environments). */
export function shapeAt(scale: number): HistoryShape {
  return {
    repositories: 50,
    commitsPerRepository: Math.max(10, Math.round(9_200 * scale)),
    images: Math.max(4, Math.round(5_000 * scale)),
    deployments: Math.max(10, Math.round(20_000 * scale)),
    environments: 10,
    patches: Math.max(2, Math.round(5_000 * scale)),
    requirementsPerSet: 50,
  };
}

const hex = (text: string, length = 64) => createHash('sha256').update(text).digest('hex').slice(0, length);
const pkg = (r: number) => `pkg${String(r).padStart(2, '0')}`;
export const repositoryOf = (r: number) => `https://git.example/ska-sa/${pkg(r)}`;
export const commitSha = (r: number, i: number) => hex(`${r}:${i}`, 40);
export const imageDigest = (k: number) => `sha256:${hex(`image:${k}`)}`;
export const environmentName = (e: number) => (e < 2 ? `aqf-${e + 1}` : e === 2 ? 'site' : `env-${e}`);
const minute = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();

/** The synthetic history, stream by stream, in the order things happened. */
export function* syntheticHistory(shape: HistoryShape): Generator<SeedStream> {
  const { repositories, commitsPerRepository: perRepo, images } = shape;
  for (let i = 0; i < perRepo; i++) {
    for (let r = 0; r < repositories; r++) {
      const sha = commitSha(r, i);
      const committedAt = minute(i * 10);
      yield {
        streamId: `commit-${repositoryOf(r)}@${sha}`,
        events: [{ type: 'CommitRecorded', data: { repository: repositoryOf(r), sha, parents: i ? [commitSha(r, i - 1)] : [], branch: 'master', author: `dev${r % 7}`, message: `change ${i}`, committedAt } }],
      };
      yield {
        streamId: `build-${pkg(r)}@1.0.${i}`,
        events: [{ type: 'PackageBuildRecorded', data: {
          package: pkg(r), version: `1.0.${i}`, repository: repositoryOf(r), sha, outcome: 'passed',
          artifact: { filename: `${pkg(r)}-1.0.${i}.whl`, sha256: hex(`artifact:${r}:${i}`) }, buildUrl: null, builtAgainst: [], finishedAt: minute(i * 10 + 1), requestId: null,
        } }],
      };
    }
    // An image every so often, from the builds so far.
    const k = Math.floor((i * images) / perRepo);
    if (Math.floor(((i + 1) * images) / perRepo) > k) yield* imageAndVerification(shape, k, i);
  }
  for (let j = 0; j < shape.deployments; j++) yield deployment(shape, j);
  for (let p = 0; p < shape.patches; p++) {
    const environment = environmentName(2 + (p % (shape.environments - 2)));
    yield {
      streamId: `environment-${environment}`,
      events: [{ type: 'PatchApplied', data: {
        environment, patchId: `hf-${p}`, package: pkg(p % repositories), fromVersion: '1.0.0', toVersion: `1.0.0.post${p}`, nodes: ['cmc1'],
        reason: 'hot fix', appliedAt: minute(perRepo * 10 + 5 + p * 3), by: 'operator',
      } }],
    };
  }
}

function* imageAndVerification(shape: HistoryShape, k: number, i: number): Generator<SeedStream> {
  const setId = `sha256:${hex(`set:${k}`)}`;
  const requirements = Array.from({ length: shape.requirementsPerSet }, (_, r) => ({
    name: r < shape.repositories ? pkg(r) : `thirdparty${r}`,
    version: r < shape.repositories ? `1.0.${Math.max(0, i - (r % 3))}` : '2.0.0',
    extras: [], marker: null, hashes: [`sha256:${hex(`hash:${k}:${r}`)}`], via: ['-r requirements.in'], editable: false, url: null,
  }));
  yield { streamId: `pinned-set-${setId}`, events: [{ type: 'PinnedSetRecorded', data: { id: setId, name: `pinned-${k}`, requirements, builds: [], indexUrl: null, extraIndexUrls: [], requestId: null } }] };
  const digest = imageDigest(k);
  const at = minute(i * 10 + 5);
  const runs = ['aqf-1', 'aqf-2'].map((environment) => ({ runId: `run-${k}-${environment}`, environment, outcome: k % 7 === 0 && environment === 'aqf-2' ? 'failed' : 'passed', completedAt: at }));
  for (const run of runs) {
    yield {
      streamId: `aqf-run-${run.runId}`,
      events: [
        { type: 'AqfRunStarted', data: { runId: run.runId, imageDigest: digest, environment: run.environment, startedAt: at, requestId: null } },
        { type: 'AqfRunCompleted', data: { runId: run.runId, imageDigest: digest, environment: run.environment, outcome: run.outcome, passed: 400, failed: run.outcome === 'passed' ? 0 : 3, skipped: 2, reportUrl: null, completedAt: at } },
      ],
    };
  }
  const promoted = runs.every((run) => run.outcome === 'passed');
  yield {
    streamId: `image-${digest}`,
    events: [
      { type: 'ImageBaked', data: { digest, name: `autobuild-${k}.tar.gz`, pinnedSetId: setId, builderId: null, buildUrl: null, bakedAt: at, requestId: null } },
      ...runs.map((run) => ({ type: 'AqfRunOutcomeNoted', data: { imageDigest: digest, ...run } })),
      { type: promoted ? 'ReleaseCandidatePromoted' : 'ReleaseCandidateRejected', data: { imageDigest: digest, automatic: true, by: 'policy', reason: promoted ? null : 'AQF failed', aqfRuns: runs, decidedAt: at } },
    ],
  };
}

function deployment(shape: HistoryShape, j: number): SeedStream {
  const environment = environmentName(j % shape.environments);
  const imageK = Math.min(shape.images - 1, Math.floor((j * shape.images) / shape.deployments));
  const startedAt = minute(shape.commitsPerRepository * 10 + j * 2);
  return {
    streamId: `deployment-d-${j}`,
    events: [
      { type: 'DeploymentStarted', data: { deploymentId: `d-${j}`, environment, imageDigest: imageDigest(imageK), nodes: ['cmc1', 'cmc2'], configRevision: null, startedAt, by: 'operator', policyViolations: [] } },
      { type: 'DeploymentFinished', data: { deploymentId: `d-${j}`, environment, outcome: j % 13 === 0 ? 'failed' : 'succeeded', finishedAt: startedAt } },
    ],
  };
}
