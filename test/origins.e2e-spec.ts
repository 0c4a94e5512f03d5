import { createHash } from 'node:crypto';
import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { katcompCommit, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const commit = (seed: string) => ({ ...katcompCommit, sha: sha(seed) });
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

forEachBackend('no writes from other sites, without tokens', (backend: Backend) => {
  const api = useApi(backend);
  const http = api.http;
  const logLength = async () => (await http().get('/api/v1/audit/events?limit=1000').expect(200)).body.events.length;

  it('given a web page on another site, when it posts a pinned set as text/plain (no preflight), then 403 names the rule and nothing is written', async () => {
    const before = await logLength();
    const response = await http()
      .post('/api/v1/pinned-sets?name=drive-by')
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'text/plain')
      .send('requests==2.31.0\n')
      .expect(403);
    expect(response.body.message).toContain('cross-site request refused');
    expect(response.body.message).toContain('PROVENANCE_CORS_ORIGINS');
    await http().post('/api/v1/admin/projections/provenance-facts/rebuild').set('Origin', 'https://evil.example').expect(403);
    expect(await logLength()).toBe(before);
  });

  it('given a cross-site request that sends no Origin but says Sec-Fetch-Site: cross-site, then 403', async () => {
    const response = await http().post('/api/v1/commits').set('Sec-Fetch-Site', 'cross-site').send(commit('f1')).expect(403);
    expect(response.body.message).toContain('Sec-Fetch-Site: cross-site');
  });

  it('given a DNS-rebinding page (a foreign Host), then 421 names PROVENANCE_ALLOWED_HOSTS, for reads and writes', async () => {
    const read = await http().get('/api/v1/audit/events').set('Host', 'evil.example:3000').expect(421);
    expect(read.body.message).toContain('PROVENANCE_ALLOWED_HOSTS');
    await http().post('/api/v1/commits').set('Host', 'rebound.evil.example').send(commit('f2')).expect(421);
  });

  it('given the local names with and without a port, then they are answered', async () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1', '127.0.0.1:3000', '[::1]', '[::1]:3000', 'LOCALHOST:3000']) {
      await http().get('/api/v1/environments').set('Host', host).expect(200);
    }
  });

  it('given clients that send no Origin (curl, the CLI, agents) or the server\'s own origin, then writes go through', async () => {
    await http().post('/api/v1/commits').send(commit('f3')).expect(201);
    await http().post('/api/v1/commits').set('Host', 'localhost:3000').set('Origin', 'http://localhost:3000').send(commit('f4')).expect(201);
    await http().post('/api/v1/commits').set('Sec-Fetch-Site', 'same-origin').send(commit('f5')).expect(201);
  });

  it('given no PROVENANCE_CORS_ORIGINS, then CORS is off: a preflight gets no Access-Control-Allow-Origin', async () => {
    const preflight = await http()
      .options('/api/v1/commits')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await http().get('/api/v1/environments').set('Origin', 'https://evil.example').expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});

forEachBackend('allowed hosts and CORS origins, with tokens', (backend: Backend) => {
  const api = useApi(backend, {
    PROVENANCE_TOKENS: JSON.stringify([{ name: 'jenkins', roles: ['agent'], sha256: hash('agent-token') }]),
    PROVENANCE_ALLOWED_HOSTS: 'provenance.example.org, 127.0.0.1',
    PROVENANCE_CORS_ORIGINS: 'https://dashboard.example.org',
  });
  const as = (host: string) => ({
    post: (origin?: string) => {
      const test = api.http().post('/api/v1/commits').set('Host', host).set('Authorization', 'Bearer agent-token');
      return origin ? test.set('Origin', origin) : test;
    },
  });

  it('given the configured host names, then only they are answered', async () => {
    await as('provenance.example.org').post().send(commit('e1')).expect(201);
    await as('127.0.0.1:8080').post().send(commit('e2')).expect(201);
    const refused = await as('localhost:3000').post().send(commit('e3')).expect(421);
    expect(refused.body.message).toContain('PROVENANCE_ALLOWED_HOSTS');
    // A readiness probe addresses the pod by its IP.
    await api.http().get('/health/live').set('Host', '10.1.2.3:3000').expect(200);
  });

  it('given an origin listed in PROVENANCE_CORS_ORIGINS, then its preflight and its writes are allowed; any other origin is refused', async () => {
    const preflight = await api
      .http()
      .options('/api/v1/commits')
      .set('Host', 'provenance.example.org')
      .set('Origin', 'https://dashboard.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');

    const listed = await as('provenance.example.org').post('https://dashboard.example.org').set('Sec-Fetch-Site', 'cross-site').send(commit('e4')).expect(201);
    expect(listed.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    const other = await as('provenance.example.org').post('https://dashboard.example.org.evil.example').send(commit('e5')).expect(403);
    expect(other.body.message).toContain('cross-site request refused');
    await as('provenance.example.org').post('null').send(commit('e6')).expect(403);
  });
});

forEachBackend('any host, as a conscious choice', (backend: Backend) => {
  const api = useApi(backend, { PROVENANCE_ALLOWED_HOSTS: '*' });

  it('given PROVENANCE_ALLOWED_HOSTS=*, then any Host is answered, and cross-site writes are still refused', async () => {
    await api.http().get('/api/v1/environments').set('Host', 'anything.example:1234').expect(200);
    await api.http().post('/api/v1/commits').set('Host', 'anything.example').set('Origin', 'https://evil.example').send(commit('d1')).expect(403);
  });
});
