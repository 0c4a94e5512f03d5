import { CliFailure, EXIT } from './exit-codes';

export interface ClientSettings {
  url: string;
  token?: string;
  timeoutMs: number;
  backoffMs: number;
}

/** The CLI's environment variables, each checked, so a typo is a usage error naming the variable. */
export function clientSettingsOf(env: NodeJS.ProcessEnv): ClientSettings {
  const url = env.PROVENANCE_URL || 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new CliFailure(EXIT.usage, `PROVENANCE_URL must be the server's URL with its scheme, e.g. http://127.0.0.1:3000 (got "${url}")`);
  }
  return {
    url,
    token: env.PROVENANCE_TOKEN || undefined,
    timeoutMs: milliseconds(env, 'PROVENANCE_TIMEOUT_MS', 30_000),
    backoffMs: milliseconds(env, 'PROVENANCE_BACKOFF_MS', 500),
  };
}

function milliseconds(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new CliFailure(EXIT.usage, `${variable} must be a whole number of milliseconds, e.g. ${fallback} (got "${text}")`);
  return value;
}
