// The web app's build, run by deploy/build-if-stale.mjs after the API's:
// 1. the API's OpenAPI document, from the built API started for a moment on an in-memory store,
//    written to dist/openapi.json (the swagger plugin that documents the DTOs runs in `nest build`);
// 2. the client's types generated from it into apps/web/src/api/openapi.gen.ts (committed, so a
//    review shows how an API change reaches the page; rewritten only when the document changed);
// 3. the web app type-checked against them (a renamed field breaks here, not in the browser);
// 4. `vite build` into dist/web, and the JavaScript's gzipped size printed and held to the budget.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget for all of the page's JavaScript, gzipped. */
const BUDGET_BYTES = 350 * 1024;

export async function buildWebApp(root) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  writeFileSync(join(root, 'dist', 'openapi.json'), await openApiDocument(root));
  const generated = join(root, 'apps/web/src/api/openapi.gen.ts');
  execFileSync(bin('openapi-typescript'), ['dist/openapi.json', '-o', `${generated}.new`, '--root-types'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(`${generated}.new`, 'utf8');
  if (!existsSync(generated) || readFileSync(generated, 'utf8') !== fresh) {
    console.error('apps/web/src/api/openapi.gen.ts: the API document changed; regenerated (commit it)');
    renameSync(`${generated}.new`, generated);
  } else execFileSync('rm', [`${generated}.new`]);
  execFileSync(bin('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('vite'), ['build', '--config', 'apps/web/vite.config.mjs', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  printBundleSize(join(root, 'dist', 'web', 'assets'));
}

function printBundleSize(assets) {
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  let total = 0;
  for (const name of scripts) {
    const size = gzipSync(readFileSync(join(assets, name)), { level: 9 }).length;
    total += size;
    console.error(`  ${name.padEnd(40)} ${(size / 1024).toFixed(1).padStart(7)} KB gzipped`);
  }
  const line = `web app JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${scripts.length} files (budget ${BUDGET_BYTES / 1024} KB)`;
  if (total > BUDGET_BYTES) throw new Error(`${line}: over budget`);
  console.error(line);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The document as `npm start` serves it at /api/docs-json, from the API just built. */
async function openApiDocument(root) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_STORE: '', DATABASE_URL: '', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '', PROVENANCE_SAGAS: 'off' };
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) before it served its document:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
        if (response.ok) return await response.text();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the API did not serve its document within 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
}
