import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';

/** Written by `openapi-global-setup.ts` before the end-to-end suites run. */
export const OPENAPI_DOCUMENT_FILE = join(__dirname, '../../dist/openapi.json');

/** One answer the API gave a test, as the test received it. */
export interface Answer {
  method: string;
  target: string;
  status: number;
  contentType: string;
  body: string;
}

/** Bodies longer than this are checked for their status and content type only. */
const LARGEST_CHECKED_BODY = 1024 * 1024;

let answers: Answer[] = [];

/** The answers every watched server sent since the last call. */
export function answersSinceLastLook(): Answer[] {
  const taken = answers;
  answers = [];
  return taken;
}

/**
 * Keeps every answer `server` sends, for `answersSinceLastLook`: `startApi` watches the
 * end-to-end suites' API so that each answer a test receives is checked against the document.
 */
export function watchAnswers(server: Server): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += bytes.length;
      if (size <= LARGEST_CHECKED_BODY) chunks.push(bytes);
    };
    const { write, end } = response;
    response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof response.write;
    response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof response.end;
    response.once('finish', () =>
      answers.push({
        method: request.method ?? 'GET',
        target: request.url ?? '/',
        status: response.statusCode,
        contentType: String(response.getHeader('content-type') ?? ''),
        body: size <= LARGEST_CHECKED_BODY ? Buffer.concat(chunks).toString('utf8') : '',
      }),
    );
  });
}

/** The OpenAPI document, and what it says each route answers. */
export class ApiDocument {
  private readonly routes: { method: string; pattern: RegExp; path: string; operation: OpenAPIV3.OperationObject }[];
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  constructor(private readonly document: OpenAPIV3.Document) {
    this.routes = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'delete'] as const)
        .filter((method) => item?.[method])
        .map((method) => ({ method: method.toUpperCase(), path, pattern: patternOf(path), operation: item![method]! })),
    );
    // `/admin/projections/{name}/rebuild` must not take what a literal path of the same shape describes.
    this.routes.sort((a, b) => a.path.split('{').length - b.path.split('{').length);
  }

  static fromFile(file = OPENAPI_DOCUMENT_FILE): ApiDocument | undefined {
    return existsSync(file) ? new ApiDocument(JSON.parse(readFileSync(file, 'utf8')) as OpenAPIV3.Document) : undefined;
  }

  /** What is wrong with this answer by the document; empty when nothing is, or the route is not one it describes. */
  problemsOf(answer: Answer): string[] {
    const path = answer.target.split('?')[0];
    const route = this.routes.find((candidate) => candidate.method === answer.method && candidate.pattern.test(path));
    if (!route) return [];
    const where = `${answer.method} ${answer.target} (${route.path}) answered ${answer.status}`;
    const response = route.operation.responses[String(answer.status)] as OpenAPIV3.ResponseObject | undefined;
    if (!response) return [`${where}, which its document does not list (it lists ${Object.keys(route.operation.responses).join(', ')})`];
    const mediaType = answer.contentType.split(';')[0].trim();
    if (answer.body === '' || !response.content) return [];
    const content = response.content[mediaType];
    if (!content) return [`${where} as ${mediaType || 'no content type'}, which its document does not list for ${answer.status} (it lists ${Object.keys(response.content).join(', ')})`];
    if (!content.schema || (mediaType !== 'application/json' && mediaType !== 'application/x-ndjson')) return [];
    const validate = this.validatorFor(`${route.method} ${route.path} ${answer.status} ${mediaType}`, content.schema);
    // NDJSON: the schema is each line's.
    const values = mediaType === 'application/json' ? [answer.body] : answer.body.split('\n').filter((line) => line !== '');
    return values.flatMap((value) => {
      let body: unknown;
      try {
        body = JSON.parse(value);
      } catch {
        return [`${where} with a body that is not ${mediaType}: ${value.slice(0, 200)}`];
      }
      return validate(body) ? [] : [`${where} with a body unlike its documented schema: ${this.ajv.errorsText(validate.errors)}; body: ${value.slice(0, 500)}`];
    });
  }

  private validatorFor(key: string, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(asJsonSchema({ ...schema, components: this.document.components }) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** `/api/v1/images/{digest}/lineage` as a pattern matching the paths it stands for. */
function patternOf(path: string): RegExp {
  const literal = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^/]+')}$`);
}

/**
 * OpenAPI 3.0's `nullable` as JSON Schema, for ajv: `{ nullable: true, ...schema }` becomes
 * "null, or the schema".
 */
export function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, asJsonSchema(value)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}
