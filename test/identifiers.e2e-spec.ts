import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { digest, image, katcompBuild, katcompCommit, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const messages = (body: { message: string | string[] }) => [body.message].flat().join('\n');
const RLO = '\u202e';
const ZWSP = '\u200b';

/** `prefix`, then one byte that no UTF-8 text contains, then `suffix`; and where that byte is. */
function withInvalidByte(prefix: string, suffix: string): { body: Buffer; offset: number } {
  const head = Buffer.from(prefix, 'utf8');
  return { body: Buffer.concat([head, Buffer.from([0xff]), Buffer.from(suffix, 'utf8')]), offset: head.length };
}

forEachBackend('identifiers that cannot lie: refusals write nothing', (backend: Backend) => {
  const api = useApi(backend);
  const http = api.http;
  const logLength = async () => (await http().get('/api/v1/audit/events?limit=1000').expect(200)).body.events.length;
  let logBefore: number;

  beforeEach(async () => {
    logBefore = await logLength();
  });
  afterEach(async () => {
    expect(await logLength()).toBe(logBefore);
  });

  it('given a repository with a right-to-left override, then 400 names the field, the code point and its position', async () => {
    const repository = `https://github.com/ska-sa/katcomp${RLO}gpj.exe`;
    const response = await http().post('/api/v1/commits').send({ ...katcompCommit, repository }).expect(400);
    expect(messages(response.body)).toContain(`repository must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character ${repository.indexOf(RLO) + 1})`);
  });

  it('given an artifact file name and a package version with zero-width characters, then 400 names both', async () => {
    const build = {
      ...katcompBuild,
      version: '1.4.0\u200d',
      artifact: { ...katcompBuild.artifact, filename: `katcomp-1.4.0${ZWSP}-py3-none-any.whl` },
    };
    const response = await http().post('/api/v1/builds').send(build).expect(400);
    expect(messages(response.body)).toContain('artifact.filename must not contain U+200B ZERO WIDTH SPACE (character 14)');
    expect(messages(response.body)).toContain('version must not contain U+200D ZERO WIDTH JOINER (character 6)');
  });

  it('given an image name and a node name with bidi controls, then 400 names the field and, for a list, the item', async () => {
    const baked = { ...image(digest('0a'), '7'), name: `katcomp${RLO}gpj.exe` };
    const imageResponse = await http().post('/api/v1/images').send(baked).expect(400);
    expect(messages(imageResponse.body)).toContain('name must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 8)');

    const deployment = { deploymentId: 'deploy-rl', environment: 'site', imageDigest: digest('0a'), nodes: ['cmc1', 'cmc\u20662'], startedAt: '2026-11-24T12:00:00Z' };
    const deploymentResponse = await http().post('/api/v1/deployments').send(deployment).expect(400);
    expect(messages(deploymentResponse.body)).toContain('nodes[1] must not contain U+2066 LEFT-TO-RIGHT ISOLATE (character 4)');
  });

  it('given a pinned set name with an invisible character, in JSON or in the query, then 400 names it', async () => {
    const json = await http().post('/api/v1/pinned-sets').send({ name: `publish${ZWSP}`, requirementsText: 'requests==2.31.0\n' }).expect(400);
    expect(messages(json.body)).toContain('name must not contain U+200B ZERO WIDTH SPACE (character 8)');
    const text = await http()
      .post(`/api/v1/pinned-sets?name=${encodeURIComponent(`publish${RLO}`)}`)
      .set('Content-Type', 'text/plain')
      .send('requests==2.31.0\n')
      .expect(400);
    expect(messages(text.body)).toContain('name must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 8)');
  });

  it('given a patch whose versions hide a soft hyphen, then 400', async () => {
    const patch = { patchId: 'patch-1', package: 'katcomp', fromVersion: '1.4.0', toVersion: '1.4.\u00ad1', nodes: ['cmc1'], reason: 'hotfix', appliedAt: '2026-11-24T12:00:00Z' };
    const response = await http().post('/api/v1/environments/site/patches').send(patch).expect(400);
    expect(messages(response.body)).toContain('toVersion must not contain U+00AD SOFT HYPHEN (character 5)');
  });

  it('given a package graph whose package name carries a bidi control, then 400 says where', async () => {
    const graph = [{ package: { key: `katcomp${RLO}`, package_name: `katcomp${RLO}`, installed_version: '1.0' }, dependencies: [] }];
    const response = await http().post('/api/v1/package-graph').send(graph).expect(400);
    expect(messages(response.body)).toContain('packages[0].package.key: must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 8)');
  });

  it('given a JSON body that is not valid UTF-8, then 400 names the byte offset instead of storing U+FFFD', async () => {
    const { body, offset } = withInvalidByte(
      `{"repository":"${katcompCommit.repository}`,
      `","sha":"${sha('b1')}","parents":[],"author":"a","message":"m","committedAt":"2026-11-24T08:00:00Z"}`,
    );
    const response = await http()
      .post('/api/v1/commits')
      .set('Content-Type', 'application/json')
      // Sent as the bytes they are: superagent would serialise a Buffer to JSON (typed as string, it passes buffers through).
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(body)
      .expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(messages(response.body)).toContain(`the request body is not valid UTF-8: byte 0xff at offset ${offset}`);
  });

  it('given pip-compile output that is not valid UTF-8, then 400 names the byte offset', async () => {
    const { body, offset } = withInvalidByte('requests==2.31.0\n    # via caf', '\n');
    const response = await http().post('/api/v1/pinned-sets?name=latin1').set('Content-Type', 'text/plain').send(body).expect(400);
    expect(messages(response.body)).toContain(`the request body is not valid UTF-8: byte 0xff at offset ${offset}`);
  });

  it('given an empty package graph, then 400 says it would replace the recorded graph', async () => {
    const response = await http().post('/api/v1/package-graph').send([]).expect(400);
    expect(messages(response.body)).toContain('packages: the graph lists no packages; recording it would replace the recorded package graph with an empty one');
  });
});

forEachBackend('identifiers that cannot lie: what is still recorded', (backend: Backend) => {
  const api = useApi(backend);
  const http = api.http;

  it('given a commit message and author with bidi controls, then they are free text and recorded as sent', async () => {
    const commit = { ...katcompCommit, sha: sha('c7'), author: `Anne ${RLO}enna`, message: `Fix ${ZWSP}pointing ${RLO}sledom` };
    const response = await http().post('/api/v1/commits').send(commit).expect(201);
    const stream = await http().get(`/api/v1/streams/${encodeURIComponent(response.body.events[0].streamId)}`).expect(200);
    expect(stream.body.events[0].data).toMatchObject({ author: commit.author, message: commit.message });
  });

  it('given a deployment result that finished before it started, then 422 names both times and nothing is written', async () => {
    const deployment = { deploymentId: 'deploy-early', environment: 'site', imageDigest: digest('0e'), nodes: ['cmc1'], startedAt: '2026-11-24T12:00:00+02:00' };
    await http().post('/api/v1/deployments').send(deployment).expect(201);
    const response = await http().post('/api/v1/deployments/deploy-early/result').send({ outcome: 'succeeded', finishedAt: '2026-11-24T09:59:59Z' }).expect(422);
    expect(response.body.error).toBe('deployment-finished-after-start');
    expect(response.body.message).toContain('2026-11-24T09:59:59.000Z');
    expect(response.body.message).toContain('2026-11-24T10:00:00.000Z');
    const stream = await http().get('/api/v1/streams/deployment-deploy-early').expect(200);
    expect(stream.body.events.map((event: { type: string }) => event.type)).toEqual(['DeploymentStarted']);
  });

  it('given a package graph with a cycle, then it is recorded with the cycle flagged, and the answer shows it', async () => {
    const entry = (name: string, dependencies: string[]) => ({
      package: { key: name, package_name: name, installed_version: '1.0' },
      dependencies: dependencies.map((dependency) => ({ key: dependency, package_name: dependency, installed_version: '1.0', required_version: null })),
    });
    const graph = [entry('katcomp', ['katobs', 'numpy']), entry('katobs', ['katcomp']), entry('numpy', [])];
    const response = await http().post('/api/v1/package-graph').send(graph).expect(201);
    expect(response.body.cycles).toEqual([['katcomp', 'katobs', 'katcomp']]);
    const stream = await http().get('/api/v1/streams/package-graph').expect(200);
    expect(stream.body.events.at(-1).data.cycles).toEqual([['katcomp', 'katobs', 'katcomp']]);
  });
});
