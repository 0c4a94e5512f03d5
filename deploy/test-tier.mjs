#!/usr/bin/env node
// Runs jest tiers (int, e2e, or both in one jest run) two suites at a time, then the suites that
// must run alone one after the other. A suite runs alone when its file has a line starting
// `// Runs alone:` saying why: it restarts the shared broker, pauses a process that holds a
// transaction open (log reads everywhere in the cluster wait for it) or measures latency against
// an idle figure. Both runs always happen; the command fails when either failed.
// Usage: node deploy/test-tier.mjs TIER... [JEST ARGS...]  (TIER: int or e2e; with jest
// arguments, such as a path, the matching suites all run one at a time in one jest run)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TIERS = { int: { dirs: ['apps', 'libs'], file: /\.int\.spec\.ts$/ }, e2e: { dirs: ['test'], file: /\.e2e-spec\.ts$/ } };
const MARK = /^\/\/ Runs alone: /m;
const args = process.argv.slice(2);
let count = 0;
while (count < args.length && Object.hasOwn(TIERS, args[count])) count++;
const [tiers, jestArgs] = [args.slice(0, count), args.slice(count)];
if (count === 0 || new Set(tiers).size !== count) {
  console.error('usage: node deploy/test-tier.mjs int|e2e [int|e2e] [JEST ARGS...]');
  process.exit(2);
}

const root = join(import.meta.dirname, '..');
const jest = (extra) =>
  spawnSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', ...tiers, ...extra], { cwd: root, stdio: 'inherit' }).status;

if (jestArgs.length > 0) process.exit(jest(['--runInBand', ...jestArgs]));

const alone = tiers.flatMap(specsOf).filter((file) => MARK.test(readFileSync(file, 'utf8')));
const shown = alone.map((file) => relative(root, file));
console.log(`== ${tiers.join(' and ')}: every suite but ${alone.length} two at a time, then ${shown.join(', ') || 'none'} one at a time`);
const escaped = shown.map((path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const together = jest(['--maxWorkers=2', ...(escaped.length > 0 ? ['--testPathIgnorePatterns', ...escaped] : [])]);
const apart = alone.length > 0 ? jest(['--runInBand', '--runTestsByPath', ...alone]) : 0;
process.exit(together === 0 && apart === 0 ? 0 : 1);

function specsOf(tier) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (TIERS[tier].file.test(entry.name)) found.push(path);
    }
  };
  for (const dir of TIERS[tier].dirs) walk(join(root, dir));
  return found.sort();
}
