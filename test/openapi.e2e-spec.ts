import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { embedded } from './support/backends';
import { ApiDocument, OPENAPI_DOCUMENT_FILE } from './support/documented-answers';
import { digest, katcompBuild, katcompCommit } from './support/pipeline-facts';
import { useApi } from './support/use-api';

/**
 * The OpenAPI document as `npm start` serves it, fetched from the built API before the suites
 * (test/support/openapi-global-setup.ts), since the Nest CLI's swagger plugin (which documents
 * the DTOs) runs in `nest build`, not in the tests' compiler.
 */
const document = JSON.parse(readFileSync(OPENAPI_DOCUMENT_FILE, 'utf8')) as OpenAPIV3.Document;

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post'] as const).filter((method) => item?.[method]).map((method) => ({ path, method, operation: item![method]! })),
  );
const operation = (method: 'get' | 'post', path: string) => document.paths[path]![method]!;
const parameters = (method: 'get' | 'post', path: string) =>
  (operation(method, path).parameters as OpenAPIV3.ParameterObject[] | undefined ?? []).map((parameter) => `${parameter.in} ${parameter.name}${parameter.required ? ' (required)' : ''}`).sort();

describe('the OpenAPI document', () => {
  it('given the served document, when a real OpenAPI validator reads it, then it is valid', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('given every route that records, then Idempotency-Key is optional and 201, 200 and the refusals are documented', () => {
    const recording = operations().filter(({ method, path }) => method === 'post' && !path.startsWith('/api/v1/admin'));
    expect(recording.length).toBeGreaterThanOrEqual(12);
    for (const { path, operation: recordingOperation } of recording) {
      const key = (recordingOperation.parameters as OpenAPIV3.ParameterObject[]).find((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key');
      expect({ path, required: key?.required }).toEqual({ path, required: false });
      expect({ path, statuses: Object.keys(recordingOperation.responses).sort() }).toEqual({ path, statuses: ['200', '201', '400', '401', '403', '409', '413', '415', '421', '422'] });
    }
  });

  it('given every route under /api/v1, then it needs the bearer token, described as an API token and not a JWT, and has a tag', () => {
    for (const { path, operation: apiOperation } of operations().filter(({ path }) => path.startsWith('/api/v1'))) {
      expect({ path, security: apiOperation.security }).toEqual({ path, security: [{ bearer: [] }] });
      expect({ path, tags: apiOperation.tags?.length }).toEqual({ path, tags: 1 });
    }
    const bearer = document.components!.securitySchemes!.bearer as OpenAPIV3.HttpSecurityScheme;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'API token' });
    expect(bearer.description).toContain('not a JWT');
  });

  it('given the pinned-set and package-graph routes, then their bodies are documented, both forms of a pinned set', () => {
    expect(Object.keys((operation('post', '/api/v1/pinned-sets').requestBody as OpenAPIV3.RequestBodyObject).content).sort()).toEqual(['application/json', 'text/plain']);
    expect(parameters('post', '/api/v1/pinned-sets')).toEqual(['header idempotency-key', 'query builds', 'query name', 'query requestId']);
    expect((operation('post', '/api/v1/package-graph').requestBody as OpenAPIV3.RequestBodyObject).content['application/json'].schema).toMatchObject({ type: 'array' });
  });

  it.each([
    ['get', '/api/v1/images/{digest}/lineage', ['path digest (required)']],
    ['get', '/api/v1/commits/{repository}/{sha}/impact', ['path repository (required)', 'path sha (required)']],
    ['get', '/api/v1/diff', ['query from (required)', 'query to (required)']],
    ['get', '/api/v1/gate', ['query environment (required)', 'query image (required)']],
    ['get', '/api/v1/audit/events', ['query after', 'query limit', 'query streamPrefix', 'query type']],
    ['get', '/api/v1/streams/{streamId}', ['path streamId (required)', 'query direction', 'query from', 'query limit']],
    ['get', '/api/v1/pipeline-requests', ['query after', 'query limit', 'query stage', 'query wait']],
    ['get', '/api/v1/environments/{env}/provenance', ['path env (required)', 'query at', 'query knownAt']],
  ] as const)('given %s %s, then every parameter it reads is documented', (method, path, expected) => {
    expect(parameters(method, path)).toEqual(expected);
  });
});

describe('the API answers as its document says', () => {
  const api = useApi(embedded);
  const documented = new ApiDocument(document);

  // A small history on site, so the provenance answer has every part filled in.
  beforeAll(async () => {
    const post = async (path: string, body: object) => {
      const response = await api.http().post(path).send(body);
      if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${response.text}`);
      return response.body as { id?: string };
    };
    await post('/api/v1/commits', { ...katcompCommit, sha: 'e'.repeat(40) });
    await post('/api/v1/builds', { ...katcompBuild, sha: 'e'.repeat(40) });
    const pinned = await post('/api/v1/pinned-sets', { name: 'site', requirementsText: 'katcomp==1.4.0\nnumpy==1.26.4\n', builds: [{ package: 'katcomp', version: '1.4.0' }] });
    await post('/api/v1/images', { digest: digest('f0'), name: 'autobuild-f0.tar.gz', pinnedSetId: pinned.id, bakedAt: '2026-11-24T09:00:00Z' });
    await post('/api/v1/deployments', { deploymentId: 'site-f0', environment: 'site', imageDigest: digest('f0'), nodes: ['cmc1', 'cmc2'], startedAt: '2026-11-24T10:00:00Z' });
    await post('/api/v1/environments/site/patches', { patchId: 'hf-f0', package: 'katcomp', fromVersion: '1.4.0', toVersion: '1.4.1', nodes: ['cmc2'], reason: 'hot fix', appliedAt: '2026-11-24T11:00:00Z' });
  });

  it('given the routes that answer in-toto bundles, then their 200 is documented as application/jsonl', () => {
    for (const path of ['/api/v1/images/{digest}/attestations', '/api/v1/environments/{env}/attestation']) {
      expect({ path, types: Object.keys((operation('get', path).responses['200'] as OpenAPIV3.ResponseObject).content ?? {}) }).toEqual({ path, types: ['application/jsonl'] });
    }
  });

  // Every answer here has its body documented: refusals everywhere, the recording routes, and the queries.
  it.each([
    ['post', '/api/v1/commits', '/api/v1/commits', katcompCommit],
    ['post', '/api/v1/commits', '/api/v1/commits', { ...katcompCommit, message: 'rewritten history' }],
    ['post', '/api/v1/commits', '/api/v1/commits', { ...katcompCommit, sha: 'abc' }],
    ['post', '/api/v1/images', '/api/v1/images', {}],
    ['get', '/api/v1/images/{digest}/lineage', '/api/v1/images/9999999/lineage', undefined],
    ['get', '/api/v1/images/{digest}/lineage', '/api/v1/images/nope/lineage', undefined],
    ['get', '/api/v1/environments/{env}/provenance', '/api/v1/environments/nosuch/provenance', undefined],
    ['get', '/api/v1/environments/{env}/provenance', '/api/v1/environments/site/provenance', undefined],
    ['get', '/api/v1/environments/{env}/provenance', '/api/v1/environments/aqf-1/provenance', undefined],
    ['get', '/api/v1/environments', '/api/v1/environments', undefined],
    ['get', '/api/v1/environments/{env}/history', '/api/v1/environments/site/history', undefined],
    ['get', '/api/v1/images/{digest}/lineage', `/api/v1/images/${digest('f0').slice(7, 19)}/lineage`, undefined],
    ['get', '/api/v1/commits/{repository}/{sha}/impact', '/api/v1/commits/katcomp/eeeeeee/impact', undefined],
    ['get', '/api/v1/diff', `/api/v1/diff?from=${digest('f0')}&to=${digest('f0').slice(0, 14)}`, undefined],
    ['get', '/api/v1/gate', `/api/v1/gate?image=${digest('f0')}&environment=site`, undefined],
    ['get', '/api/v1/pipeline-requests', '/api/v1/pipeline-requests?stage=pinning', undefined],
    ['get', '/api/v1/pipeline-runs', '/api/v1/pipeline-runs', undefined],
    ['get', '/api/v1/audit/events', '/api/v1/audit/events?limit=3', undefined],
    ['get', '/api/v1/streams/{streamId}', '/api/v1/streams/no-such-stream', undefined],
    ['get', '/api/v1/admin/followers', '/api/v1/admin/followers', undefined],
    ['get', '/api/v1/admin/projections', '/api/v1/admin/projections', undefined],
    ['get', '/api/v1/diff', '/api/v1/diff?from=9999999', undefined],
    ['get', '/api/v1/audit/events', '/api/v1/audit/events?limit=0', undefined],
    ['get', '/api/v1/pipeline-runs/{runId}', '/api/v1/pipeline-runs/no-such-run', undefined],
    ['get', '/health', '/health', undefined],
    ['post', '/api/v1/admin/projections/{name}/rebuild', '/api/v1/admin/projections/provenance-facts/rebuild', undefined],
    ['get', '/api/v1/attestations/keys', '/api/v1/attestations/keys', undefined],
    ['get', '/api/v1/images/{digest}/attestations', '/api/v1/images/9999999/attestations', undefined],
    ['get', '/api/v1/environments/{env}/attestation', '/api/v1/environments/nosuch/attestation', undefined],
  ] as const)('given %s %s (%s), then the status is one documented for the route, and the body is as documented for it', async (method, route, target, body) => {
    const sent = (method === 'get' ? api.http().get(target) : api.http().post(target).send(body)).buffer(true);
    const response = await sent;
    const mediaType = String(response.headers['content-type']).split(';')[0];

    const answer = { method: method.toUpperCase(), target, status: response.status, contentType: mediaType, body: response.text };

    expect({ target, documentedBody: Object.keys((operation(method, route).responses[String(response.status)] as OpenAPIV3.ResponseObject)?.content ?? {}) }).toEqual({
      target,
      documentedBody: expect.arrayContaining([mediaType]),
    });
    expect(documented.problemsOf(answer)).toEqual([]);
  });
});
