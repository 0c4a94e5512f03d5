import { ConfigurationError, loadConfig, ProvenanceConfig, readModelStoreOf } from '@provenance/config';
import { DataDirectoryInUse, throwIfDataDirInUse } from '@provenance/event-store';
import { StartupProblem } from './startup-problem';
import { checkSigningKeys } from './signing-key-preflight';
import { checkStore } from './store-preflight';

/**
 * Runs a process's start with the validated configuration. What the person starting it can fix
 * (a bad setting, an unreachable database, a data directory another process holds or nobody
 * may write, a port in use) exits 2 with one line naming the variable and the fix; any other
 * failure to start exits 1 with what failed.
 */
export function runWithConfig(what: string, start: (config: ProvenanceConfig) => Promise<void>): void {
  let config: ProvenanceConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(`${error.message}\nSee README.md, "Configuration".`);
    process.exit(2);
  }
  Promise.resolve()
    .then(async () => {
      await checkStore(config);
      await checkSigningKeys(config);
      // Nest reports a provider that fails to open (with a stack) and exits 1 itself, so a held
      // directory is looked for before Nest starts; the store's own lock still decides.
      if (readModelStoreOf(config) === 'embedded') throwIfDataDirInUse(config.PROVENANCE_DATA_DIR);
      await start(config);
    })
    .catch((error: unknown) => {
      if (error instanceof DataDirectoryInUse || error instanceof StartupProblem) {
        console.error(`${what} cannot start: ${error.message}`);
        process.exit(2);
      }
      console.error(`${what} failed to start:`, error);
      process.exit(1);
    });
}
