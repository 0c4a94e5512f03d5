import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, waitBudget } from '@provenance/testing';
import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { LEAVES, PipelineAgents, StageRequest } from './support/pipeline-agents';
import { ApiUnderTest, useApi } from './support/use-api';

forEachBackend('the pipeline drives itself', (backend: Backend) => {
  // A log per test: the fan-in gathers every leaf build, so tests sharing one would see each other's.
  const api = useApi(backend, { PROVENANCE_SAGAS: 'on' }, { eachTest: true });
  const use = useAgents(api);

  it('given the package graph, when the upstream packages build, then each package downstream of them is requested, built against the new version', async () => {
    const agents = use.agents();
    await agents.recordGraph();
    const katcore = await agents.commitAndBuild('katcore');
    const katconf = await agents.commitAndBuild('katconf');

    const requests = await agents.take('package-build', 4);

    expect(requests.map((request) => [request.request.package, request.request.inputs])).toEqual([
      ['katcomp', [katcore]],
      ['katobs', [katcore]],
      ['katportal', [katconf]],
      ['katproxy', [katconf]],
    ]);
    for (const request of requests) await agents.buildRequested(request);
    await agents.settle();
    expect(await agents.untaken('pinning')).toEqual([]);
  });

  it('given four leaves built on request, when the last two leaves build, then pinning is requested naming exactly the six builds', async () => {
    const agents = use.agents();
    await buildDownstreamOfUpstream(agents);
    await agents.commitAndBuild('katsim');
    await agents.commitAndBuild('katuilib');

    const [pinning] = await agents.take('pinning', 1);

    expect(pinning.request.builds.map((build: { package: string; version: string }) => `${build.package}==${build.version}`)).toEqual(LEAVES.map((leaf) => `${leaf}==1.1`));
    const requests = (await api.http().get('/api/v1/pipeline-requests?stage=package-build').expect(200)).body.requests;
    expect(requests.map((request: { state: string }) => request.state)).toEqual(['answered', 'answered', 'answered', 'answered']);
  });

  it('given the pinned set, the bake and AQF passing in both environments, then the image is a release candidate and the run shows every stage', async () => {
    const agents = use.agents();
    const pinning = await firstPinning(agents);
    const pinnedSetId = await agents.pin(pinning);
    const [bake] = await agents.take('candidate-build', 1);
    expect(bake.request).toMatchObject({ runId: pinning.runId, pinnedSetId });
    const digest = await agents.bake(bake);
    const aqf = await agents.take('aqf-run', 2);
    expect(aqf.map((request) => [request.request.environment, request.request.imageDigest])).toEqual([['aqf-1', digest], ['aqf-2', digest]]);
    for (const request of aqf) await agents.verify(request, 'passed');

    const ended = await use.runEnded(pinning.runId!);

    expect(ended).toMatchObject({ runId: pinning.runId, state: 'release-candidate', imageDigest: digest, earliestCommitAt: '2026-11-25T06:01:00.000Z' });
    expect(ended.stages.map((stage: { stage: string; state: string }) => `${stage.stage}:${stage.state}`)).toEqual([
      'pinning:answered', 'candidate-build:answered', 'aqf-run:answered', 'aqf-run:answered',
    ]);
    expect(ended.leadTimeSeconds).toBe(Math.round((Date.parse(ended.endedAt) - Date.parse(ended.earliestCommitAt)) / 1000));
    const gate = (await api.http().get(`/api/v1/gate?image=${digest}&environment=site`).expect(200)).body;
    expect(gate).toMatchObject({ allowed: true });
  });

  it('given a run, when AQF fails in one environment, then the run is rejected, nothing later is requested and the gate to site is shut', async () => {
    const agents = use.agents();
    const pinning = await firstPinning(agents);
    await agents.pin(pinning);
    const digest = await agents.bake((await agents.take('candidate-build', 1))[0]);
    const [aqf1, aqf2] = await agents.take('aqf-run', 2);

    await agents.verify(aqf1, 'failed');
    const rejected = await use.runEnded(pinning.runId!);
    await agents.verify(aqf2, 'passed');
    await agents.settle();

    expect(rejected).toMatchObject({ state: 'rejected', imageDigest: digest });
    expect((await use.run(pinning.runId!)).state).toBe('rejected');
    for (const stage of ['pinning', 'candidate-build', 'aqf-run']) expect(await agents.untaken(stage)).toEqual([]);
    const gate = (await api.http().get(`/api/v1/gate?image=${digest}&environment=site`).expect(200)).body;
    expect(gate).toMatchObject({ allowed: false });
  });

  it('given a run that made a candidate and, after a leaf was rebuilt, one rejected, then the list shows the newest first with their outcomes', async () => {
    const agents = use.agents();
    const first = await firstPinning(agents);
    await use.play(first, 'passed');
    await agents.commitAndBuild('katsim');
    const [second] = await agents.take('pinning', 1);
    await use.play(second, 'failed');

    const { runs } = (await api.http().get('/api/v1/pipeline-runs').expect(200)).body;
    expect(runs.map((view: { runId: string; state: string }) => [view.runId, view.state])).toEqual([[second.runId, 'rejected'], [first.runId, 'release-candidate']]);
  });

  it('given an unknown run, a bad stage or a bad cursor, then the answer names what is wrong', async () => {
    const missing = await api.http().get('/api/v1/pipeline-runs/run-nope').expect(404);
    expect(missing.body.message).toMatch(/no pipeline run run-nope/);
    const stage = await api.http().get('/api/v1/pipeline-requests?stage=deploy').expect(400);
    expect(stage.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^stage must be one of package-build, pinning, candidate-build, aqf-run/)]));
    const cursor = await api.http().get('/api/v1/pipeline-requests?after=yesterday').expect(400);
    expect(cursor.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^after must be a cursor/)]));
  });
});

