import type { components } from './openapi.gen';

/** The answers' shapes, generated from the API's OpenAPI document (deploy/web/build-web-app.mjs). */
export type Schemas = components['schemas'];
