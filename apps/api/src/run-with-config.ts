import { ConfigurationError, loadConfig, ProvenanceConfig } from '@provenance/config';

/**
 * Runs a process's start with the validated configuration: a bad setting exits 2 listing every
 * problem, a failed start exits 1 with what failed.
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
  start(config).catch((error: unknown) => {
    console.error(`${what} failed to start:`, error);
    process.exit(1);
  });
}