forEachBackend('dependency-driven builds round a cycle', (backend: Backend) => {
  const api = useApi(backend, { PROVENANCE_SAGAS: 'on' });
  const use = useAgents(api);
  const entry = (name: string, needs: string[]) => ({
    package: { key: name, package_name: name, installed_version: '1.0' },
    dependencies: needs.map((dependency) => ({ key: dependency, package_name: dependency, installed_version: '1.0', required_version: null })),
  });

  it('given a graph where katcomp, katobs and katpoint need each other in a ring, when katcomp builds, then each is built once and the wave ends', async () => {
    // katsim hangs off katcore alone: its request, made after the last ring build, shows the sagas got past it.
    const ring = [entry('katcomp', ['katpoint']), entry('katobs', ['katcomp']), entry('katpoint', ['katobs']), entry('katsim', ['katcore']), entry('katcore', [])];
    const agents = use.agents();
    const graph = await api.http().post('/api/v1/package-graph').send(ring).expect(201);
    expect(graph.body.cycles).toEqual([['katcomp', 'katpoint', 'katobs', 'katcomp']]);

    await agents.commitAndBuild('katcomp');
    const built: string[] = [];
    for (let step = 0; step < 2; step++) {
      const [request] = await agents.take('package-build', 1);
      built.push(request.request.package);
      await agents.buildRequested(request);
    }
    await agents.commitAndBuild('katcore');
    const [sentinel] = await agents.take('package-build', 1);

    expect(built).toEqual(['katobs', 'katpoint']);
    expect(sentinel.request.package).toBe('katsim');
  });
});

const QUICK_AQF = join(mkdtempSync(join(tmpdir(), 'pipeline-')), 'pipeline.yaml');
writeFileSync(QUICK_AQF, 'stageTimeouts:\n  aqf-run: 1s\n  package-build: 1s\n');

