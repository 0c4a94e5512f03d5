import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The API as a process of its own: a test can kill it -9, or restart the broker under it,
 * and whatever its Kafka clients are doing then ends with the process, not in the test's.
 */
export class ApiProcess {
  private child?: ChildProcess;
  private printed: () => string = () => '';
  /** `entry` is the process to run: the API, or `apps/api/src/worker.ts` for the pipeline worker. */
  constructor(
    private readonly env: Record<string, string>,
    private readonly entry = 'apps/api/src/main.ts',
  ) {}

  async start(): Promise<void> {
    const { child, output } = this.spawn();
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => {
        if (output().includes('listening on http://')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the API exited (${code}) before it was ready:\n${output()}`)));
    });
  }

  /** Starts a process that must refuse to: its exit code and what it printed. Throws if it starts instead. */
  async startRefused(timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
    const { child, output } = this.spawn();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${output()}`)), timeoutMs);
      child.stdout!.on('data', () => {
        if (output().includes('listening on http://')) reject(new Error(`it started:\n${output()}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output: output() });
      });
    });
  }

  get pid(): number {
    return this.child!.pid!;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the current process printed, stdout and stderr. */
  get output(): string {
    return this.printed();
  }

  /** SIGSTOP pauses it (it keeps its connections but does nothing), SIGCONT resumes it. */
  signal(signal: 'SIGSTOP' | 'SIGCONT' | 'SIGTERM'): void {
    this.child!.kill(signal);
  }

  /** SIGTERM, and waits until it has exited; SIGKILL if it has not within `graceMs`. */
  stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    return new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  private spawn(): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', this.entry], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, NODE_OPTIONS: '', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    this.printed = () => output;
    return { child, output: () => output };
  }

  kill9(): Promise<void> {
    const child = this.child!;
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

