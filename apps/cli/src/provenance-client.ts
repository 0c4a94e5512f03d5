import { CliFailure, EXIT } from './exit-codes';

export interface ClientOptions {
  url: string;
  token?: string;
  retries: number;
  /** Longest wait for one answer before it counts as a network error. */
  timeoutMs: number;
  /** First backoff in ms; doubles each retry. */
  backoffMs: number;
  log: (line: string) => void;
}

/** How long refused connections are retried before the answer is "no server there". */
const NO_SERVER_AFTER_MS = 3_000;

export interface Sent {
  status: number;
  body: unknown;
  /** The answer as sent, for answers that are not one JSON value (an in-toto bundle's JSON Lines). */
  text: string;
}

/**
 * Talks to the release-provenance HTTP API. Retries network errors and 5xx answers with
 * exponential backoff, which is safe: recording the same fact twice is an idempotent success.
 */
export class ProvenanceClient {
  constructor(private readonly options: ClientOptions) {}

  /** A POST whose answer is newline-delimited JSON, handed over line by line; not retried. */
  async stream(path: string, onLine: (line: unknown) => void): Promise<void> {
    const url = new URL(path, this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`).toString();
    const headers: Record<string, string> = this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers });
    } catch (error) {
      throw new CliFailure(EXIT.unreachable, `cannot reach ${url}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
    }
    if (!response.ok || !response.body) {
      const text = await response.text();
      throw new CliFailure(response.status >= 500 ? EXIT.unreachable : EXIT.refused, refusalOf('POST', response.status, parseJson(text), text));
    }
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
    }
    if (pending.trim()) onLine(JSON.parse(pending));
  }

  async send(method: 'GET' | 'POST', path: string, body?: { json?: unknown; text?: string }): Promise<Sent> {
    const url = new URL(path, this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`).toString();
    const headers: Record<string, string> = {};
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body?.json !== undefined) headers['content-type'] = 'application/json';
    if (body?.text !== undefined) headers['content-type'] = 'text/plain';
    const payload = body?.json !== undefined ? JSON.stringify(body.json) : body?.text;

    let lastProblem = '';
    const started = Date.now();
    let onlyRefused = true;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) {
        const wait = this.options.backoffMs * 2 ** (attempt - 1);
        this.options.log(`${lastProblem}; retrying in ${wait} ms (${attempt}/${this.options.retries})`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      let response: Response;
      try {
        response = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(this.options.timeoutMs) });
      } catch (error) {
        const cause = (error as Error & { cause?: Error & { code?: string } }).cause;
        lastProblem = `cannot reach ${url}: ${cause?.message ?? (error as Error).message}`;
        onlyRefused &&= cause?.code === 'ECONNREFUSED';
        if (onlyRefused && Date.now() - started >= NO_SERVER_AFTER_MS) break;
        continue;
      }
      onlyRefused = false;
      const text = await response.text();
      const parsed = parseJson(text);
      if (response.status >= 500) {
        lastProblem = `server error ${response.status} from ${url}`;
        continue;
      }
      if (response.status >= 400) throw new CliFailure(EXIT.refused, refusalOf(method, response.status, parsed, text));
      return { status: response.status, body: parsed, text };
    }
    if (onlyRefused) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      throw new CliFailure(EXIT.unreachable, `no server at ${this.options.url} (connection refused for ${seconds} s): start one with \`npm start\`, or set PROVENANCE_URL to where it runs`);
    }
    throw new CliFailure(EXIT.unreachable, `${lastProblem}; gave up after ${this.options.retries} retries (check PROVENANCE_URL)`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function refusalOf(method: string, status: number, body: unknown, text: string): string {
  const message = (body as { message?: unknown })?.message;
  const reasons = Array.isArray(message) ? message.join('\n  ') : typeof message === 'string' ? message : text;
  const hint =
    status === 401 ? ' (set PROVENANCE_TOKEN to a valid API token)' : status === 403 ? ' (the token lacks the role for this)' : '';
  // A question about something not on record, or named ambiguously, is answered in a sentence.
  if (method === 'GET' && (status === 404 || status === 409)) return reasons;
  return `refused (${status})${hint}:\n  ${reasons}`;
}
