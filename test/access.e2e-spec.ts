import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { digest, katcompCommit } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const TOKENS = { jenkins: 'agent-token-1', astronomer: 'auditor-token-2', manager: 'release-token-3', root: 'admin-token-4' };
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const CONFIGURED = JSON.stringify([
  { name: 'jenkins', roles: ['agent'], sha256: hash(TOKENS.jenkins) },
  { name: 'astronomer', roles: ['auditor'], sha256: hash(TOKENS.astronomer) },
  { name: 'manager', roles: ['release-manager'], sha256: hash(TOKENS.manager) },
  { name: 'root', roles: ['admin'], sha256: hash(TOKENS.root) },
]);

forEachBackend('access by role', (backend: Backend) => {
  const api = useApi(backend, { PROVENANCE_TOKENS: CONFIGURED });
  const as = (token?: string) => {
    const agent = api.http();
    const authorised = (test: request.Test) => (token ? test.set('Authorization', `Bearer ${token}`) : test);
    return {
      post: (url: string, body: object) => authorised(agent.post(url).send(body)),
      get: (url: string) => authorised(agent.get(url)),
    };
  };

  it('given no token or an unknown one, then 401', async () => {
    await as().post('/api/v1/commits', katcompCommit).expect(401);
    const unknown = await as('not-a-token').get('/api/v1/audit/events').expect(401);
    expect(unknown.body.message).toContain('not one this server knows');
  });

  it('given an agent, then it records facts and asks the gate, but may not read the log or decide', async () => {
    await as(TOKENS.jenkins).post('/api/v1/commits', katcompCommit).expect(201);
    await as(TOKENS.jenkins).get(`/api/v1/gate?image=${digest('9')}&environment=site`).expect(200);
    const read = await as(TOKENS.jenkins).get('/api/v1/audit/events').expect(403);
    expect(read.body.message).toContain('jenkins has roles agent; this needs one of auditor, release-manager, admin');
    await as(TOKENS.jenkins).post(`/api/v1/images/${digest('9')}/decision`, { decision: 'reject', reason: 'no' }).expect(403);
  });

  it('given an auditor, then it reads the log with the recorder named, but may not record', async () => {
    const log = await as(TOKENS.astronomer).get('/api/v1/audit/events').expect(200);
    expect(log.body.events[0].metadata.actor).toBe('jenkins');
    await as(TOKENS.astronomer).post('/api/v1/commits', { ...katcompCommit, sha: 'b'.repeat(40) }).expect(403);
  });

  it('given a release manager, then its decision is recorded in its name', async () => {
    await as(TOKENS.manager).post(`/api/v1/images/${digest('9')}/decision`, { decision: 'reject', reason: 'known bad katproxy' }).expect(201);
    const stream = await as(TOKENS.manager).get(`/api/v1/streams/image-${digest('9')}`).expect(200);
    expect(stream.body.events[0].data).toMatchObject({ automatic: false, by: 'manager', reason: 'known bad katproxy' });
    await as(TOKENS.manager).post('/api/v1/commits', { ...katcompCommit, sha: 'c'.repeat(40) }).expect(403);
  });

  it('given an agent that names a release manager in "by", then answers and the history show who recorded it beside the claim', async () => {
    const site = '/api/v1/environments/site';
    await as(TOKENS.jenkins)
      .post('/api/v1/deployments', { deploymentId: 'd-by', environment: 'site', imageDigest: digest('8'), nodes: ['cmc1'], startedAt: '2026-11-24T12:00:00Z', by: 'manager' })
      .expect(201);
    await as(TOKENS.jenkins)
      .post(`${site}/patches`, { patchId: 'p-by', package: 'katobs', fromVersion: '1.0', toVersion: '1.0.1', nodes: ['cmc1'], reason: 'hot fix', appliedAt: '2026-11-24T13:00:00Z', by: 'manager' })
      .expect(201);
    await as(TOKENS.root).post(`${site}/config`, { repository: 'https://github.com/ska-sa/katconfig', sha: 'c'.repeat(40), appliedAt: '2026-11-24T14:00:00Z' }).expect(201);

    const view = (await as(TOKENS.astronomer).get(`${site}/provenance`).expect(200)).body;
    expect(view.deployment).toMatchObject({ by: 'manager', recordedBy: 'jenkins' });
    expect(view.patches).toEqual([expect.objectContaining({ by: 'manager', recordedBy: 'jenkins' })]);
    expect(view.configRevision).toMatchObject({ recordedBy: 'root' });
    const { history } = (await as(TOKENS.astronomer).get(`${site}/history`).expect(200)).body;
    expect(history.map((entry: { kind: string; by?: string; recordedBy: string }) => [entry.kind, entry.by, entry.recordedBy])).toEqual([
      ['deployment', 'manager', 'jenkins'],
      ['patch', 'manager', 'jenkins'],
      ['configuration', undefined, 'root'],
    ]);
  });

  it('given an admin, then it may do everything', async () => {
    await as(TOKENS.root).post('/api/v1/commits', { ...katcompCommit, sha: 'd'.repeat(40) }).expect(201);
    await as(TOKENS.root).get('/api/v1/audit/events').expect(200);
  });

  it('given any caller, then health and the API docs need no token', async () => {
    await as().get('/health').expect(200);
    await as().get('/api/docs').expect(200);
  });
});
