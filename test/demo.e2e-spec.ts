import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { startApi } from './support/start-api';

const ROOT = join(__dirname, '..');

function demo(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/demo/paper-pipeline.demo.ts'],
      { cwd: ROOT, env: { ...process.env, PROVENANCE_URL: url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run demo against a running server', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://' });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('given an empty server, when the demo runs twice, then both print the chain from site back to each commit', async () => {
    const first = await demo(url);
    const second = await demo(url);

    for (const run of [first, second]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Which source produced what is running on site:');
      expect(run.stdout).toMatch(/release candidate: yes \(decided by policy\); AQF aqf-1 aqf-1-run-0001 passed, aqf-2 aqf-2-run-0001 passed/);
      expect(run.stdout).toMatch(/katcomp\s+0\.7\.9\s+as in image\s+passed\s+https:\/\/github\.com\/ska-sa\/katcomp\s+[0-9a-f]{12}\s+CAM team/);
      expect(run.stdout).toMatch(/katobs\s+0\.6\.1\s+0\.6\.1 on cmc1, cmc3; 0\.6\.1\.post1 on cmc2\s+passed/);
      expect(run.stdout).toMatch(/numpy\s+1\.26\.4\s+as in image\s+no build recorded/);
      expect(run.stdout).toContain('hotfix-0001  katobs 0.6.1 -> 0.6.1.post1');
      expect(run.stdout).toMatch(/The sagas opened pipeline run run-[0-9a-f]+ for the leaf builds above\. It waits for an agent to answer its pinning request/);
    }
    const steps = (run: { stdout: string }) => run.stdout.split('\n').filter((line) => line.startsWith('- '));
    expect(steps(first)).toHaveLength(6);
    expect(steps(first).every((line) => line.startsWith('- recorded: '))).toBe(true);
    expect(steps(second).every((line) => line.startsWith('- already on record: '))).toBe(true);
    expect(second.stdout.split('\n').slice(-30)).toEqual(first.stdout.split('\n').slice(-30));
  });

  it('given no server, then the demo says how to start one', async () => {
    const run = await demo('http://127.0.0.1:9');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Start one with `npm start` in another terminal');
  });
});
