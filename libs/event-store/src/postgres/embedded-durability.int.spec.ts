import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithProgram } from '@provenance/testing';

const ROOT = join(__dirname, '../../../..');
const APPENDS = 20;

/**
 * A power cut or a VM crash loses what is only in the page cache, so kill -9 proves nothing
 * here. Instead the appender runs under strace, and each `acknowledged <n>` it prints (after
 * its append's promise resolved) must come after an fsync of every write-ahead log file written
 * since the previous acknowledgement: only then was that fact on disk when it was acknowledged.
 */
describeWithProgram('strace', 'the embedded store acknowledges a fact only once it is on disk', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'provenance-durability-')));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it(`given ${APPENDS} appends one at a time to a data directory, then each acknowledgement follows an fsync of the write-ahead log it wrote`, async () => {
    const dataDir = join(scratch, 'data');
    const trace = join(scratch, 'strace.out');

    const { code, stdout, stderr } = await run('strace', [
      '-f', '-qq', '-y', '-o', trace, '-e', 'trace=fsync,fdatasync,write,pwrite64,writev,pwritev,pwritev2',
      process.execPath, '-r', '@swc-node/register', 'test/fixtures/embedded-appender.ts', dataDir, String(APPENDS),
    ]);

    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout.split('\n').filter((line) => line.startsWith('acknowledged'))).toHaveLength(APPENDS);
    const steps = stepsOf(readFileSync(trace, 'utf8'), join(dataDir, 'pg_wal') + '/');
    expect(steps.filter((step) => step.kind === 'acknowledged')).toHaveLength(APPENDS);
    expect(steps.filter((step) => step.kind === 'wal-written').length).toBeGreaterThanOrEqual(APPENDS);
    expect(unsyncedAcknowledgements(steps)).toEqual([]);
  }, 90_000);
});

type Step =
  | { kind: 'opened' }
  | { kind: 'acknowledged'; n: number }
  | { kind: 'wal-written'; file: string }
  | { kind: 'wal-synced'; file: string };

/** The trace as the steps that matter, in order: the store opened, a WAL file written or synced, a fact acknowledged. */
function stepsOf(trace: string, walPrefix: string): Step[] {
  const pendingSync = new Map<string, string>();
  const steps: Step[] = [];
  for (const line of trace.split('\n')) {
    const [, pid, call] = /^(\d+)\s+(.*)$/.exec(line) ?? [];
    if (call === undefined) continue;
    const marker = /^write\(1<[^>]*>, "(opened|acknowledged (\d+))\\n"/.exec(call);
    if (marker) steps.push(marker[1] === 'opened' ? { kind: 'opened' } : { kind: 'acknowledged', n: Number(marker[2]) });
    const written = /^p?writev?(?:64|2)?\(\d+<([^>]*)>/.exec(call)?.[1];
    if (written?.startsWith(walPrefix)) steps.push({ kind: 'wal-written', file: written });
    let synced: string | undefined;
    const whole = /^f(?:data)?sync\(\d+<([^>]*)>\)\s+= 0$/.exec(call);
    const started = /^f(?:data)?sync\(\d+<([^>]*)> <unfinished \.\.\.>$/.exec(call);
    if (whole) synced = whole[1];
    if (started) pendingSync.set(pid, started[1]);
    if (/^<\.\.\. f(?:data)?sync resumed>\)\s+= 0$/.test(call)) synced = pendingSync.get(pid);
    if (synced?.startsWith(walPrefix)) steps.push({ kind: 'wal-synced', file: synced });
  }
  return steps;
}

/**
 * The acknowledgements made while a WAL file written since the previous acknowledgement (or the
 * open) had not been fsynced after that write.
 */
function unsyncedAcknowledgements(steps: Step[]): string[] {
  const unsynced: string[] = [];
  const dirty = new Set<string>();
  let writtenSinceLast = false;
  for (const step of steps) {
    if (step.kind === 'opened') writtenSinceLast = false;
    if (step.kind === 'wal-written') {
      dirty.add(step.file);
      writtenSinceLast = true;
    }
    if (step.kind === 'wal-synced') dirty.delete(step.file);
    if (step.kind !== 'acknowledged') continue;
    if (!writtenSinceLast) unsynced.push(`acknowledged ${step.n} with nothing written to pg_wal since the previous acknowledgement`);
    else if (dirty.size > 0) unsynced.push(`acknowledged ${step.n} before ${[...dirty].join(', ')} was fsynced`);
    writtenSinceLast = false;
  }
  return unsynced;
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
