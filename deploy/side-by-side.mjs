#!/usr/bin/env node
// Runs npm scripts side by side and fails when any of them fails, after all have ended. Each
// script's output is printed in one piece when it ends, so the log reads as if they ran one
// after the other. For steps that share no state: `npm test` runs the type check, the import
// rules, the lint and the build of dist/ this way (each is one process on one core; CI has two).
// Usage: node deploy/side-by-side.mjs SCRIPT...
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node deploy/side-by-side.mjs SCRIPT...  (npm scripts from package.json)');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();
const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise((resolve) => {
        const child = spawn(npm, ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        const output = [];
        child.stdout.on('data', (chunk) => output.push(chunk));
        child.stderr.on('data', (chunk) => output.push(chunk));
        child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
        child.on('close', (code, signal) => {
          const ok = code === 0;
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`== npm run ${script}: ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`}, ended ${seconds} s after the start\n`);
          process.stdout.write(Buffer.concat(output));
          resolve({ script, ok });
        });
      }),
  ),
);

const failed = results.filter((result) => !result.ok).map((result) => result.script);
if (failed.length > 0) {
  console.error(`failed: ${failed.map((script) => `npm run ${script}`).join(', ')}`);
  process.exit(1);
}
