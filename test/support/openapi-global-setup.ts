import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, freePort } from './api-process';
import { OPENAPI_DOCUMENT_FILE } from './documented-answers';

/**
 * Before the end-to-end suites: the OpenAPI document as `npm start` serves it, written to a file
 * every suite checks its answers against. It comes from the built API, since the Nest CLI's
 * swagger plugin (which documents the DTOs) runs in `nest build`, not in the tests' compiler.
 */
export default async function writeOpenApiDocument(): Promise<void> {
  const root = join(__dirname, '../..');
  execFileSync(process.execPath, ['deploy/build-if-stale.mjs'], { cwd: root, stdio: 'ignore' });
  // The web app's build fetches the same document from the same build; then it is current.
  const api = join(root, 'dist/apps/api/src/main.js');
  if (existsSync(OPENAPI_DOCUMENT_FILE) && statSync(OPENAPI_DOCUMENT_FILE).mtimeMs > statSync(api).mtimeMs) return;
  const port = await freePort();
  const server = new ApiProcess(
    { PORT: String(port), PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_STORE: '', DATABASE_URL: '', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '', PROVENANCE_SAGAS: 'off' },
    'dist/apps/api/src/main.js',
  );
  await server.start();
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
    writeFileSync(OPENAPI_DOCUMENT_FILE, await response.text());
  } finally {
    await server.stop();
  }
}
