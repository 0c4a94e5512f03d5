import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { readModelStoreOf, type ProvenanceConfig } from '@provenance/config';
import { EventStoreDbEventStore, LogUnavailable, namespaceOfSchema, shownConnectionString } from '@provenance/event-store';
import { StartupProblem } from './startup-problem';

const CONNECT_TIMEOUT_MS = 5_000;

/** The URL as it may be printed: the password masked. */
export function shownDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Tries what the event store will need before anything else starts, so that a wrong
 * DATABASE_URL or PROVENANCE_DATA_DIR is one sentence naming the variable and the fix.
 */
export async function checkStore(config: ProvenanceConfig): Promise<void> {
  if (config.PROVENANCE_STORE === 'eventstoredb') await checkEventStoreDb(config);
  if (readModelStoreOf(config) === 'postgres') await checkDatabase(config.DATABASE_URL!);
  else checkDataDirectory(config.PROVENANCE_DATA_DIR);
}

/** The log's server answers a read within CONNECT_TIMEOUT_MS; the message never shows the password. */
async function checkEventStoreDb(config: ProvenanceConfig): Promise<void> {
  const shown = shownConnectionString(config.EVENTSTORE_URL!);
  let store: EventStoreDbEventStore;
  try {
    store = new EventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL!, namespace: namespaceOfSchema(config.PROVENANCE_SCHEMA), deadlineMs: CONNECT_TIMEOUT_MS });
  } catch (error) {
    throw new StartupProblem(`${(error as Error).message}; see README.md, "EventStoreDB"`);
  }
  try {
    await store.check();
  } catch (error) {
    const reason = error instanceof LogUnavailable ? error.reason : (error as Error).message;
    throw new StartupProblem(
      `EVENTSTORE_URL=${shown}: ${reason}; start EventStoreDB (docker compose -f deploy/docker-compose.eventstoredb.yml up -d), or point EVENTSTORE_URL at one`,
    );
  } finally {
    await store.close().catch(() => undefined);
  }
}

function checkDataDirectory(dir: string): void {
  if (dir.startsWith('memory://')) return;
  try {
    makeDirectory(dir);
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new StartupProblem(
      `PROVENANCE_DATA_DIR=${dir} cannot hold the event log (${code ?? message}): set PROVENANCE_DATA_DIR to a directory this user may create and write, e.g. ./.provenance`,
    );
  }
}

/** mkdir -p, one level at a time: Node's recursive mkdirSync never returns for a path under /proc. */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  for (const level of missing) mkdirSync(level);
}

async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupProblem(`DATABASE_URL=${shownDatabaseUrl(url)}: ${databaseProblem(url, error as NodeJS.ErrnoException)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function databaseProblem(url: string, error: NodeJS.ErrnoException): string {
  const { hostname, port, username, pathname } = new URL(url);
  const database = decodeURIComponent(pathname.slice(1)) || username;
  const at = `${hostname}:${port || 5432}`;
  switch (error.code) {
    case '3D000':
      return `the database "${database}" does not exist on ${at}; create it with: createdb -h ${hostname} -p ${port || 5432} -U ${username || 'postgres'} ${database}`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${at} refused user "${username}": ${error.message}; fix the user or password in DATABASE_URL`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'EAI_AGAIN':
      return `no PostgreSQL server answers at ${at} (${error.code}); start it, or point DATABASE_URL at one`;
    default:
      if (/timeout/i.test(error.message)) return `no PostgreSQL server answered at ${at} within ${CONNECT_TIMEOUT_MS / 1000} s; start it, or point DATABASE_URL at one`;
      return `${error.message}${error.code ? ` (${error.code})` : ''}`;
  }
}
