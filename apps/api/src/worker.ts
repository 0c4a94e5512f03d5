import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigurationError, loadConfig, ProvenanceConfig } from '@provenance/config';
import { describeEventStore } from '@provenance/event-store';
import { WorkerModule } from './worker.module';

/**
 * The pipeline worker: drives the pipeline from the log with no HTTP API, for a deployment
 * that runs the API with PROVENANCE_SAGAS=off and the sagas in a process of their own.
 */
async function work(config: ProvenanceConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  new Logger('pipeline-worker').log(`driving the pipeline from ${describeEventStore(config)}`);
}

let config: ProvenanceConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(`${error.message}\nSee README.md, "Configuration".`);
  process.exit(2);
}
work(config).catch((error: unknown) => {
  console.error('the pipeline worker failed to start:', error);
  process.exit(1);
});
