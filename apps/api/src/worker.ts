import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ProvenanceConfig } from '@provenance/config';
import { describeEventStore, eventStoreDurabilityWarning } from '@provenance/event-store';
import { WorkerModule } from './worker.module';
import { ProvenanceLogger } from './startup/provenance-logger';
import { runWithConfig } from './startup/run-with-config';

/**
 * The pipeline worker: drives the pipeline from the log with no HTTP API, for a deployment
 * that runs the API with PROVENANCE_SAGAS=off and the sagas in a process of their own.
 */
async function work(config: ProvenanceConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new ProvenanceLogger(config.PROVENANCE_LOG_LEVEL), abortOnError: false });
  app.enableShutdownHooks();
  const logger = new Logger('pipeline-worker');
  logger.log(`driving the pipeline from ${describeEventStore(config)}`);
  const durability = eventStoreDurabilityWarning(config);
  if (durability) logger.warn(durability);
}

runWithConfig('the pipeline worker', work);
