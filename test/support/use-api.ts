import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Backend } from './backends';
import { startApi } from './start-api';

export interface ApiUnderTest {
  app(): INestApplication;
  env(): Record<string, string>;
  http(): ReturnType<typeof request>;
}

/** The real API on a fresh store of this backend for the enclosing describe block, closed and cleaned up after it. */
export function useApi(backend: Backend, extraEnv: Record<string, string> = {}): ApiUnderTest {
  let app: INestApplication;
  let env: Record<string, string>;
  beforeAll(async () => {
    // Sagas append events of their own; suites that are not about the pipeline leave them off.
    env = { PROVENANCE_SAGAS: 'off', ...backend.env(), ...extraEnv };
    app = await startApi(env);
  });
  afterAll(async () => {
    await app.close();
    await backend.cleanUp(env);
  });
  return { app: () => app, env: () => env, http: () => request(app.getHttpServer()) };
}
