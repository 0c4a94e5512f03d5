import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Backend } from './backends';
import { startApi } from './start-api';

export interface ApiUnderTest {
  app(): INestApplication;
  env(): Record<string, string>;
  http(): ReturnType<typeof request>;
}

/**
 * The real API on a fresh store of this backend for the enclosing describe block, closed and
 * cleaned up after it; with `{ eachTest: true }`, a fresh one for each test, for suites whose
 * tests would otherwise see each other's facts.
 */
export function useApi(backend: Backend, extraEnv: Record<string, string> = {}, { eachTest = false } = {}): ApiUnderTest {
  let app: INestApplication;
  let env: Record<string, string>;
  const [before, after] = eachTest ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    // Sagas append events of their own; suites that are not about the pipeline leave them off.
    env = { PROVENANCE_SAGAS: 'off', ...backend.env(), ...extraEnv };
    app = await startApi(env);
  });
  after(async () => {
    await app.close();
    await backend.cleanUp(env);
  });
  return { app: () => app, env: () => env, http: () => request(app.getHttpServer()) };
}
