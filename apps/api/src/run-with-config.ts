import { ConfigurationError, loadConfig, ProvenanceConfig } from '@provenance/config';
import { DataDirectoryInUse, throwIfDataDirInUse } from '@provenance/event-store';

/**
 * Runs a process's start with the validated configuration: a bad setting exits 2 listing every
 * problem, and so does an embedded data directory another process holds; a failed start exits 1
 * with what failed.
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
    .then(() => {
      // Nest reports a provider that fails to open (with a stack) and exits 1 itself, so a held
      // directory is looked for before Nest starts; the store's own lock still decides.
      if (config.PROVENANCE_STORE === 'embedded') throwIfDataDirInUse(config.PROVENANCE_DATA_DIR);
      return start(config);
    })
    .catch((error: unknown) => {
      if (error instanceof DataDirectoryInUse) {
        console.error(`${what} failed to start: ${error.message}`);
        process.exit(2);
      }
      console.error(`${what} failed to start:`, error);
      process.exit(1);
    });
}
