import type { INestApplication } from '@nestjs/common';
import { SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { anyJson, mutatedJson } from '@provenance/testing';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { aqfResult, aqfStart, digest, image, katcompBuild, katcompCommit, pipCompileOutput } from './support/pipeline-facts';
import { PACKAGE_GRAPH } from './support/pipeline-agents';
import { startApi } from './support/start-api';

const RUNS = 1_500;
const ADMIN_TOKEN = 'fuzz-admin-secret';
const AGENT_TOKEN = 'fuzz-agent-secret';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every route that records, with a valid body to mutate. */
const WRITES: { path: string; body: unknown }[] = [
  { path: '/api/v1/commits', body: katcompCommit },
  { path: '/api/v1/builds', body: katcompBuild },
  { path: '/api/v1/pinned-sets', body: { name: 'fuzz', requirementsText: 'katcomp==1.4.0\n', builds: [{ package: 'katcomp', version: '1.4.0' }] } },
  { path: '/api/v1/package-graph', body: PACKAGE_GRAPH },
  { path: '/api/v1/images', body: image(`sha256:${'e'.repeat(64)}`) },
  { path: '/api/v1/aqf-runs', body: aqfStart('fuzz-1', digest('d'), 'aqf-1') },
  { path: '/api/v1/aqf-runs/fuzz-1/result', body: aqfResult('passed') },
  { path: `/api/v1/images/${digest('d')}/decision`, body: { decision: 'promote', reason: 'fuzz', by: 'fuzz' } },
  { path: '/api/v1/deployments', body: { deploymentId: 'fuzz-d', environment: 'site', imageDigest: digest('d'), nodes: ['node-1'], by: 'fuzz', startedAt: '2026-11-24T12:00:00Z' } },
  { path: '/api/v1/deployments/fuzz-d/result', body: { outcome: 'succeeded', finishedAt: '2026-11-24T12:30:00Z' } },
  { path: '/api/v1/environments/site/patches', body: { patchId: 'p-1', package: 'katobs', fromVersion: '0.6.1', toVersion: '0.6.1.post1', nodes: ['node-1'], by: 'fuzz', appliedAt: '2026-11-24T13:00:00Z' } },
  { path: '/api/v1/environments/site/config', body: { repository: 'https://github.com/ska-sa/katconfig', sha: 'c'.repeat(40), by: 'fuzz', appliedAt: '2026-11-24T14:00:00Z' } },
  { path: '/api/v1/admin/projections/provenance-facts/rebuild', body: {} },
];

/** Every route that reads, with a path or query part to vary. */
const READS = [
  '/health', '/health/live', '/health/ready', '/api/v1/audit/events', '/api/v1/streams/{}', '/api/v1/gate', '/api/v1/environments',
  '/api/v1/environments/{}', '/api/v1/environments/{}/provenance', '/api/v1/environments/{}/history', '/api/v1/images/{}/lineage',
  '/api/v1/commits/{}/{}/impact', '/api/v1/diff', '/api/v1/pipeline-requests', '/api/v1/pipeline-runs', '/api/v1/pipeline-runs/{}',
  '/api/v1/admin/projections', '/api/v1/admin/followers',
];

const segment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('..', '%2e%2e', '%00', '%ff%fe', 'sha256:', digest('d'), 'site', '\u202e', 'a'.repeat(3000), '%25', '%2F'),
);
const query = fc.dictionary(fc.constantFrom('at', 'knownAt', 'limit', 'after', 'stage', 'wait', 'image', 'environment', 'from', 'to', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('0', '-1', '1e9', '2026-13-45T25:61:00Z', 'ffffffffffffffff-ffffffffffffffff', '0')), { maxKeys: 4 });
const token = fc.constantFrom(undefined, ADMIN_TOKEN, AGENT_TOKEN, 'wrong', '', 'Bearer', '\u0000');
const contentType = fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '', 'multipart/form-data; boundary=x');
const idempotencyKey = fc.option(fc.oneof(fc.string({ maxLength: 140 }), fc.constantFrom('k-1', 'k-2', 'ok.key:1')), { nil: undefined });

/** Raw bytes that are no JSON at all, or JSON no parser should have to walk. */
const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[' .repeat(5_000), '{"a":1}{"b":2}', '\ufeff{}', 'null', '"x"', '1e999999'),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(pipCompileOutput()),
);

function serialised(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '['.repeat(20_000) + ']'.repeat(20_000);
  }
}

const hostileRequest = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    route: fc.constantFrom(...WRITES),
    body: fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: anyJson, weight: 2 }, { arbitrary: rawBody, weight: 2 }),
    mutate: fc.boolean(),
    token,
    contentType,
    idempotencyKey,
  }).chain((write) => (write.mutate ? mutatedJson(write.route.body).map((body) => ({ ...write, body: body })) : fc.constant(write))),
  fc.record({ kind: fc.constant('read' as const), route: fc.constantFrom(...READS), segments: fc.array(segment, { minLength: 2, maxLength: 2 }), query, token }),
);

async function eventCount(connection: SqlConnection): Promise<number> {
  const [{ count }] = await connection.query<{ count: number }>('SELECT count(*)::int AS count FROM events');
  return count;
}

function fuzzSuite(title: string, env: () => Record<string, string>) {
  describe(title, () => {
    let app: INestApplication;
    let connection: SqlConnection;
    beforeAll(async () => {
      app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_SAGAS: 'off', ...env() });
      connection = app.get(SQL_CONNECTION);
    });
    afterAll(() => app.close());

    it(`given ${RUNS} hostile requests to every endpoint, then none answers 5xx and the log grows only by facts answered 2xx`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(hostileRequest, async (hostile) => {
          const before = await eventCount(connection);
          let call: request.Test;
          if (hostile.kind === 'write') {
            call = request(app.getHttpServer()).post(hostile.route.path);
            if (hostile.contentType) call = call.set('content-type', hostile.contentType);
            if (hostile.idempotencyKey !== undefined) call = call.set('idempotency-key', hostile.idempotencyKey.replace(/[\r\n]/g, ''));
            if (hostile.body !== undefined) call = call.send(Buffer.isBuffer(hostile.body) ? hostile.body : typeof hostile.body === 'string' ? hostile.body : serialised(hostile.body));
          } else {
            let next = 0;
            const path = hostile.route.replace(/\{\}/g, () => encodeURIComponent(hostile.segments[next++] ?? ''));
            call = request(app.getHttpServer()).get(path).query(hostile.query);
          }
          if (hostile.token !== undefined) call = call.set('authorization', `Bearer ${hostile.token}`.replace(/[\r\n]/g, '').replaceAll('\0', ''));
          const response = await call;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const grew = (await eventCount(connection)) - before;
          const summary = `${hostile.kind} ${(typeof hostile.route === 'string' ? hostile.route : hostile.route.path).slice(0, 60)} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
          if (response.status >= 500) throw new Error(summary);
          const recorded = hostile.kind === 'write' && response.status >= 200 && response.status < 300;
          if (!recorded && grew !== 0) throw new Error(`the log grew by ${grew} for ${summary}`);
        }),
        { numRuns: RUNS },
      );
      console.log(`fuzz (${title}): ${RUNS} requests, answers ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    }, 240_000);
  });
}

fuzzSuite('without tokens', () => ({}));
fuzzSuite('with tokens', () => ({
  PROVENANCE_TOKENS: JSON.stringify([
    { name: 'root', roles: ['admin'], sha256: sha256(ADMIN_TOKEN) },
    { name: 'jenkins', roles: ['agent'], sha256: sha256(AGENT_TOKEN) },
  ]),
}));
