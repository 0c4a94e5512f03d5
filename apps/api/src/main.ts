import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigurationError, loadConfig, ProvenanceConfig } from '@provenance/config';
import { describeEventStore } from '@provenance/event-store';
import { ApiModule } from './api.module';

async function bootstrap(config: ProvenanceConfig): Promise<void> {
  const app = await NestFactory.create(ApiModule.forRoot(config));
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const logger = new Logger('release-provenance');
  logger.log(`event log: ${describeEventStore(config)}`);
  logger.log(`listening on http://${config.HOST}:${config.PORT} — try GET /health and GET /api/v1/audit/events`);
}

let config: ProvenanceConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(`${error.message}\nSee README.md, "Configuration".`);
  process.exit(2);
}
bootstrap(config).catch((error: unknown) => {
  console.error('release-provenance failed to start:', error);
  process.exit(1);
});
