import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, Server as HttpServer } from 'node:http';
import { AddressInfo, createServer, Server } from 'node:net';
import { join } from 'node:path';
import { describeWithService, postgresServer } from '@provenance/testing';
import { ApiProcess, freePort } from './support/api-process';

/**
 * A newcomer's first hour: each mistake they are likely to make answers with one line that
 * names the setting and the fix, and an exit code a script can act on, never a stack trace.
 */
const NOTHING_CONFIGURED = { PROVENANCE_STORE: '', PROVENANCE_EVENT_STORE: '', DATABASE_URL: '', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '', PROVENANCE_SAGAS: 'off' };

async function refusal(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const { code, output } = await new ApiProcess({ ...NOTHING_CONFIGURED, PORT: String(await freePort()), ...env }).startRefused();
  return { code, lines: output.split('\n').filter((line) => line.trim() !== '') };
}

describe('a first hour: starting the service', () => {
  it('given the defaults, then start-up says where the log is and where it listens, without a line per route', async () => {
    const api = new ApiProcess({ ...NOTHING_CONFIGURED, PORT: String(await freePort()), PROVENANCE_DATA_DIR: 'memory://' });
    await api.start();
    try {
      const lines = api.output.split('\n').filter((line) => line.trim() !== '');
      expect(lines.some((line) => line.includes('event log: embedded PGlite in memory://'))).toBe(true);
      expect(lines.some((line) => line.includes('listening on http://127.0.0.1:'))).toBe(true);
      expect(lines.filter((line) => /RouterExplorer|RoutesResolver|InstanceLoader/.test(line))).toEqual([]);
      expect(lines.length).toBeLessThanOrEqual(8);
    } finally {
      await api.stop();
    }
  });
});

describe('a first hour: starting the service wrong', () => {
  it('given PORT=abc, then exit 2 says once that PORT must be a port number', async () => {
    expect(await refusal({ PORT: 'abc', PROVENANCE_DATA_DIR: 'memory://' })).toEqual({
      code: 2,
      lines: ['invalid configuration:', '  - PORT must be a port number', 'See README.md, "Configuration".'],
    });
  });

  it('given a data directory nobody can create, then exit 2 names PROVENANCE_DATA_DIR and what to set it to', async () => {
    expect(await refusal({ PROVENANCE_DATA_DIR: '/proc/provenance-data' })).toEqual({
      code: 2,
      lines: [
        'release-provenance cannot start: PROVENANCE_DATA_DIR=/proc/provenance-data cannot hold the event log (ENOENT): set PROVENANCE_DATA_DIR to a directory this user may create and write, e.g. ./.provenance',
      ],
    });
  });

  describe('given the port is taken', () => {
    let taken: Server;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise((resolve) => taken.close(resolve)));

    it('then exit 2 names PORT before anything says it started', async () => {
      expect(await refusal({ PORT: String(port), PROVENANCE_DATA_DIR: 'memory://' })).toEqual({
        code: 2,
        lines: [`release-provenance cannot start: PORT=${port}: 127.0.0.1:${port} is already in use (another release-provenance, or another server); stop it, or set PORT to a free port`],
      });
    });
  });
});

