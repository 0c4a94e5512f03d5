import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { FIXTURES, katcompCommit } from './support/pipeline-facts';
import { startApi } from './support/start-api';

const ROOT = join(__dirname, '..');
const AGENT_TOKEN = 'jenkins-secret';
const ADMIN_TOKEN = 'root-secret';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function provenance(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, PROVENANCE_BACKOFF_MS: '5', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('the provenance CLI against a running server', () => {
  let app: INestApplication;
  let env: Record<string, string>;
  let workDir: string;
  const commitArgs = (sha: string) => [
    'record', 'commit', '--repository', katcompCommit.repository, '--sha', sha, '--parent', katcompCommit.parents[0],
    '--author', katcompCommit.author, '--message', katcompCommit.message, '--committed-at', katcompCommit.committedAt,
  ];

  beforeAll(async () => {
    const tokens = [
      { name: 'jenkins', roles: ['agent'], sha256: createHash('sha256').update(AGENT_TOKEN).digest('hex') },
      { name: 'root', roles: ['admin'], sha256: createHash('sha256').update(ADMIN_TOKEN).digest('hex') },
    ];
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_TOKENS: JSON.stringify(tokens) });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    env = { PROVENANCE_URL: `http://127.0.0.1:${port}`, PROVENANCE_TOKEN: AGENT_TOKEN };
    workDir = mkdtempSync(join(tmpdir(), 'provenance-cli-'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('given a commit, when recorded twice, then both exit 0 and the second says it was already recorded', async () => {
    const first = await provenance(commitArgs(katcompCommit.sha), env);
    const second = await provenance(commitArgs(katcompCommit.sha), env);

    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^recorded: CommitRecorded in commit-https:\/\/github.com\/ska-sa\/katcomp@a1a1/);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^already recorded: CommitRecorded/);
  });

  it('given a conflicting commit, then exit 1 prints the server\'s reason', async () => {
    const args = commitArgs(katcompCommit.sha).map((arg) => (arg === katcompCommit.message ? 'rewritten history' : arg));
    const run = await provenance(args, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused (409)');
    expect(run.stderr).toContain('message: recorded "Handle dish pointing models", now "rewritten history"');
  });

  it('given a pip-compile file, when pinned, then the set id is printed; and an image file is recorded by its digest', async () => {
    const pin = await provenance(
      ['record', 'pin', '--file', join(FIXTURES, 'requirements/spherex-doc-portal_main.txt'), '--build', 'katcomp==1.4.0'],
      env,
    );
    expect(pin.code).toBe(0);
    const pinnedSetId = /pinned set id: (sha256:[0-9a-f]{64})/.exec(pin.stdout)![1];

    const imageFile = join(workDir, 'autobuild-2026-11-25.tar.gz');
    writeFileSync(imageFile, 'not really a tarball');
    const image = await provenance(
      ['--json', 'record', 'image', '--file', imageFile, '--pinned-set', pinnedSetId, '--baked-at', '2026-11-25T03:00:00Z'],
      env,
    );
    expect(image.code).toBe(0);
    const digest = `sha256:${createHash('sha256').update('not really a tarball').digest('hex')}`;
    expect(JSON.parse(image.stdout).events[0].streamId).toBe(`image-${digest}`);
  });

  it('given a deployment recorded by the CLI, then running, history and a projection rebuild read it back', async () => {
    const image = `sha256:${'e'.repeat(64)}`;
    const deploy = await provenance(
      ['record', 'deploy', '--deployment-id', 'cli-1', '--environment', 'site', '--image', image, '--node', 'cmc1', '--started-at', '2026-11-25T04:00:00Z'],
      env,
    );
    expect(deploy.code).toBe(0);
    const admin = { ...env, PROVENANCE_TOKEN: ADMIN_TOKEN };

    const running = await provenance(['running', '--env', 'site'], admin);
    const history = await provenance(['--json', 'history', '--env', 'site'], admin);
    const rebuild = await provenance(['projections', 'rebuild'], admin);
    const agentRebuild = await provenance(['projections', 'rebuild'], env);
    const jsonRebuild = await provenance(['--json', 'projections', 'rebuild', 'provenance-facts'], admin);

    expect(running.code).toBe(0);
    expect(running.stdout).toContain('deployed 2026-11-25T04:00:00.000Z by jenkins to cmc1 (deployment cli-1)');
    expect(running.stdout).toContain(`unresolved: image ${image} (needed by deployment cli-1)`);
    expect(JSON.parse(history.stdout).history).toEqual([expect.objectContaining({ kind: 'deployment', deploymentId: 'cli-1' })]);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stderr).toMatch(/provenance-facts \[#+\] 100%/);
    expect(rebuild.stdout).toMatch(/rebuilt provenance-facts from \d+ events/);
    expect(JSON.parse(jsonRebuild.stdout)).toEqual({ rebuilt: [{ name: 'provenance-facts', applied: expect.any(Number) }] });
    expect(agentRebuild.code).toBe(1);
    expect(agentRebuild.stderr).toContain('refused (403)');
  });

  it('given a query about an image, commit or environment not on record, then exit 1 says so in a sentence', async () => {
    const admin = { ...env, PROVENANCE_TOKEN: ADMIN_TOKEN };
    const lineage = await provenance(['lineage', '9999999'], admin);
    const running = await provenance(['running', '--env', 'nosuch'], admin);
    expect(lineage).toMatchObject({ code: 1, stdout: '' });
    expect(lineage.stderr.trim()).toBe('no image 9999999 on record');
    expect(running.code).toBe(1);
    expect(running.stderr.trim()).toMatch(/^no environment nosuch on record; known environments: aqf-1, aqf-2, site/);
  });

  it('given a missing option, then exit 2 and nothing is sent', async () => {
    const run = await provenance(['record', 'commit', '--sha', katcompCommit.sha], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('required options are missing: --repository <repository>');
  });

  it('given no command or a bad option value, then exit 2', async () => {
    expect((await provenance([], env)).code).toBe(2);
    expect((await provenance(['record'], env)).code).toBe(2);
    const retries = await provenance(['--retries', 'abc', ...commitArgs(katcompCommit.sha)], env);
    expect(retries.code).toBe(2);
    expect(retries.stderr).toContain('--retries must be a whole number from 0 to 20');
    const image = await provenance(['record', 'image', '--pinned-set', 'sha256:00', '--baked-at', '2026-11-25T03:00:00Z'], env);
    expect(image).toMatchObject({ code: 2, stderr: expect.stringContaining('give --file, or both --digest and --name') });
  });

  it('given no token, then exit 1 says to set PROVENANCE_TOKEN', async () => {
    const run = await provenance(commitArgs(katcompCommit.sha), { ...env, PROVENANCE_TOKEN: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('set PROVENANCE_TOKEN');
  });

  it('given a server that fails twice with 503, then the CLI retries and records', async () => {
    let calls = 0;
    const flaky: Server = createServer((request, response) => {
      calls++;
      response.writeHead(calls <= 2 ? 503 : 201, { 'content-type': 'application/json' });
      response.end(JSON.stringify(calls <= 2 ? { message: 'busy' } : { status: 'recorded', events: [] }));
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = flaky.address() as AddressInfo;
      const run = await provenance(commitArgs(katcompCommit.sha), { PROVENANCE_URL: `http://127.0.0.1:${port}` });
      expect(run.code).toBe(0);
      expect(calls).toBe(3);
      expect(run.stderr).toContain('server error 503');
    } finally {
      flaky.close();
    }
  });

  it('given nothing listening, then exit 3 says there is no server there once the retries are done', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const run = await provenance(['--retries', '2', ...commitArgs(katcompCommit.sha)], { PROVENANCE_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`no server at http://127.0.0.1:${port} (connection refused for`);
    expect(run.stderr).toContain('start one with `npm start`, or set PROVENANCE_URL');
  });
});
