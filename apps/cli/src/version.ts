import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** This release's version, from the project's package.json above this file (in the sources or in dist/). */
export function cliVersion(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'release-provenance' && manifest.version) return manifest.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