describeWithService(postgresServer(), 'a first hour: pointing the service at PostgreSQL wrong', (url) => {
  const server = new URL(url);
  const at = (database: string, credentials = server.username) => `postgres://${credentials}@${server.host}/${database}`;

  it('given a database that does not exist, then exit 2 names DATABASE_URL, masks the password and says how to create it', async () => {
    const { code, lines } = await refusal({ DATABASE_URL: at('provenance_first_hour', `${server.username}:s3cret`) });
    expect(code).toBe(2);
    expect(lines).toEqual([
      `release-provenance cannot start: DATABASE_URL=postgres://${server.username}:****@${server.host}/provenance_first_hour: the database "provenance_first_hour" does not exist on ${server.hostname}:${server.port || 5432}; create it with: createdb -h ${server.hostname} -p ${server.port || 5432} -U ${server.username} provenance_first_hour`,
    ]);
  });

  it('given a user the server does not know, then exit 2 says to fix the user or password', async () => {
    const { code, lines } = await refusal({ DATABASE_URL: at(server.pathname.slice(1), 'provenance_nobody:pw') });
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^release-provenance cannot start: DATABASE_URL=postgres:\/\/provenance_nobody:\*\*\*\*@.*refused user "provenance_nobody": .*; fix the user or password in DATABASE_URL$/);
  });

  it('given a port no PostgreSQL listens on, then exit 2 says to start one or fix DATABASE_URL', async () => {
    const nobody = await freePort();
    const { code, lines } = await refusal({ DATABASE_URL: `postgres://${server.username}@127.0.0.1:${nobody}/x` });
    expect({ code, lines }).toEqual({
      code: 2,
      lines: [`release-provenance cannot start: DATABASE_URL=postgres://${server.username}@127.0.0.1:${nobody}/x: no PostgreSQL server answers at 127.0.0.1:${nobody} (ECONNREFUSED); start it, or point DATABASE_URL at one`],
    });
  });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI from its sources, against `url`; the PROVENANCE_* variables of whoever runs the tests left out. */
function provenance(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: join(__dirname, '..'), env: { ...process.env, PROVENANCE_URL: '', PROVENANCE_TOKEN: '', PROVENANCE_TIMEOUT_MS: '', PROVENANCE_BACKOFF_MS: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('a first hour: the CLI used wrong', () => {
  // Counts what reaches it, so "nothing was sent" is seen, not assumed.
  let requests = 0;
  let server: HttpServer;
  let url: string;
  beforeAll(async () => {
    server = createHttpServer((_request, response) => {
      requests++;
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    requests = 0;
  });

  it('given --version, then the version is printed', async () => {
    expect(await provenance(['--version'])).toEqual({ code: 0, stdout: `${(JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version}\n`, stderr: '' });
  });

  it('given a misspelt option, then exit 2 says it is unknown and suggests the right one', async () => {
    const run = await provenance(['record', 'build', '--pakage', 'katcomp'], { PROVENANCE_URL: url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--pakage'\n(Did you mean --package?)");
    expect(requests).toBe(0);
  });

  it('given several required options missing, then exit 2 names every one, and --help marks them', async () => {
    const run = await provenance(['record', 'commit', '--sha', 'a'.repeat(40)], { PROVENANCE_URL: url });
    expect(run).toMatchObject({ code: 2, stderr: 'error: required options are missing: --repository <repository>, --author <author>, --message <message>, --committed-at <time>\n(add --help for usage)\n' });
    expect((await provenance(['record', 'commit', '--help'])).stdout).toMatch(/--repository <repository>\s+e\.g\. https:\/\/github\.com\/ska-sa\/katcomp \(required\)/);
    expect(requests).toBe(0);
  });

  it('given a short sha and "now" for a time, then exit 2 names each option before anything is sent', async () => {
    const run = await provenance(['record', 'commit', '--repository', 'ska-sa/katcomp', '--sha', 'cf1e00b', '--author', 'Thandi', '--message', 'm', '--committed-at', 'now'], { PROVENANCE_URL: url });
    expect(run).toMatchObject({
      code: 2,
      stderr: [
        'provenance record commit: nothing was sent, because',
        '  --sha: sha must be a full git sha (40 or 64 lowercase hex digits)',
        '  --committed-at: committedAt must be an RFC 3339 time with its zone, e.g. 2026-11-25T09:30:00Z, in the years 1-9999',
        '',
      ].join('\n'),
    });
    expect(requests).toBe(0);
  });

  it('given an artifact file that is not there, then exit 2 names the option and the path', async () => {
    const run = await provenance(
      ['record', 'build', '--package', 'katcomp', '--version', '1.0', '--repository', 'ska-sa/katcomp', '--sha', 'a'.repeat(40), '--finished-at', '2026-11-25T10:00:00Z', '--artifact', '/nonexistent/katcomp-1.0.whl'],
      { PROVENANCE_URL: url },
    );
    expect(run).toMatchObject({ code: 2, stderr: '--artifact /nonexistent/katcomp-1.0.whl: no such file\n' });
    expect(requests).toBe(0);
  });

  it.each([
    [{ PROVENANCE_URL: 'localhost:3000' }, 'PROVENANCE_URL must be the server\'s URL with its scheme, e.g. http://127.0.0.1:3000 (got "localhost:3000")'],
    [{ PROVENANCE_TIMEOUT_MS: 'abc' }, 'PROVENANCE_TIMEOUT_MS must be a whole number of milliseconds, e.g. 30000 (got "abc")'],
  ])('given %p, then exit 2 names the variable', async (env, message) => {
    expect(await provenance(['running'], { PROVENANCE_URL: url, ...env })).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(requests).toBe(0);
  });

  it('given no server at the URL, then exit 3 says so and how to start one, within seconds', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const run = await provenance(['running'], { PROVENANCE_URL: nobody, PROVENANCE_BACKOFF_MS: '200' });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^no server at ${nobody} \\(connection refused for \\d+\\.\\d s\\): start one with \`npm start\`, or set PROVENANCE_URL to where it runs$`));
  });
});

describe("a first hour: the README's five-minute tour", () => {
  let api: ApiProcess;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = new ApiProcess({ ...NOTHING_CONFIGURED, PORT: String(port), PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_SAGAS: 'on' });
    await api.start();
  }, 60_000);
  afterAll(() => api.stop());

  const run = (script: string, args: string[]) =>
    new Promise<CliRun>((resolve) => {
      execFile(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: join(__dirname, '..'), env: { ...process.env, PROVENANCE_URL: url, PROVENANCE_TOKEN: '' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('given the demo, then each command of the tour answers on its data, with ids as the tables print them', async () => {
    const demo = await run('apps/cli/src/demo/paper-pipeline.demo.ts', []);
    expect(demo.code).toBe(0);
    const image = /autobuild-2026-11-24-0001\.tar\.gz sha256:([0-9a-f]{64})/.exec(demo.stdout)![1];
    const katcomp = /katcomp\s+0\.7\.9\s+as in image\s+passed\s+https:\/\/github\.com\/ska-sa\/katcomp\s+([0-9a-f]{12})/.exec(demo.stdout)![1];
    // The README's tour names these very ids.
    expect([image.slice(0, 12), katcomp.slice(0, 7)]).toEqual(['6fd89f09f325', 'cf1e00b']);

    const running = await run('apps/cli/src/main.ts', ['running']);
    const lineage = await run('apps/cli/src/main.ts', ['lineage', '6fd89f09f325']);
    const impact = await run('apps/cli/src/main.ts', ['impact', 'katcomp', 'cf1e00b']);
    const json = await fetch(`${url}/api/v1/environments/site/provenance`);

    expect(running).toMatchObject({ code: 0, stdout: expect.stringMatching(/site\s+autobuild-2026-11-24-0001\.tar\.gz\s+6fd89f09f325/) });
    expect(lineage).toMatchObject({ code: 0, stdout: expect.stringContaining(`autobuild-2026-11-24-0001.tar.gz sha256:${image}: pinned set cam-pinned-requirements`) });
    expect(impact).toMatchObject({ code: 0, stdout: expect.stringContaining('builds: katcomp 0.7.9') });
    expect(impact.stdout).toMatch(/site\s+deployment\s+6fd89f09f325/);
    expect(json.status).toBe(200);
    expect(((await json.json()) as { image: { digest: string } }).image.digest).toBe(`sha256:${image}`);
  }, 60_000);
});