forEachBackend('a stage past its deadline', (backend: Backend) => {
  const api = useApi(backend, { PROVENANCE_SAGAS: 'on', PROVENANCE_PIPELINE: QUICK_AQF, PROVENANCE_DEADLINE_CHECK_MS: '200' }, { eachTest: true });
  const use = useAgents(api);
  const buildRequests = async () => (await api.http().get('/api/v1/pipeline-requests?stage=package-build').expect(200)).body.requests;

  it('given a package-build request with a 1 s timeout and no build, then it shows timed out, and a late build still answers it', async () => {
    const agents = use.agents();
    await agents.recordGraph();
    await agents.commitAndBuild('katconf');
    const requests = await agents.take('package-build', 2);

    const late = await eventually(buildRequests, (views: { state: string; timedOutAt: string; deadline: string }[]) => views.every((view) => view.state === 'timed-out'), {
      what: 'both requests timed out',
      timeoutMs: use.timeLeft(),
    });
    expect(late.map((view: { state: string }) => view.state)).toEqual(['timed-out', 'timed-out']);
    expect(late[0].timedOutAt).toBe(late[0].deadline);
    await agents.buildRequested(requests[0]);

    const answered = await eventually(buildRequests, (views: { state: string }[]) => views[0].state === 'answered', { what: 'the late build to answer', timeoutMs: use.timeLeft() });
    expect(answered.map((view: { state: string }) => view.state)).toEqual(['answered', 'timed-out']);
  });

  it('given AQF requested with a 1 s timeout and no result, then both AQF stages show timed out, and late results still make a candidate', async () => {
    const agents = use.agents();
    for (const leaf of LEAVES) await agents.commitAndBuild(leaf);
    const [pinning] = await agents.take('pinning', 1);
    await agents.pin(pinning);
    await agents.bake((await agents.take('candidate-build', 1))[0]);
    const aqf = await agents.take('aqf-run', 2);

    const late = await eventually(() => use.run(pinning.runId!), (view) => view.stages.filter((stage: { state: string }) => stage.state === 'timed-out').length === 2, {
      what: 'both AQF stages timed out',
      timeoutMs: use.timeLeft(),
    });
    expect(late.stages.map((stage: { stage: string; state: string }) => `${stage.stage}:${stage.state}`)).toEqual([
      'pinning:answered', 'candidate-build:answered', 'aqf-run:timed-out', 'aqf-run:timed-out',
    ]);
    expect(late.stages[2].timedOutAt).toBe(late.stages[2].deadline);
    for (const request of aqf) await agents.verify(request, 'passed');

    const ended = await use.runEnded(pinning.runId!);
    expect(ended.state).toBe('release-candidate');
    expect(ended.stages[3]).toMatchObject({ state: 'answered', timedOutAt: late.stages[3].timedOutAt });
  });
});

/** Fresh agents for each test, whose waits share one budget below jest's timeout, and the run views they wait for. */
function useAgents(api: ApiUnderTest) {
  let agents: PipelineAgents;
  let timeLeft: () => number;
  beforeEach(() => {
    timeLeft = waitBudget();
    agents = new PipelineAgents(() => api.http(), { timeoutMs: () => timeLeft() });
  });
  // The run's stream starts when the sagas reach the pinning request: a moment after the agents see it.
  const run = async (runId: string) => {
    const response = await api.http().get(`/api/v1/pipeline-runs/${runId}`);
    return response.status === 404 ? { state: 'not started yet', stages: [] } : response.body;
  };
  const runEnded = (runId: string) => eventually(() => run(runId), (view) => ['release-candidate', 'rejected'].includes(view.state), { what: `run ${runId} to end`, timeoutMs: timeLeft() });
  return {
    agents: () => agents,
    timeLeft: () => timeLeft(),
    run,
    runEnded,
    /** Pins, bakes and verifies a run, AQF in aqf-1 with the outcome given and passing in aqf-2, and waits for it to end. */
    async play(pinning: StageRequest, aqf1: 'passed' | 'failed') {
      await agents.pin(pinning);
      await agents.bake((await agents.take('candidate-build', 1))[0]);
      const [first, second] = await agents.take('aqf-run', 2);
      await agents.verify(first, aqf1);
      await agents.verify(second, 'passed');
      return runEnded(pinning.runId!);
    },
  };
}

/** The upstream packages built and the four builds they request answered: four of the six leaves. */
async function buildDownstreamOfUpstream(agents: PipelineAgents): Promise<void> {
  await agents.recordGraph();
  await agents.commitAndBuild('katcore');
  await agents.commitAndBuild('katconf');
  for (const request of await agents.take('package-build', 4)) await agents.buildRequested(request);
}

/** Every leaf built once, and the pinning request that follows. */
async function firstPinning(agents: PipelineAgents): Promise<StageRequest> {
  await buildDownstreamOfUpstream(agents);
  await agents.commitAndBuild('katsim');
  await agents.commitAndBuild('katuilib');
  const [pinning] = await agents.take('pinning', 1);
  return pinning;
}
