import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { RanCommand } from './stage-answers';

export interface StageCommandRun extends RanCommand {
  durationMs: number;
  /** The agent was told to stop while the command ran, and stopped it. */
  interrupted: boolean;
}

/**
 * Runs the stage command with `sh -c`, the request on stdin and the stage's variables added to
 * the agent's environment. Its stderr goes straight to the agent's (the job's log); its stdout
 * is the answer. Stopping the agent sends the command, and whatever it started, SIGTERM.
 */
export function runStageCommand(command: string, stdin: string, env: NodeJS.ProcessEnv, stop: AbortSignal): Promise<StageCommandRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // A process group of its own, so stopping reaches what the script started too (a bake's tools), not only sh.
    const child = spawn('sh', ['-c', command], { env, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    const stdout: Buffer[] = [];
    const terminate = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    stop.addEventListener('abort', terminate, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    // A command that never reads its stdin closes the pipe early; that is its right.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
    child.on('error', (error) => {
      stop.removeEventListener('abort', terminate);
      reject(new Error(`cannot run sh -c ${JSON.stringify(command)}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      stop.removeEventListener('abort', terminate);
      const ended = Date.now();
      resolve({
        exitCode: code ?? 128 + (signal ? constants.signals[signal] : 0),
        stdout: Buffer.concat(stdout).toString('utf8'),
        startedAt: new Date(started).toISOString(),
        endedAt: new Date(ended).toISOString(),
        durationMs: ended - started,
        interrupted: stop.aborted,
      });
    });
  });
}
