import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { eventually } from '@provenance/testing';
import request from 'supertest';
import { freePort } from './support/api-process';
import { forEachBackend } from './support/each-backend';
import { katcompCommit } from './support/pipeline-facts';
import { startApi } from './support/start-api';
import { useApi } from './support/use-api';

const FOLLOWERS = ['deadline-watch', 'log-notary', 'pipeline', 'pipeline-sagas', 'provenance-facts'];

function provenance(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: join(__dirname, '..'), env: { ...process.env, PROVENANCE_URL: url } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

forEachBackend('health and followers', (backend) => {
  const api = useApi(backend, { PROVENANCE_SAGAS: 'on' });

  it('given a running process, then /health/live is up and /health/ready names each check it passed', async () => {
    await api.http().post('/api/v1/commits').send(katcompCommit).expect(201);
    await api.http().get('/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const caughtUp = (lag: Record<string, { events: number }> | undefined) => Object.values(lag ?? {}).every((model) => model.events === 0);
    const ready = await eventually(
      () => api.http().get('/health/ready'),
      (response) => response.status === 200 && caughtUp(response.body.info?.readModels?.lag),
      { what: '/health/ready to answer 200 with both read models at the end of the log' },
    );
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { log: { status: 'up' }, readModels: { status: 'up', lag: { 'provenance-facts': { events: 0 }, pipeline: { events: 0 } } }, kafka: { status: 'up', state: 'not configured' } },
    });
  });

  it('given the only process, then it holds every follower\'s lease and each follower is at the end of the log', async () => {
    await api.http().post('/api/v1/commits').send({ ...katcompCommit, sha: 'b'.repeat(40) }).expect(201);
    const { body } = await eventually(
      () => api.http().get('/api/v1/admin/followers'),
      (response) => response.body.followers?.filter((f: { lag: { events: number } | null }) => f.lag?.events === 0).length === 4,
      { what: 'the four log followers to reach the end of the log' },
    );
    expect(body.followers.map((follower: { name: string }) => follower.name)).toEqual(FOLLOWERS);
    for (const follower of body.followers) {
      expect(follower).toMatchObject({ holder: { pid: process.pid, generation: expect.any(String), since: expect.any(String) }, state: expect.stringMatching(/^(following|catching-up)$/) });
    }
    expect(body.followers.find((follower: { name: string }) => follower.name === 'deadline-watch').lag).toBeNull();
  });
});

describe('health and followers through the CLI', () => {
  const api = useApi({ name: 'embedded', env: () => ({ PROVENANCE_DATA_DIR: 'memory://' }), cleanUp: async () => undefined });

  it('given a running server, when `provenance followers` is run, then it prints each follower with its holder; --json gives the API answer', async () => {
    await api.app().listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(api.app().getHttpServer().address() as AddressInfo).port}`;
    const table = await provenance(['followers'], url);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(/^follower\s+state\s+held by/);
    expect(table.stdout).toMatch(new RegExp(`provenance-facts\\s+\\S+\\s+\\S+ pid ${process.pid}`));
    const json = await provenance(['followers', '--json'], url);
    expect(JSON.parse(json.stdout).followers.map((follower: { name: string }) => follower.name)).toEqual(['log-notary', 'pipeline', 'provenance-facts']);
  });
});

describe('readiness while Kafka is unreachable', () => {
  it('given KAFKA_BROKERS where no broker listens, then /health/ready is 503 naming Kafka and why, while /health/live is up', async () => {
    const app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', KAFKA_BROKERS: `127.0.0.1:${await freePort()}` });
    try {
      await request(app.getHttpServer()).get('/health/live').expect(200);
      const ready = await eventually(
        () => request(app.getHttpServer()).get('/health/ready'),
        (response) => response.status === 503 && response.body.error?.kafka?.reason !== undefined,
        { what: '/health/ready to say Kafka is not connected' },
      );
      expect(ready.body).toMatchObject({ status: 'error', error: { kafka: { status: 'down', state: expect.stringMatching(/^(connecting|failed)$/) } }, info: { log: { status: 'up' } } });
    } finally {
      await app.close();
    }
  });
});
