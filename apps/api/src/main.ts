import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ProvenanceConfig, tokensOf } from '@provenance/config';
import { describeEventStore, eventStoreDurabilityWarning } from '@provenance/event-store';
import { ApiModule } from './api.module';
import { configureHttp } from './http/configure-http';
import { ProvenanceExpressAdapter } from './http/provenance-express-adapter';
import { limitConnections } from './http/server-limits';
import { checkPort } from './startup/port-preflight';
import { ProvenanceLogger } from './startup/provenance-logger';
import { runWithConfig } from './startup/run-with-config';

async function bootstrap(config: ProvenanceConfig): Promise<void> {
  const logger = new Logger('release-provenance');
  const open = tokensOf(config).tokens.length === 0;
  // Without tokens the API is open, so it listens on this machine only.
  const host = open ? '127.0.0.1' : config.HOST;
  await checkPort(host, config.PORT);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), new ProvenanceExpressAdapter(), {
    bodyParser: false,
    abortOnError: false,
    logger: new ProvenanceLogger(config.PROVENANCE_LOG_LEVEL),
  });
  configureHttp(app, config);
  app.enableShutdownHooks();
  if (open) {
    if (config.HOST !== '127.0.0.1') logger.warn(`HOST=${config.HOST} ignored: without PROVENANCE_TOKENS the API is open, so it binds 127.0.0.1 only`);
    logger.warn('no PROVENANCE_TOKENS configured: no authentication, listening on 127.0.0.1 only (see README.md, "Access")');
  }
  limitConnections(app.getHttpServer(), config);
  await app.listen(config.PORT, host);
  logger.log(`event log: ${describeEventStore(config)}`);
  const durability = eventStoreDurabilityWarning(config);
  if (durability) logger.warn(durability);
  logger.log(`listening on http://${host}:${config.PORT} — API docs at /api/docs, raw facts at /api/v1/audit/events`);
}

runWithConfig('release-provenance', bootstrap);
