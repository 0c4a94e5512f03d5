import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@provenance/config';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttp } from '../../apps/api/src/http/configure-http';
import { ProvenanceExpressAdapter } from '../../apps/api/src/http/provenance-express-adapter';
import { watchAnswers } from './documented-answers';

/**
 * The real API, as `main.ts` builds it, on the configuration these variables give; its answers
 * are checked against the OpenAPI document after each test (`answers-as-documented.setup.ts`).
 */
export async function startApi(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig(env);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(new ProvenanceExpressAdapter(), { bodyParser: false });
  configureHttp(app, config);
  await app.init();
  watchAnswers(app.getHttpServer());
  return app;
}
