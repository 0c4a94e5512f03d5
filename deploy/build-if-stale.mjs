#!/usr/bin/env node
// Builds dist/ (`nest build api` and `nest build cli`, then the web app into dist/web) only when
// a source, the lockfile or a build setting changed since the last build, so `npm start` starts in
// seconds when nothing did.
// Usage: node deploy/build-if-stale.mjs [--always | --web]   (--always: build everything even when
// dist/ is current, as `npm run build` does; --web: the web app even when current, the API only
// when stale). The CLI comes out executable, for `npm link` or a PATH entry.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebApp } from './web/build-web-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built-from-sources');
const webStamp = join(root, 'dist', 'web', '.built-from-sources');
const outputs = ['dist/apps/api/src/main.js', 'dist/apps/api/src/worker.js', 'dist/apps/cli/src/main.js'];
const settings = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

/** The newest file under `dirs` (tests and `skip` aside) and `files`. */
function newestOf(dirs, files, skip = () => false) {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (!/\.(spec|e2e-spec)\.tsx?$/.test(entry.name)) consider(path);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  for (const file of files) if (existsSync(join(root, file))) consider(join(root, file));
  return newest;
}

/** Why `stampFile` is older than what it was built from, or undefined when it is current. */
function staleBecause(stampFile, needed, newest) {
  const missing = needed.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(stampFile)) return `${stampFile.slice(root.length + 1)} was not written by this script`;
  if (newest.mtimeMs > statSync(stampFile).mtimeMs) return `${newest.file.slice(root.length + 1)} changed since the last build`;
  return undefined;
}

// The API and CLI: apps/ and libs/, the web app aside (it has a build of its own below).
const webSources = join(root, 'apps', 'web');
const apiWhy = process.argv.includes('--always')
  ? 'asked to (--always)'
  : staleBecause(stamp, outputs, newestOf(['apps', 'libs'], settings, (path) => path === webSources));
if (apiWhy === undefined) {
  console.error(`dist/ is current (built ${statSync(stamp).mtime.toISOString()}); not rebuilding`);
} else {
  console.error(`building dist/: ${apiWhy}`);
  const started = Date.now();
  for (const project of ['api', 'cli']) execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', project], { cwd: root, stdio: 'inherit' });
  chmodSync(join(root, 'dist/apps/cli/src/main.js'), 0o755);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// The web app: its sources, the lockfile, and the API's build (its client is generated from the API's document).
const webWhy =
  process.argv.includes('--always') || process.argv.includes('--web')
    ? 'asked to'
    : staleBecause(webStamp, ['dist/web/index.html'], newestOf(['apps/web'], ['package-lock.json', 'dist/.built-from-sources'], (path) => path.endsWith('openapi.gen.ts')));
if (webWhy === undefined) {
  console.error(`dist/web/ is current (built ${statSync(webStamp).mtime.toISOString()}); not rebuilding`);
} else {
  console.error(`building dist/web/: ${webWhy}`);
  const started = Date.now();
  await buildWebApp(root);
  writeFileSync(webStamp, `${new Date().toISOString()}\n`);
  console.error(`built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
