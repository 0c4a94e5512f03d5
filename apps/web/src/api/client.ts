import createClient from 'openapi-fetch';
import type { paths } from './openapi.gen';

export type { Schemas } from './schemas';

const TOKEN_KEY = 'release-provenance.token';

/** The API token, for this tab only: sessionStorage, never the URL (it would land in chats and logs). */
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string): void => sessionStorage.setItem(TOKEN_KEY, value),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/**
 * The typed client: paths, parameters and answers all come from the document. `no-store`: every
 * answer is live (the board polls), so none is kept (the API sends no ETag to revalidate with).
 */
export const api = createClient<paths>({ baseUrl: window.location.origin, cache: 'no-store' });
api.use({
  onRequest({ request }) {
    const value = token.get();
    if (value) request.headers.set('Authorization', `Bearer ${value}`);
    return request;
  },
});

/** An answer the page cannot show, worded for the person reading it: what happened, what to do. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function serverMessage(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : '';
}

/** The sentence for a refusal: the server's own words where it has them, and what to do next. */
export function problemOf(status: number, body: unknown): Problem {
  const said = serverMessage(body);
  switch (status) {
    case 401:
      return new Problem(401, 'This server needs an API token. Enter one in the form at the top; an administrator gives tokens out (PROVENANCE_TOKENS).');
    case 403:
      return new Problem(403, `Your token may not see this${said ? `: ${said}` : ''}. Ask an administrator for a token with a role that may.`);
    case 404:
      return new Problem(404, `Not on record${said ? `: ${said}` : ''}. Check the link, or start from the environments board.`);
    case 409:
      return new Problem(409, `That reference is ambiguous${said ? `: ${said}` : ''}. Use more characters of it.`);
    case 503:
      return new Problem(503, `The server's read model is behind its log${said ? ` (${said})` : ''}. This page tries again by itself in a few seconds.`);
    default:
      return new Problem(status, `The server answered ${status}${said ? `: ${said}` : ''}. Try again; if it persists, the server's log says more.`);
  }
}

/** The data of an openapi-fetch call, or the Problem that says why there is none. */
export async function answerOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new Problem(0, 'The server did not answer. Is it running (`npm start`)? Reload this page once it is.');
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw problemOf(result.response.status, result.error);
}
