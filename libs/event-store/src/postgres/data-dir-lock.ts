import { createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** The file in a data directory that names the one process using it. */
export const LOCK_FILE = 'provenance.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another process (or this one, already) has the embedded store's directory open. */
export class DataDirectoryInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const by = holder
      ? `by process ${holder.pid} on host ${holder.host} (since ${holder.startedAt})`
      : `(its ${LOCK_FILE} names no process: being written, or damaged; remove it if no process uses the directory)`;
    super(
      `PROVENANCE_DATA_DIR ${dataDir} is in use ${by}: the embedded store belongs to one process. ` +
        'Stop that process, or run several processes (API replicas, npm run worker) on PostgreSQL: set DATABASE_URL.',
    );
    this.name = 'DataDirectoryInUse';
  }
}

export interface DataDirLock {
  /** Removes the lock file if it still is ours; safe to call twice. */
  release(): void;
}

/**
 * Lock files this process holds. A lock naming our own pid that is not in here was left by an
 * earlier process that had the same pid (pid 1 in a restarted container), so it is stale.
 */
const heldHere = new Set<string>();

/**
 * Takes `dataDir` for this process, or throws DataDirectoryInUse naming the holder. A lock left
 * by a process that is gone (killed -9) is taken over. Returns undefined for a store that is not
 * a directory (`memory://`).
 */
export function lockDataDir(dataDir: string): DataDirLock | undefined {
  const directory = directoryOf(dataDir);
  if (directory === undefined) return undefined;
  mkdirSync(directory, { recursive: true });
  const path = resolve(directory, LOCK_FILE);
  const ours = thisProcess();
  acquire(dataDir, path, ours);
  heldHere.add(path);

  const release = () => {
    if (!heldHere.delete(path)) return;
    process.off('exit', releaseAtExit);
    if (readIfPresent(path) === ours) removeIfPresent(path);
  };
  const releaseAtExit = () => {
    try {
      release();
    } catch {
      // Best effort: a lock left behind names a dead process, which the next start takes over.
    }
  };
  process.on('exit', releaseAtExit);
  return { release };
}

/**
 * Throws DataDirectoryInUse if a running process holds `dataDir`, taking nothing: a check before
 * start-up, for a plain refusal. The lock itself is taken when the store opens.
 */
export function throwIfDataDirInUse(dataDir: string): void {
  const directory = directoryOf(dataDir);
  if (directory === undefined) return;
  const path = resolve(directory, LOCK_FILE);
  const holder = parseHolder(readIfPresent(path) ?? '');
  if (holder !== undefined && isRunning(holder, path)) throw new DataDirectoryInUse(dataDir, holder);
}

/** Starters meeting at one stale lock wait for the one taking it over; a takeover takes microseconds. */
const ATTEMPTS = 40;
const WAIT_MS = 5;

function acquire(dataDir: string, path: string, ours: string): void {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, ours)) return;
    const found = readIfPresent(path);
    if (found === undefined) continue;
    const holder = parseHolder(found);
    if (holder === undefined || isRunning(holder, path)) throw new DataDirectoryInUse(dataDir, holder);
    if (!removedStale(path, found)) pause(WAIT_MS);
  }
  throw new DataDirectoryInUse(dataDir, parseHolder(readIfPresent(path) ?? ''));
}

/**
 * Removes the stale lock `found` if it is still there, and says whether this starter was the one
 * to look. Several starters can judge one stale file at once; only the one that creates the
 * takeover marker named after it checks and removes it, so no starter ever removes a lock another
 * wrote meanwhile. (Moving the file aside and putting back a live one, as before, left a moment
 * with no file in which a third starter took the directory beside the one whose lock was moved:
 * seen in CI as two of eight starters holding it.)
 *
 * A starter killed during its takeover leaves its marker behind, and a marker cannot be removed
 * safely by another (it may have been replaced since it was read). So markers are numbered: when
 * marker n names a process that is gone, the next starter tries n + 1; a marker naming a running
 * process means that one is looking, and this one waits. The taker removes the markers it passed.
 */
function removedStale(path: string, found: string): boolean {
  const stem = `${path}.takeover-${createHash('sha256').update(found).digest('hex').slice(0, 16)}`;
  for (let n = 0; ; n++) {
    const marker = `${stem}-${n}`;
    if (createExclusive(marker, thisProcess())) {
      try {
        if (readIfPresent(path) === found) unlinkSync(path);
        for (let passed = 0; passed < n; passed++) removeIfPresent(`${stem}-${passed}`);
      } finally {
        removeIfPresent(marker);
      }
      return true;
    }
    const taker = parseHolder(readIfPresent(marker) ?? '');
    // Gone since it was created (its taker finished): look again later.
    if (taker === undefined || isRunning(taker, marker)) return false;
  }
}

/** What a lock or a takeover marker says about the process that wrote it. */
function thisProcess(): string {
  return JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies LockHolder);
}

/** Lock-taking is synchronous (it runs before the store opens); a short blocking wait keeps it so. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isRunning(holder: LockHolder, path: string): boolean {
  // A process on another host cannot be asked; its lock is treated as stale.
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

/**
 * Creates `path` holding `content`, or says false when it exists. Written aside and then linked
 * in, so nobody ever reads it half written, and a process killed while writing leaves no empty
 * file that names no one (only its aside file). Where the file system has no hard links, it is
 * created in place.
 */
function createExclusive(path: string, content: string): boolean {
  const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, content, { flag: 'wx' });
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (codeOf(error) === 'EPERM' || codeOf(error) === 'ENOTSUP') return createInPlace(path, content);
    throw error;
  } finally {
    removeIfPresent(aside);
  }
}

function createInPlace(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    const valid = Number.isInteger(holder.pid) && (holder.pid as number) > 0 && typeof holder.host === 'string';
    return valid ? { pid: holder.pid!, host: holder.host!, startedAt: String(holder.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

/** PGlite's own rule: `file://` and bare paths are directories, other schemes (`memory://`) are not. */
/** The directory PGlite keeps `dataDir` in (`file://` stripped), or undefined for `memory://` and other non-directories. */
export function directoryOf(dataDir: string): string | undefined {
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length) || undefined;
  if (dataDir === '' || /^[a-z0-9+.-]+:\/\//i.test(dataDir)) return undefined;
  return dataDir;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}
