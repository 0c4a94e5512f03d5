import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { aqfResult, aqfStart, digest, katcompBuild, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const KATCOMP = 'https://github.com/ska-sa/katcomp';
const commit = (seed: string, committedAt: string, message: string) => ({
  repository: KATCOMP, sha: sha(seed), parents: [], author: 'dev', message, committedAt,
});
const requirements = (lines: string[]) => `# pip-compile output\n${lines.join('\n')}\n`;

forEachBackend('lineage, impact, diff and history', (backend: Backend) => {
  const api = useApi(backend);
  let setA: string;
  let setB: string;
  const imageX = digest('7a');
  const imageY = digest('7b');
  // Shares its first 7 hex digits with imageX, and pins nothing any other test asks about.
  const imageXLookalike = digest('7a7a7a7b');
  const http = api.http;
  const post = (url: string, body: object, status = 201) => http().post(url).send(body).expect(status);

  beforeAll(async () => {
    await post('/api/v1/commits', commit('c1', '2026-11-20T08:00:00Z', 'first'));
    await post('/api/v1/commits', commit('c2', '2026-11-21T08:00:00Z', 'second'));
    await post('/api/v1/commits', commit('c3', '2026-11-22T08:00:00Z', 'third'));
    await post('/api/v1/builds', { ...katcompBuild, version: '1.0', sha: sha('c1'), artifact: { filename: 'katcomp-1.0.whl', sha256: 'a'.repeat(64) } });
    await post('/api/v1/builds', { ...katcompBuild, version: '1.1', sha: sha('c3'), artifact: { filename: 'katcomp-1.1.whl', sha256: 'b'.repeat(64) } });
    setA = (await post('/api/v1/pinned-sets', { name: 'a', requirementsText: requirements(['katcomp==1.0', 'katobs==0.9.1', 'numpy==1.26.4']) })).body.id;
    setB = (await post('/api/v1/pinned-sets', { name: 'b', requirementsText: requirements(['katcomp==1.1', 'katobs==0.9.1', 'scipy==1.11.0']) })).body.id;
    await post('/api/v1/images', { digest: imageX, name: 'autobuild-x.tar.gz', pinnedSetId: setA, bakedAt: '2026-11-23T09:00:00Z' });
    await post('/api/v1/images', { digest: imageY, name: 'autobuild-y.tar.gz', pinnedSetId: setB, bakedAt: '2026-11-24T09:00:00Z' });
    const setC = (await post('/api/v1/pinned-sets', { name: 'c', requirementsText: requirements(['numpy==1.26.4']) })).body.id;
    await post('/api/v1/images', { digest: imageXLookalike, name: 'autobuild-x2.tar.gz', pinnedSetId: setC, bakedAt: '2026-11-24T10:00:00Z' });
    for (const [runId, environment] of [['x-1', 'aqf-1'], ['x-2', 'aqf-2']]) {
      await post('/api/v1/aqf-runs', aqfStart(runId, imageX, environment));
      await post(`/api/v1/aqf-runs/${runId}/result`, aqfResult('passed'));
    }
    const deploy = (deploymentId: string, environment: string, imageDigest: string, startedAt: string) =>
      post('/api/v1/deployments', { deploymentId, environment, imageDigest, nodes: ['cmc1'], startedAt });
    await deploy('site-1', 'site', imageX, '2026-11-23T12:00:00Z');
    await deploy('aqf-1-1', 'aqf-1', imageX, '2026-11-23T10:00:00Z');
    await deploy('site-2', 'site', imageY, '2026-11-24T18:00:00Z');
    await post('/api/v1/environments/site/patches', {
      patchId: 'hf-1', package: 'katobs', fromVersion: '0.9.1', toVersion: '0.9.2', nodes: ['cmc1'], reason: 'leak', appliedAt: '2026-11-24T20:00:00Z',
    });
  });

  it('given an image, then its lineage reaches its pinned set, builds, commits, AQF runs and decision', async () => {
    const { body } = await http().get(`/api/v1/images/${imageX}/lineage`).expect(200);
    expect(body.image).toMatchObject({ digest: imageX, name: 'autobuild-x.tar.gz', bakedAt: '2026-11-23T09:00:00.000Z' });
    expect(body.pinnedSet).toMatchObject({ id: setA, name: 'a' });
    expect(body.packages[0]).toMatchObject({ name: 'katcomp', version: '1.0', source: { sha: sha('c1'), author: 'dev' } });
    expect(body.aqfRuns.map((run: { runId: string; outcome: string }) => [run.runId, run.outcome])).toEqual([['x-1', 'passed'], ['x-2', 'passed']]);
    expect(body.decisions).toEqual([expect.objectContaining({ releaseCandidate: true, automatic: true, by: 'policy' })]);
    expect(body).toMatchObject({ releaseCandidate: true, unresolved: [] });
  });

  it('given a commit, then its impact follows it to builds, sets, images and the intervals it ran in each environment', async () => {
    const { body } = await http().get(`/api/v1/commits/${encodeURIComponent(KATCOMP)}/${sha('c1')}/impact`).expect(200);
    expect(body.commit).toMatchObject({ repository: KATCOMP, sha: sha('c1'), message: 'first', recorded: true });
    expect(body.builds).toEqual([expect.objectContaining({ package: 'katcomp', version: '1.0' })]);
    expect(body.pinnedSets).toEqual([{ id: setA, name: 'a', packages: ['katcomp'] }]);
    expect(body.images).toEqual([expect.objectContaining({ digest: imageX, releaseCandidate: true })]);
    expect(body.environments).toEqual([
      { environment: 'aqf-1', via: 'deployment', imageDigest: imageX, deploymentId: 'aqf-1-1', patchId: null, from: '2026-11-23T10:00:00.000Z', until: null, runningNow: true },
      { environment: 'site', via: 'deployment', imageDigest: imageX, deploymentId: 'site-1', patchId: null, from: '2026-11-23T12:00:00.000Z', until: '2026-11-24T18:00:00.000Z', runningNow: false },
    ]);
  });

  it('given a hot-fix build patched onto site, then the impact of its commit includes site from the patch on', async () => {
    await post('/api/v1/commits', commit('c9', '2026-11-24T19:00:00Z', 'hot fix'));
    await post('/api/v1/builds', { ...katcompBuild, package: 'katobs', version: '0.9.2', sha: sha('c9'), artifact: { filename: 'katobs-0.9.2.whl', sha256: 'd'.repeat(64) } });

    const { body } = await http().get(`/api/v1/commits/${encodeURIComponent(KATCOMP)}/${sha('c9')}/impact`).expect(200);
    expect(body.environments).toEqual([
      { environment: 'site', via: 'patch', imageDigest: null, deploymentId: null, patchId: 'hf-1', from: '2026-11-24T20:00:00.000Z', until: null, runningNow: true },
    ]);
  });

  it('given two images, then the diff shows added, removed and changed packages with the commits in between', async () => {
    const { body } = await http().get(`/api/v1/diff?from=${imageX}&to=${imageY}`).expect(200);
    expect(body.added).toEqual([{ name: 'scipy', version: '1.11.0' }]);
    expect(body.removed).toEqual([{ name: 'numpy', version: '1.26.4' }]);
    expect(body.changed).toEqual([
      {
        name: 'katcomp',
        fromVersion: '1.0',
        toVersion: '1.1',
        repository: KATCOMP,
        fromSha: sha('c1'),
        toSha: sha('c3'),
        direction: 'upgrade',
        commits: [
          { sha: sha('c2'), author: 'dev', message: 'second', committedAt: '2026-11-21T08:00:00.000Z' },
          { sha: sha('c3'), author: 'dev', message: 'third', committedAt: '2026-11-22T08:00:00.000Z' },
        ],
      },
    ]);
  });

  it('given the same two images the other way round, then the change is a downgrade over the same commits', async () => {
    const { body } = await http().get(`/api/v1/diff?from=${imageY}&to=${imageX}`).expect(200);
    expect(body.added).toEqual([{ name: 'numpy', version: '1.26.4' }]);
    expect(body.changed).toEqual([
      expect.objectContaining({ name: 'katcomp', fromVersion: '1.1', toVersion: '1.0', direction: 'downgrade', commits: [expect.objectContaining({ sha: sha('c2') }), expect.objectContaining({ sha: sha('c3') })] }),
    ]);
  });

  it('given a VCS requirement that pins no version, then its build and source come from the build the set names', async () => {
    const vcs = requirements([`katcomp @ git+https://github.com/ska-sa/katcomp@${sha('c3')}`, 'katobs==0.9.1']);
    const set = (await post('/api/v1/pinned-sets', { name: 'vcs', requirementsText: vcs, builds: [{ package: 'katcomp', version: '1.1' }] })).body.id;
    const imageV = digest('7c');
    await post('/api/v1/images', { digest: imageV, name: 'autobuild-v.tar.gz', pinnedSetId: set, bakedAt: '2026-11-25T09:00:00Z' });

    const { body } = await http().get(`/api/v1/images/${imageV}/lineage`).expect(200);
    expect(body.packages[0]).toMatchObject({ name: 'katcomp', version: '1.1', source: { sha: sha('c3') } });
    const impact = await http().get(`/api/v1/commits/${encodeURIComponent(KATCOMP)}/${sha('c3')}/impact`).expect(200);
    expect(impact.body.pinnedSets.map((s: { name: string }) => s.name).sort()).toEqual(['b', 'vcs']);
  });

  it('given an environment, then its history lists deployments and patches in order', async () => {
    const { body } = await http().get('/api/v1/environments/site/history').expect(200);
    expect(body.history.map((entry: { kind: string; at: string }) => [entry.kind, entry.at])).toEqual([
      ['deployment', '2026-11-23T12:00:00.000Z'],
      ['deployment', '2026-11-24T18:00:00.000Z'],
      ['patch', '2026-11-24T20:00:00.000Z'],
    ]);
  });

  it('given the first 12 hex digits the tables print, with or without sha256:, then lineage, diff and impact answer as for the full ids', async () => {
    const full = (await http().get(`/api/v1/images/${imageY}/lineage`).expect(200)).body;
    expect((await http().get(`/api/v1/images/${imageY.slice(7, 19)}/lineage`).expect(200)).body).toEqual(full);
    expect((await http().get(`/api/v1/images/${imageY.slice(0, 19)}/lineage`).expect(200)).body).toEqual(full);
    const diff = (await http().get(`/api/v1/diff?from=${imageX}&to=${imageY}`).expect(200)).body;
    expect((await http().get(`/api/v1/diff?from=${imageX.slice(7, 19)}&to=${imageY.slice(0, 14)}`).expect(200)).body).toEqual(diff);
    const impact = (await http().get(`/api/v1/commits/${encodeURIComponent(KATCOMP)}/${sha('c1')}/impact`).expect(200)).body;
    expect((await http().get(`/api/v1/commits/katcomp/${sha('c1').slice(0, 7)}/impact`).expect(200)).body).toEqual(impact);
  });

  it('given a prefix two images share, then 409 lists both', async () => {
    const { body } = await http().get('/api/v1/images/7a7a7a7/lineage').expect(409);
    expect(body.message).toBe(`image 7a7a7a7 could be any of ${imageX}, ${imageXLookalike}; give more of it`);
  });

  it('given an image nobody recorded, deployed or tested, then lineage and diff answer 404 naming it', async () => {
    expect((await http().get(`/api/v1/images/${digest('99')}/lineage`).expect(404)).body.message).toBe(`no image ${digest('99')} on record`);
    expect((await http().get(`/api/v1/diff?from=${imageX}&to=9999999`).expect(404)).body.message).toBe('no image 9999999 on record');
  });

  it('given a digest mistyped after its first 7 hex digits, then 404 suggests the images that start as it does', async () => {
    const typo = `${imageY.slice(0, 20)}ff${imageY.slice(22)}`;
    expect((await http().get(`/api/v1/images/${typo}/lineage`).expect(404)).body.message).toBe(`no image ${typo} on record; did you mean ${imageY}?`);
  });

  it('given a commit or repository nobody recorded, then impact answers 404 naming what is known', async () => {
    const unknownSha = await http().get(`/api/v1/commits/katcomp/${sha('9f')}/impact`).expect(404);
    expect(unknownSha.body.message).toBe(`no commit ${sha('9f')} in ${KATCOMP} on record`);
    const unknownRepository = await http().get(`/api/v1/commits/katgui/${sha('c1')}/impact`).expect(404);
    expect(unknownRepository.body.message).toBe(`no repository katgui on record; known repositories: ${KATCOMP}`);
  });

  it('given an environment the pipeline does not name and nothing happened in, then provenance and history answer 404 listing the known ones', async () => {
    const known = 'known environments: aqf-1, aqf-2, site';
    expect((await http().get('/api/v1/environments/nosuch/provenance').expect(404)).body.message).toBe(`no environment nosuch on record; ${known}`);
    expect((await http().get('/api/v1/environments/nosuch/history').expect(404)).body.message).toBe(`no environment nosuch on record; ${known}`);
  });

  it('given the gate asked about a short digest, then it answers as for the full one, or 409 or 404 when the prefix fits several images or none', async () => {
    const full = (await http().get(`/api/v1/gate?image=${imageY}&environment=site`).expect(200)).body;
    expect((await http().get(`/api/v1/gate?image=${imageY.slice(7, 19)}&environment=site`).expect(200)).body).toEqual(full);
    await http().get('/api/v1/gate?image=7a7a7a7&environment=site').expect(409);
    expect((await http().get('/api/v1/gate?image=9999999&environment=site').expect(404)).body.message).toBe('no image 9999999 on record');
  });

  it('given a bad digest or a missing one, then 400 says what a reference may be', async () => {
    expect((await http().get('/api/v1/images/sha256:nope/lineage').expect(400)).body.message).toEqual([
      'digest must be an image digest (sha256:<64 hex digits>), with or without sha256:, or at least its first 7 hex digits',
    ]);
    await http().get('/api/v1/images/7a7a7a/lineage').expect(400);
    await http().get(`/api/v1/diff?from=${imageX}`).expect(400);
  });
});
