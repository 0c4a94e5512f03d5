import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { aqfStart, digest, katcompBuild, katcompCommit } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const messages = (body: { message: string | string[] }) => [body.message].flat();

forEachBackend('bad input is refused and writes nothing', (backend: Backend) => {
  const api = useApi(backend, { PROVENANCE_MAX_BODY_BYTES: '4096', PROVENANCE_MAX_EVENT_BYTES: '2048' });
  let logBefore: number;
  const http = api.http;
  const logLength = async () => (await http().get('/api/v1/audit/events?limit=1000').expect(200)).body.events.length;

  beforeAll(async () => {
    await http().post('/api/v1/commits').send(katcompCommit).expect(201);
  });
  beforeEach(async () => {
    logBefore = await logLength();
  });
  afterEach(async () => {
    expect(await logLength()).toBe(logBefore);
  });

  it('given an empty commit, then 400 lists every missing field and its rule', async () => {
    const response = await http().post('/api/v1/commits').send({}).expect(400);
    const text = messages(response.body).join('\n');
    for (const field of ['repository', 'sha', 'parents', 'author', 'message', 'committedAt']) expect(text).toContain(field);
    expect(text).toContain('sha must be a full git sha (40 or 64 lowercase hex digits)');
  });

  it('given an unknown field, then 400 names it', async () => {
    const response = await http().post('/api/v1/commits').send({ ...katcompCommit, sha: 'f'.repeat(40), colour: 'blue' }).expect(400);
    expect(messages(response.body)).toContain('property colour should not exist');
  });

  it('given malformed JSON, then 400, not 500', async () => {
    const response = await http().post('/api/v1/builds').set('Content-Type', 'application/json').send('{"package": "katcomp",').expect(400);
    expect(response.body.statusCode).toBe(400);
  });

  it('given a body over the limit, then 413 names the variable that sets it', async () => {
    const response = await http()
      .post('/api/v1/commits')
      .send({ ...katcompCommit, message: 'x'.repeat(5000) })
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'entity.too.large', message: expect.stringContaining('PROVENANCE_MAX_BODY_BYTES') });
  });

  it('given a body under the limit whose fact is over the event limit, then 413 says so', async () => {
    const text = Array.from({ length: 150 }, (_, n) => `package-${n}==1.0.${n}`).join('\n');
    const response = await http().post('/api/v1/pinned-sets?name=big').set('Content-Type', 'text/plain').send(text).expect(413);
    expect(response.body.message).toContain('the limit is 2048');
  });

  it('given the wrong content type, then 415 says which ones are accepted', async () => {
    const commit = await http().post('/api/v1/commits').set('Content-Type', 'text/plain').send('katcomp').expect(415);
    const pinned = await http().post('/api/v1/pinned-sets?name=x').set('Content-Type', 'application/xml').send('<x/>').expect(415);
    expect(commit.body.message).toContain('send application/json (UTF-8)');
    expect(pinned.body.message).toContain('send application/json (UTF-8) or text/plain');
  });

  it('given JSON in another charset than UTF-8, then 415 says to send UTF-8 (not a 500 from the body parser)', async () => {
    const latin1 = await http().post('/api/v1/commits').set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415);
    expect(latin1.body.message).toContain('application/json; charset=latin1 is not accepted here; send application/json (UTF-8)');
    await http().post('/api/v1/commits').set('Content-Type', 'application/json; charset=UTF-8').send('{}').expect(400);
  });

  it('given a passed build without an artifact, then 400 says the artifact is required', async () => {
    const { artifact: _artifact, ...withoutArtifact } = katcompBuild;
    const response = await http().post('/api/v1/builds').send(withoutArtifact).expect(400);
    expect(messages(response.body)).toContain('artifact is required when outcome is "passed"');
  });

  it('given bad nested fields, then each message names its field once (artifact.filename, not artifact.artifact.filename)', async () => {
    const build = await http()
      .post('/api/v1/builds')
      .send({ ...katcompBuild, artifact: { filename: 7, sha256: 'x' }, builtAgainst: [{ package: '!', version: '1.0' }] })
      .expect(400);
    expect(messages(build.body)).toEqual(
      expect.arrayContaining(['artifact.filename must be a string', 'artifact.sha256 must be 64 lowercase hex digits', 'builtAgainst.0.package must be a Python package name']),
    );
    const deployment = await http()
      .post('/api/v1/deployments')
      .send({ deploymentId: 'd-1', environment: 'site', imageDigest: digest('7'), nodes: ['cmc1'], startedAt: '2026-11-24T12:00:00Z', configRevision: { repository: 'a b', sha: 'x' } })
      .expect(400);
    expect(messages(deployment.body)).toContain('configRevision.repository must be 1-300 characters without whitespace');
    for (const message of [...messages(build.body), ...messages(deployment.body)]) expect(message).not.toMatch(/\b(\w+)\.\1\./);
  });

  it('given a malformed requirements line, then 400 names its line number', async () => {
    const text = 'requests==2.31.0\n    # via -r requirements.in\nurllib3>=2\n';
    const response = await http().post('/api/v1/pinned-sets?name=broken').set('Content-Type', 'text/plain').send(text).expect(400);
    expect(messages(response.body).join('\n')).toMatch(/line 3/);
  });

  it('given a pinned set without a name, then 400 names the field', async () => {
    const response = await http().post('/api/v1/pinned-sets').set('Content-Type', 'text/plain').send('requests==2.31.0\n').expect(400);
    expect(messages(response.body).join('\n')).toContain('name must be');
  });

  it('given a package graph that is not pipdeptree output, then 400 says where', async () => {
    const response = await http().post('/api/v1/package-graph').send([{ package: { key: 'katcomp' } }]).expect(400);
    expect(messages(response.body).join('\n')).toMatch(/\[0\]/);
  });

  it('given a bad digest, environment or count, then 400 names each', async () => {
    const start = await http().post('/api/v1/aqf-runs').send({ ...aqfStart('r', 'sha256:xyz', 'AQF 1') }).expect(400);
    expect(messages(start.body)).toEqual(
      expect.arrayContaining([
        'imageDigest must be "sha256:" followed by 64 lowercase hex digits',
        'environment must be a lowercase environment name, e.g. aqf-1',
      ]),
    );
    const result = await http()
      .post('/api/v1/aqf-runs/r/result')
      .send({ outcome: 'green', passed: -1, failed: 0, skipped: 0, completedAt: 'yesterday' })
      .expect(400);
    expect(messages(result.body)).toEqual(
      expect.arrayContaining(['outcome must be "passed", "failed" or "error"', 'passed must not be negative', 'completedAt must be an RFC 3339 time with its zone, e.g. 2026-11-25T09:30:00Z, in the years 1-9999']),
    );
    const huge = await http()
      .post('/api/v1/aqf-runs/r/result')
      .send({ outcome: 'passed', passed: 3_000_000_000, failed: 0, skipped: 0, completedAt: '2026-11-25T10:00:00Z' })
      .expect(400);
    expect(messages(huge.body)).toContain('passed must be at most 1000000000');
  });

  it('given a time without its zone or in week form, then 400 rather than a guess', async () => {
    const times = ['2026-11-25T10:00:00', '2026-W48-3', '20261125T100000Z', '2026-11-25T10Z', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59'];
    for (const committedAt of times) {
      const response = await http().post('/api/v1/commits').send({ ...katcompCommit, sha: 'f'.repeat(40), committedAt }).expect(400);
      expect(messages(response.body)).toContain('committedAt must be an RFC 3339 time with its zone, e.g. 2026-11-25T09:30:00Z, in the years 1-9999');
    }
  });

  it('given a log position or revision beyond PostgreSQL bigint, then 400', async () => {
    await http().get('/api/v1/audit/events?after=0000000000000000-8000000000000000').expect(400);
    const response = await http().get('/api/v1/streams/s?from=9223372036854775808').expect(400);
    expect(messages(response.body)).toContain('from must be a revision: a whole number from 0 to 9223372036854775807');
  });

  it('given text/plain builds that break the package rules, then 400 names them', async () => {
    const response = await http()
      .post('/api/v1/pinned-sets?name=x&builds=A==@@')
      .set('Content-Type', 'text/plain')
      .send('requests==2.31.0\n')
      .expect(400);
    expect(messages(response.body).join('\n')).toContain('version must be a package version');
  });

  it('given a gate question without an image, then 400', async () => {
    const response = await http().get('/api/v1/gate?environment=site').expect(400);
    expect(messages(response.body).join('\n')).toContain('image must be an image digest (sha256:<64 hex digits>), with or without sha256:, or at least its first 7 hex digits');
  });

  it('given a decision without a reason, then 400', async () => {
    await http().post(`/api/v1/images/${digest('7')}/decision`).send({ decision: 'promote' }).expect(400);
  });
});
