import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `npm run demo` against `url`: the paper's pipeline, recorded over HTTP. */
export function runDemo(url: string, token?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/demo/paper-pipeline.demo.ts'],
      { cwd: ROOT, env: { ...process.env, PROVENANCE_URL: url, ...(token ? { PROVENANCE_TOKEN: token } : {}) } },
      (error, stdout, stderr) => (error ? reject(new Error(`the demo failed: ${stderr || stdout}`)) : resolve()),
    );
  });
}

/**
 * The built API as `npm start` runs it (dist/, so run `npm run build` first), on an in-memory
 * store with no tokens, seeded by the demo: for the web bench and the README's screenshots.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_STORE: '', DATABASE_URL: '', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '' };
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  while (!output.includes('listening on http://')) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not listen within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = `http://127.0.0.1:${port}`;
  try {
    await runDemo(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
