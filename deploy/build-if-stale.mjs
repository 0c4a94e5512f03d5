#!/usr/bin/env node
// Builds dist/ (`nest build api` and `nest build cli`) only when a source, the lockfile or a
// build setting changed since the last build, so `npm start` starts in seconds when nothing did.
// Usage: node deploy/build-if-stale.mjs [--always]   (--always: build even when dist/ is current;
// `npm run build` does that). The CLI comes out executable, for `npm link` or a PATH entry.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built-from-sources');
const outputs = ['dist/apps/api/src/main.js', 'dist/apps/api/src/worker.js', 'dist/apps/cli/src/main.js'];
const settings = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

/** The newest input: every file under apps/ and libs/ except tests, and the build settings. */
function newestInput() {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.(spec|e2e-spec)\.ts$/.test(entry.name)) consider(path);
    }
  };
  walk(join(root, 'apps'));
  walk(join(root, 'libs'));
  for (const file of settings) if (existsSync(join(root, file))) consider(join(root, file));
  return newest;
}

function staleBecause() {
  const missing = outputs.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(stamp)) return 'dist/ was not built by this script';
  const newest = newestInput();
  if (newest.mtimeMs > statSync(stamp).mtimeMs) return `${newest.file.slice(root.length + 1)} changed since the last build`;
  return undefined;
}

const why = process.argv.includes('--always') ? 'asked to (--always)' : staleBecause();
if (why === undefined) {
  console.error(`dist/ is current (built ${statSync(stamp).mtime.toISOString()}); not rebuilding`);
} else {
  console.error(`building dist/: ${why}`);
  const started = Date.now();
  for (const project of ['api', 'cli']) execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', project], { cwd: root, stdio: 'inherit' });
  chmodSync(join(root, 'dist/apps/cli/src/main.js'), 0o755);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
