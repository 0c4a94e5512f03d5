#!/usr/bin/env node
// Runs one jest tier (int or e2e) two suites at a time, then the suites that must run alone one
// after the other. A suite runs alone when its file has a line starting `// Runs alone:` saying
// why: it restarts the shared broker, pauses a process that holds a transaction open (log reads
// everywhere in the cluster wait for it) or measures latency against an idle figure.
// Both runs always happen; the tier fails when either failed.
// Usage: node deploy/test-tier.mjs int|e2e [JEST ARGS...]  (with jest arguments, such as a
// path, the matching suites all run one at a time in one jest run)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TIERS = { int: /\.int\.spec\.ts$/, e2e: /\.e2e-spec\.ts$/ };
const MARK = /^\/\/ Runs alone: /m;
const [tier, ...jestArgs] = process.argv.slice(2);
if (!TIERS[tier]) {
  console.error('usage: node deploy/test-tier.mjs int|e2e [JEST ARGS...]');
  process.exit(2);
}

const root = join(import.meta.dirname, '..');
const jest = (args) => spawnSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', tier, ...args], { cwd: root, stdio: 'inherit' }).status;

if (jestArgs.length > 0) process.exit(jest(['--runInBand', ...jestArgs]));

const alone = specsOf(tier).filter((file) => MARK.test(readFileSync(file, 'utf8')));
const escaped = alone.map((file) => relative(root, file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
console.log(`== ${tier}: every suite but ${alone.length} two at a time, then ${alone.map((file) => relative(root, file)).join(', ') || 'none'} one at a time`);
const together = jest(['--maxWorkers=2', ...(escaped.length > 0 ? ['--testPathIgnorePatterns', ...escaped] : [])]);
const apart = alone.length > 0 ? jest(['--runInBand', '--runTestsByPath', ...alone]) : 0;
process.exit(together === 0 && apart === 0 ? 0 : 1);

function specsOf(name) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (TIERS[name].test(entry.name)) found.push(path);
    }
  };
  for (const dir of name === 'e2e' ? ['test'] : ['apps', 'libs']) walk(join(root, dir));
  return found.sort();
}
