import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirectoryInUse, LOCK_FILE, lockDataDir } from './data-dir-lock';
import { PgliteConnection } from './pglite-connection';

const ROOT = join(__dirname, '../../../..');
const schema = 'provenance';

describe('one process per embedded data directory', () => {
  let dataDir: string;
  let lockFile: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'provenance-lock-'));
    lockFile = join(dataDir, LOCK_FILE);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a directory this process has open, when it is opened again, then it is refused naming this process and PostgreSQL as the way to run several', async () => {
    const first = await PgliteConnection.open({ dataDir, schema });
    try {
      const second = PgliteConnection.open({ dataDir, schema });

      await expect(second).rejects.toBeInstanceOf(DataDirectoryInUse);
      await expect(second).rejects.toMatchObject({ holder: { pid: process.pid, host: hostname() } });
      await expect(second).rejects.toThrow(new RegExp(`${dataDir} is in use by process ${process.pid} on host .*DATABASE_URL`));
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await first.close();
    }
  });

  it('given a lock file left by a process that is gone, when the directory is opened, then the lock is taken over', async () => {
    writeFileSync(lockFile, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-11-24T08:00:00Z' }));

    const connection = await PgliteConnection.open({ dataDir, schema });
    try {
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    } finally {
      await connection.close();
    }
  });

  it('given a takeover marker left by a starter killed while it took over a stale lock, when the directory is opened, then the lock is taken over and no marker is left', async () => {
    const stale = JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-11-24T08:00:00Z' });
    writeFileSync(lockFile, stale);
    writeFileSync(markerOf(lockFile, stale, 0), JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-11-24T08:00:01Z' }));

    const lock = lockDataDir(dataDir)!;
    try {
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
      expect(readdirSync(dataDir)).toEqual([LOCK_FILE]);
    } finally {
      lock.release();
    }
  });

  it('given a takeover marker of a starter still running, when the directory is opened, then it is refused and the stale lock is left to that starter', async () => {
    const stale = JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-11-24T08:00:00Z' });
    writeFileSync(lockFile, stale);
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60_000)']);
    try {
      writeFileSync(markerOf(lockFile, stale, 0), JSON.stringify({ pid: running.pid, host: hostname(), startedAt: '2026-11-24T08:00:01Z' }));

      expect(() => lockDataDir(dataDir)).toThrow(DataDirectoryInUse);
      expect(readFileSync(lockFile, 'utf8')).toBe(stale);
    } finally {
      running.kill();
    }
  });

  it('given a lock file naming this pid that this process never took (a restarted container is pid 1 again), then it is taken over', () => {
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-11-24T08:00:00Z' }));

    const lock = lockDataDir(dataDir)!;
    try {
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).startedAt).not.toBe('2026-11-24T08:00:00Z');
    } finally {
      lock.release();
    }
  });

  it('given an open directory, when the connection closes, then the lock file is gone and the directory opens again', async () => {
    const first = await PgliteConnection.open({ dataDir, schema });
    expect(existsSync(lockFile)).toBe(true);

    await first.close();

    expect(existsSync(lockFile)).toBe(false);
    const again = await PgliteConnection.open({ dataDir, schema });
    await again.close();
  });

  it('given a directory PGlite cannot open, when opening fails, then the lock is released', async () => {
    writeFileSync(join(dataDir, 'PG_VERSION'), '99\n');

    await expect(PgliteConnection.open({ dataDir, schema })).rejects.toThrow();

    expect(existsSync(lockFile)).toBe(false);
  });

  it('given a lock file that another process has replaced since, when ours is released, then theirs stays', () => {
    const lock = lockDataDir(dataDir)!;
    const theirs = JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: '2026-11-24T08:00:00Z' });
    writeFileSync(lockFile, theirs);

    lock.release();

    expect(readFileSync(lockFile, 'utf8')).toBe(theirs);
  });

  it('given memory://, then no lock is taken and two connections open side by side', async () => {
    expect(lockDataDir('memory://')).toBeUndefined();
    const connections = [await PgliteConnection.open({ dataDir: 'memory://', schema }), await PgliteConnection.open({ dataDir: 'memory://', schema })];
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('given a stale lock and eight processes starting at once, then exactly one takes the directory and the others are refused', async () => {
    writeFileSync(lockFile, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-11-24T08:00:00Z' }));
    const go = join(dataDir, 'go');
    const starters = Array.from({ length: 8 }, () => new Starter(dataDir, go));
    try {
      await Promise.all(starters.map((starter) => starter.ready));
      writeFileSync(go, '');
      const outcomes = await Promise.all(starters.map((starter) => starter.outcome));

      expect(outcomes.filter((outcome) => outcome === 'took it')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'DataDirectoryInUse')).toHaveLength(7);
      const winner = starters[outcomes.indexOf('took it')];
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(winner.pid);
    } finally {
      starters.forEach((starter) => starter.stop());
    }
  });
});

/** The n-th takeover marker of the stale lock `found`, named as data-dir-lock.ts names it. */
function markerOf(lockFile: string, found: string, n: number): string {
  return `${lockFile}.takeover-${createHash('sha256').update(found).digest('hex').slice(0, 16)}-${n}`;
}

/** A pid that no process has any more: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/**
 * A process that takes the lock when `go` appears, reports how that went, and holds it until
 * stopped. It spins rather than sleeps while waiting, so the starters meet within microseconds:
 * with a plain unlink of the stale lock, two of them took the directory in about half the runs.
 */
class Starter {
  readonly ready: Promise<void>;
  readonly outcome: Promise<string>;
  private readonly child: ChildProcess;

  constructor(dataDir: string, go: string) {
    const script = `
      const { existsSync } = require('node:fs');
      const { lockDataDir } = require('./libs/event-store/src/postgres/data-dir-lock.ts');
      const [dataDir, go] = process.argv.slice(1);
      process.stdout.write('ready\\n');
      while (!existsSync(go));
      try { lockDataDir(dataDir); process.stdout.write('took it\\n'); } catch (error) { process.stdout.write(error.name + '\\n'); }
      process.stdin.resume();`;
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script, dataDir, go], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = new Promise<string[]>((resolve, reject) => {
      let output = '';
      this.child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.split('\n').length > 2) resolve(output.split('\n'));
      });
      this.child.once('exit', (code) => reject(new Error(`a starter exited (${code}): ${output}`)));
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.stdout!.once('data', () => resolve());
      this.child.once('exit', (code) => reject(new Error(`a starter exited (${code}) before it was ready`)));
    });
    this.outcome = lines.then((seen) => seen[1]);
  }

  get pid(): number {
    return this.child.pid!;
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
