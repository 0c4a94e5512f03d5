import { closeSync, fsyncSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite, PGliteOptions } from '@electric-sql/pglite';

/**
 * PGlite (0.5.x) on a directory never fsyncs, so an acknowledged commit lives only in the page
 * cache until the OS writes it out: a power cut or VM crash can lose it. Three things make that so:
 *
 * - it starts PostgreSQL with `-F` (fsync = off) among `PGlite.defaultStartParams`;
 * - its directory filesystem is Emscripten's NODEFS, whose `stream_ops` have no `fsync`, so the
 *   WASI `fd_sync` behind `fsync()` does nothing, and `fdatasync()` is a stub that returns 0;
 * - `syncToFs()`, run after every query (and not awaited under `relaxedDurability`), does
 *   nothing for NODEFS.
 *
 * So PostgreSQL's own fsync is switched back on, its WAL is flushed with `fsync()` (the call
 * that reaches the filesystem), and NODEFS's `fsync` becomes the host's. A commit then returns
 * only after its WAL is on disk, and checkpoints sync the data files they write, PostgreSQL's
 * usual contract. Everything happens inside the synchronous WASM call that runs the query, so
 * a query's promise cannot resolve before the sync.
 */
export function durablePgliteOptions(directory: string): Pick<PGliteOptions, 'fs' | 'startParams'> {
  return {
    fs: new SyncingNodeFS(directory),
    startParams: [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'],
  };
}

/**
 * fsyncs every file and directory under `directory`, and `directory`'s entry in its parent.
 * PGlite copies a new database in from its initdb without syncing it, and a directory last
 * used with PROVENANCE_EMBEDDED_SYNC=off may hold unsynced writes; this runs once at open.
 */
export function syncDirectoryTree(directory: string): void {
  const root = resolve(directory);
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    if (stat.isDirectory() || stat.isFile()) fsyncPath(path);
  };
  walk(root);
  fsyncPath(dirname(root));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

type Filesystem = NonNullable<PGliteOptions['fs']>;
type EmscriptenOptions = Parameters<Filesystem['init']>[1];
type PostgresModule = Parameters<NonNullable<EmscriptenOptions['preRun']>[number]>[0];

/** The subset of Emscripten's NODEFS this file changes. */
interface NodeFsInternals {
  stream_ops?: { fsync?: (stream: { nfd: number }) => number };
  tryFSOperation?: <T>(operation: () => T) => T;
}

// PGlite's own NodeFS; `moduleResolution: node` cannot see the package's `./nodefs` export, so
// it is required here and typed by the `fs` option it fills.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NodeFS } = require('@electric-sql/pglite/nodefs') as { NodeFS: new (dataDir: string) => Filesystem };

/** PGlite's NodeFS, with `fsync` on a file or directory passed through to the host. */
class SyncingNodeFS extends NodeFS {
  override async init(...args: Parameters<Filesystem['init']>): ReturnType<Filesystem['init']> {
    const { emscriptenOpts } = await super.init(...args);
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), passFsyncToHost] } };
  }
}

function passFsyncToHost(module: PostgresModule): void {
  const nodefs = (module as unknown as { NODEFS?: NodeFsInternals }).NODEFS;
  const { stream_ops: streamOps, tryFSOperation } = nodefs ?? {};
  if (!streamOps || !tryFSOperation) {
    throw new Error('this PGlite has no NODEFS stream_ops to add fsync to: the embedded store cannot make commits durable (see durable-pglite.ts)');
  }
  // tryFSOperation turns a host error (EIO, ENOSPC) into an errno for PostgreSQL, which treats a
  // failed fsync as a PANIC, as on a server.
  streamOps.fsync = (stream) =>
    tryFSOperation(() => {
      fsyncSync(stream.nfd);
      return 0;
    });
}
