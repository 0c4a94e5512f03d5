import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { aqfResult, aqfStart, digest, image, katcompBuild, katcompCommit, pipCompileOutput, pipdeptreeJson, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

forEachBackend('recording the pipeline over HTTP', (backend: Backend) => {
  const api = useApi(backend);
  const http = api.http;
  const logLength = async () => (await http().get('/api/v1/audit/events?limit=1000').expect(200)).body.events.length;

  it('given a commit, when it is recorded twice, then the first is 201 and the repeat 200 with the same positions', async () => {
    const first = await http().post('/api/v1/commits').send(katcompCommit).expect(201);
    const repeat = await http().post('/api/v1/commits').send(katcompCommit).expect(200);

    expect(first.body).toMatchObject({ status: 'recorded', events: [{ type: 'CommitRecorded', revision: '0' }] });
    expect(first.body.events[0].streamId).toBe(`commit-${katcompCommit.repository}@${katcompCommit.sha}`);
    expect(repeat.body).toEqual({ ...first.body, status: 'already-recorded' });
  });

  it('given an answer asked for again with If-None-Match, then it comes whole: answers carry no ETag (the API documents no 304) and name no framework', async () => {
    await http().post('/api/v1/commits').send(katcompCommit);
    const first = await http().get('/api/v1/audit/events?limit=1').expect(200);

    const again = await http().get('/api/v1/audit/events?limit=1').set('If-None-Match', first.headers.etag ?? 'W/"any"').expect(200);

    expect(again.body).toEqual(first.body);
    expect(first.headers.etag).toBeUndefined();
    expect(first.headers['x-powered-by']).toBeUndefined();
  });

  it('given a recorded commit, when the same sha arrives with other parents, then 409 shows both', async () => {
    const response = await http()
      .post('/api/v1/commits')
      .send({ ...katcompCommit, parents: [sha('ff')] })
      .expect(409);

    expect(response.body.message).toContain('parents');
    expect(response.body.recorded.parents).toEqual(katcompCommit.parents);
    expect(response.body.attempted.parents).toEqual([sha('ff')]);
  });

  it('given a package build, when the same version arrives with another artifact, then 409 exposes the non-repeatable build', async () => {
    await http().post('/api/v1/builds').send(katcompBuild).expect(201);
    const rebuilt = { ...katcompBuild, artifact: { ...katcompBuild.artifact, sha256: 'e'.repeat(64) } };

    const response = await http().post('/api/v1/builds').send(rebuilt).expect(409);

    expect(response.body.differences).toEqual([{ field: 'artifact.sha256', recorded: 'c'.repeat(64), attempted: 'e'.repeat(64) }]);
  });

  it('given a build whose commit is not recorded, then it is accepted all the same', async () => {
    const orphan = { ...katcompBuild, package: 'katobs', version: '0.9.1', sha: sha('b7') };
    await http().post('/api/v1/builds').send(orphan).expect(201);
  });

  it('given pip-compile output as text/plain, then the set is recorded under its content id with the parsed requirements', async () => {
    const response = await http()
      .post('/api/v1/pinned-sets?name=publish-requirements&builds=katcomp==1.4.0')
      .set('Content-Type', 'text/plain')
      .send(pipCompileOutput())
      .expect(201);

    expect(response.body.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(response.body.requirements).toHaveLength(29);
    expect(response.body.events[0].streamId).toBe(`pinned-set-${response.body.id}`);

    const asJson = await http()
      .post('/api/v1/pinned-sets')
      .send({ name: 'publish-requirements', requirementsText: pipCompileOutput(), builds: [{ package: 'katcomp', version: '1.4.0' }] })
      .expect(200);
    expect(asJson.body.id).toBe(response.body.id);
  });

  it('given pipdeptree --json output, then the package graph is recorded once', async () => {
    await http().post('/api/v1/package-graph').send(pipdeptreeJson()).expect(201);
    await http().post('/api/v1/package-graph').send(pipdeptreeJson()).expect(200);
  });

  it('given an image passing AQF in both environments, then it becomes a candidate and the gate lets it on site', async () => {
    const baked = image(digest('0a'), '1');
    await http().post('/api/v1/images').send(baked).expect(201);
    for (const [runId, environment] of [['run-1', 'aqf-1'], ['run-2', 'aqf-2']]) {
      await http().post('/api/v1/aqf-runs').send(aqfStart(runId, baked.digest, environment)).expect(201);
    }
    await http().post('/api/v1/aqf-runs/run-1/result').send(aqfResult('passed')).expect(201);
    const before = await http().get(`/api/v1/gate?image=${baked.digest}&environment=site`).expect(200);
    const last = await http().post('/api/v1/aqf-runs/run-2/result').send(aqfResult('passed')).expect(201);

    expect(before.body).toMatchObject({ allowed: false, releaseCandidate: false });
    expect(before.body.reasons[0]).toContain('waiting for passing AQF runs in aqf-2');
    expect(last.body.events.map((event: { type: string }) => event.type)).toEqual([
      'AqfRunCompleted',
      'AqfRunOutcomeNoted',
      'ReleaseCandidatePromoted',
    ]);
    const gate = await http().get(`/api/v1/gate?image=${baked.digest}&environment=site`).expect(200);
    expect(gate.body).toMatchObject({ allowed: true, releaseCandidate: true });

    const deployment = {
      deploymentId: 'deploy-site-1',
      environment: 'site',
      imageDigest: baked.digest,
      nodes: ['cmc1', 'cmc2'],
      configRevision: { repository: 'https://github.com/ska-sa/katconfig', sha: sha('c0') },
      startedAt: '2026-11-24T12:00:00Z',
      by: 'operator-anne',
    };
    await http().post('/api/v1/deployments').send(deployment).expect(201);
    await http().post('/api/v1/deployments/deploy-site-1/result').send({ outcome: 'succeeded', finishedAt: '2026-11-24T12:30:00Z' }).expect(201);
    const stream = await http().get('/api/v1/streams/deployment-deploy-site-1').expect(200);
    expect(stream.body.events[0].data.policyViolations).toEqual([]);
    expect(stream.body.events[1].data).toMatchObject({ outcome: 'succeeded', environment: 'site' });
  });

  it('given an image failing AQF, then it is rejected, the gate refuses site, and a deployment there is recorded as a violation', async () => {
    const baked = image(digest('0b'), '2');
    await http().post('/api/v1/images').send(baked).expect(201);
    await http().post('/api/v1/aqf-runs').send(aqfStart('run-3', baked.digest, 'aqf-1')).expect(201);
    const failed = await http().post('/api/v1/aqf-runs/run-3/result').send(aqfResult('failed')).expect(201);
    expect(failed.body.events.map((event: { type: string }) => event.type)).toContain('ReleaseCandidateRejected');

    const gate = await http().get(`/api/v1/gate?image=${baked.digest}&environment=site`).expect(200);
    expect(gate.body.allowed).toBe(false);
    expect(gate.body.reasons[0]).toContain('AQF run run-3 in aqf-1 failed');

    await http()
      .post('/api/v1/deployments')
      .send({ deploymentId: 'deploy-site-2', environment: 'site', imageDigest: baked.digest, nodes: ['cmc1'], startedAt: '2026-11-24T13:00:00Z' })
      .expect(201);
    const stream = await http().get('/api/v1/streams/deployment-deploy-site-2').expect(200);
    expect(stream.body.events[0].data.policyViolations[0]).toContain('deployed to site although the gate refuses it');
  });

  it('given a rejected image, when a release manager promotes it with a reason, then the gate follows the decision', async () => {
    const baked = image(digest('0b'), '2');
    await http().post(`/api/v1/images/${baked.digest}/decision`).send({ decision: 'promote', reason: 'AQF flake, rerun by hand' }).expect(201);

    const gate = await http().get(`/api/v1/gate?image=${baked.digest}&environment=site`).expect(200);
    expect(gate.body).toMatchObject({ allowed: true, releaseCandidate: true });
    expect(gate.body.reasons[0]).toContain('promoted by local: AQF flake, rerun by hand');
  });

  it('given a deployed site, then patches and configuration are recorded in the environment stream', async () => {
    const patch = {
      patchId: 'hotfix-17',
      package: 'katportal',
      fromVersion: '2.1.0',
      toVersion: '2.1.1',
      nodes: ['cmc1'],
      reason: 'Fix sensor subscription leak',
      appliedAt: '2026-11-24T15:00:00Z',
    };
    await http().post('/api/v1/environments/site/patches').send(patch).expect(201);
    await http().post('/api/v1/environments/site/patches').send(patch).expect(200);
    await http()
      .post('/api/v1/environments/site/patches')
      .send({ ...patch, toVersion: '2.1.2' })
      .expect(409);
    await http()
      .post('/api/v1/environments/site/config')
      .send({ repository: 'https://github.com/ska-sa/katconfig', sha: sha('c1'), appliedAt: '2026-11-24T16:00:00Z' })
      .expect(201);

    const stream = await http().get('/api/v1/streams/environment-site').expect(200);
    expect(stream.body.events.map((event: { type: string }) => event.type)).toEqual(['PatchApplied', 'ConfigurationApplied']);
    expect(stream.body.events[0].metadata.actor).toBe('local');
  });

  it('given a result for a run never started, then 422 says to record the start first, and nothing is written', async () => {
    const before = await logLength();
    const response = await http().post('/api/v1/aqf-runs/run-unknown/result').send(aqfResult('passed')).expect(422);
    expect(response.body).toMatchObject({ error: 'aqf-run-started-first' });
    expect(response.body.message).toContain('POST /api/v1/aqf-runs');
    await http().post('/api/v1/deployments/nope/result').send({ outcome: 'failed', finishedAt: '2026-11-24T12:30:00Z' }).expect(422);
    expect(await logLength()).toBe(before);
  });
});
