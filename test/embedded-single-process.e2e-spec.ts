import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, freePort } from './support/api-process';
import { katcompCommit, sha } from './support/pipeline-facts';

describe('the embedded store belongs to one process', () => {
  let dataDir: string;
  const started: ApiProcess[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'provenance-one-process-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((running) => running.kill9()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The API (or `entry`) on the shared data directory, on a port of its own, with no server configured. */
  async function onDataDir(entry?: string): Promise<{ process: ApiProcess; url: string }> {
    const port = await freePort();
    // loadConfig ignores empty values: blanking these keeps a developer's own settings out.
    const env = { PROVENANCE_STORE: 'embedded', PROVENANCE_DATA_DIR: dataDir, PORT: String(port), PROVENANCE_SAGAS: 'off', DATABASE_URL: '', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '' };
    const running = new ApiProcess(env, entry);
    started.push(running);
    return { process: running, url: `http://127.0.0.1:${port}` };
  }

  const commit = (n: number) => ({ ...katcompCommit, sha: sha(n.toString(16).padStart(4, '0')), message: `change ${n}` });

  async function record(url: string, n: number): Promise<string> {
    const response = await fetch(`${url}/api/v1/commits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(commit(n)) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { events: { streamId: string }[] }).events[0].streamId;
  }

  function expectRefusal(refusal: { code: number | null; output: string }, holder: ApiProcess): void {
    expect(refusal.code).toBe(2);
    expect(refusal.output).toContain(`${dataDir} is in use by process ${holder.pid}`);
    expect(refusal.output).toContain('DATABASE_URL');
    expect(refusal.output).not.toMatch(/^\s+at /m);
  }

  it('given an API with acknowledged commits, when a second API starts on its directory, then it exits 2 naming the first; after the first is killed -9, a new API takes over and every acknowledged commit is there', async () => {
    const first = await onDataDir();
    await first.process.start();
    const acknowledged: string[] = [];
    for (let n = 0; n < 5; n++) acknowledged.push(await record(first.url, n));

    const second = await onDataDir();
    expectRefusal(await second.process.startRefused(), first.process);
    acknowledged.push(await record(first.url, 5));
    await first.process.kill9();

    const third = await onDataDir();
    await third.process.start();
    for (const [n, streamId] of acknowledged.entries()) {
      const response = await fetch(`${third.url}/api/v1/streams/${encodeURIComponent(streamId)}`);
      const { events } = (await response.json()) as { events: { type: string; data: { message: string } }[] };
      expect(events).toMatchObject([{ type: 'CommitRecorded', data: { message: `change ${n}` } }]);
    }
    const log = (await (await fetch(`${third.url}/api/v1/audit/events?limit=1000`)).json()) as { events: { type: string }[] };
    expect(log.events.filter((event) => event.type === 'CommitRecorded')).toHaveLength(acknowledged.length);
    // Three API processes start on PGlite (about 15 s in all, alone here); beside another suite in CI it took over 30 s.
  }, 90_000);

  it('given an API running on a directory, when the pipeline worker starts beside it on the same directory, then the worker exits 2 naming the API', async () => {
    const api = await onDataDir();
    await api.process.start();

    const worker = await onDataDir('apps/api/src/worker.ts');
    const refusal = await worker.process.startRefused();

    expectRefusal(refusal, api.process);
    expect(refusal.output).toContain('the pipeline worker cannot start: PROVENANCE_DATA_DIR');
    await record(api.url, 0);
  }, 60_000);
});
