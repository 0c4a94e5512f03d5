import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { LEAVES, PipelineAgents, StageRequest } from './support/pipeline-agents';
import { useApi } from './support/use-api';

forEachBackend('the pipeline drives itself', (backend: Backend) => {
  const api = useApi(backend, { PROVENANCE_SAGAS: 'on' });
  const agents = new PipelineAgents(() => api.http());
  // The run's stream starts when the sagas reach the pinning request: a moment after the agents see it.
  const run = async (runId: string) => {
    const response = await api.http().get(`/api/v1/pipeline-runs/${runId}`);
    return response.status === 404 ? { state: 'not started yet', stages: [] } : response.body;
  };
  let candidateRun: string;
  let firstPinning: StageRequest;

  it('given the package graph, when the upstream packages build, then each package downstream of them is requested, built against the new version', async () => {
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
    expect(await agents.nothingMore('pinning')).toEqual([]);
  });

  it('given four leaves built on request, when the last two leaves build, then pinning is requested naming exactly the six builds', async () => {
    await agents.commitAndBuild('katsim');
    await agents.commitAndBuild('katuilib');

    const [pinning] = await agents.take('pinning', 1);

    expect(pinning.request.builds.map((build: { package: string; version: string }) => `${build.package}==${build.version}`)).toEqual(LEAVES.map((leaf) => `${leaf}==1.1`));
    const requests = (await api.http().get('/api/v1/pipeline-requests?stage=package-build').expect(200)).body.requests;
    expect(requests.map((request: { state: string }) => request.state)).toEqual(['answered', 'answered', 'answered', 'answered']);
    candidateRun = pinning.runId!;
    firstPinning = pinning;
  });

  it('given the pinned set, the bake and AQF passing in both environments, then the image is a release candidate and the run shows every stage', async () => {
    const pinnedSetId = await agents.pin(firstPinning);
    const [bake] = await agents.take('candidate-build', 1);
    expect(bake.request).toMatchObject({ runId: candidateRun, pinnedSetId });
    const digest = await agents.bake(bake);
    const aqf = await agents.take('aqf-run', 2);
    expect(aqf.map((request) => [request.request.environment, request.request.imageDigest])).toEqual([['aqf-1', digest], ['aqf-2', digest]]);
    for (const request of aqf) await agents.verify(request, 'passed');

    const ended = await waitFor(() => run(candidateRun), (view) => ['release-candidate', 'rejected'].includes(view.state));

    expect(ended).toMatchObject({ runId: candidateRun, state: 'release-candidate', imageDigest: digest, earliestCommitAt: '2026-11-25T06:01:00.000Z' });
    expect(ended.stages.map((stage: { stage: string; state: string }) => `${stage.stage}:${stage.state}`)).toEqual([
      'pinning:answered', 'candidate-build:answered', 'aqf-run:answered', 'aqf-run:answered',
    ]);
    expect(ended.leadTimeSeconds).toBe(Math.round((Date.parse(ended.endedAt) - Date.parse(ended.earliestCommitAt)) / 1000));
    const gate = (await api.http().get(`/api/v1/gate?image=${digest}&environment=site`).expect(200)).body;
    expect(gate).toMatchObject({ allowed: true });
  });

  it('given a leaf rebuilt, when AQF fails in one environment, then the run is rejected, nothing later is requested and the gate to site is shut', async () => {
    await agents.commitAndBuild('katsim');
    const [pinning] = await agents.take('pinning', 1);
    expect(pinning.runId).not.toBe(candidateRun);
    await agents.pin(pinning);
    const digest = await agents.bake((await agents.take('candidate-build', 1))[0]);
    const [aqf1, aqf2] = await agents.take('aqf-run', 2);

    await agents.verify(aqf1, 'failed');
    const rejected = await waitFor(() => run(pinning.runId!), (view) => ['release-candidate', 'rejected'].includes(view.state));
    await agents.verify(aqf2, 'passed');

    expect(rejected).toMatchObject({ state: 'rejected', imageDigest: digest });
    expect((await run(pinning.runId!)).state).toBe('rejected');
    for (const stage of ['pinning', 'candidate-build', 'aqf-run']) expect(await agents.nothingMore(stage)).toEqual([]);
    const gate = (await api.http().get(`/api/v1/gate?image=${digest}&environment=site`).expect(200)).body;
    expect(gate).toMatchObject({ allowed: false });
  });

  it('given the runs so far, then the list shows the newest first with their outcomes', async () => {
    const { runs } = (await api.http().get('/api/v1/pipeline-runs').expect(200)).body;
    expect(runs.map((view: { state: string }) => view.state)).toEqual(['rejected', 'release-candidate']);
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
  const agents = new PipelineAgents(() => api.http());
  const entry = (name: string, needs: string[]) => ({
    package: { key: name, package_name: name, installed_version: '1.0' },
    dependencies: needs.map((dependency) => ({ key: dependency, package_name: dependency, installed_version: '1.0', required_version: null })),
  });

  it('given a graph where katcomp, katobs and katpoint need each other in a ring, when katcomp builds, then each is built once and the wave ends', async () => {
    // katsim hangs off katcore alone: its request, made after the last ring build, shows the sagas got past it.
    const ring = [entry('katcomp', ['katpoint']), entry('katobs', ['katcomp']), entry('katpoint', ['katobs']), entry('katsim', ['katcore']), entry('katcore', [])];
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
  const api = useApi(backend, { PROVENANCE_SAGAS: 'on', PROVENANCE_PIPELINE: QUICK_AQF, PROVENANCE_DEADLINE_CHECK_MS: '200' });
  const agents = new PipelineAgents(() => api.http());
  // The run's stream starts when the sagas reach the pinning request: a moment after the agents see it.
  const run = async (runId: string) => {
    const response = await api.http().get(`/api/v1/pipeline-runs/${runId}`);
    return response.status === 404 ? { state: 'not started yet', stages: [] } : response.body;
  };

  it('given a package-build request with a 1 s timeout and no build, then it shows timed out, and a late build still answers it', async () => {
    await agents.recordGraph();
    await agents.commitAndBuild('katconf');
    const requests = await agents.take('package-build', 2);

    const late = await waitFor(
      async () => (await api.http().get('/api/v1/pipeline-requests?stage=package-build').expect(200)).body.requests,
      (views: { state: string; timedOutAt: string; deadline: string }[]) => views.every((view) => view.state === 'timed-out'),
    );
    expect(late.map((view: { state: string }) => view.state)).toEqual(['timed-out', 'timed-out']);
    expect(late[0].timedOutAt).toBe(late[0].deadline);
    await agents.buildRequested(requests[0]);

    const answered = await waitFor(
      async () => (await api.http().get('/api/v1/pipeline-requests?stage=package-build').expect(200)).body.requests,
      (views: { state: string }[]) => views[0].state === 'answered',
    );
    expect(answered.map((view: { state: string }) => view.state)).toEqual(['answered', 'timed-out']);
  });

  it('given AQF requested with a 1 s timeout and no result, then both AQF stages show timed out, and late results still make a candidate', async () => {
    for (const leaf of LEAVES) await agents.commitAndBuild(leaf);
    const [pinning] = await agents.take('pinning', 1);
    await agents.pin(pinning);
    await agents.bake((await agents.take('candidate-build', 1))[0]);
    const aqf = await agents.take('aqf-run', 2);

    const late = await waitFor(() => run(pinning.runId!), (view) => view.stages.filter((stage: { state: string }) => stage.state === 'timed-out').length === 2);
    expect(late.stages.map((stage: { stage: string; state: string }) => `${stage.stage}:${stage.state}`)).toEqual([
      'pinning:answered', 'candidate-build:answered', 'aqf-run:timed-out', 'aqf-run:timed-out',
    ]);
    expect(late.stages[2].timedOutAt).toBe(late.stages[2].deadline);
    for (const request of aqf) await agents.verify(request, 'passed');

    const ended = await waitFor(() => run(pinning.runId!), (view) => ['release-candidate', 'rejected'].includes(view.state));
    expect(ended.state).toBe('release-candidate');
    expect(ended.stages[3]).toMatchObject({ state: 'answered', timedOutAt: late.stages[3].timedOutAt });
  });
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
