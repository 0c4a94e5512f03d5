import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API answers itself: the page never stands in for them, even when nothing matches. */
const API_PATHS = /^\/(api|health)(\/|$)/;

/** `dist/web` of the checkout or installation this file runs from (source or `dist/`). */
export function webRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/**
 * The web app (`apps/web`, built into `dist/web` by `deploy/build-if-stale.mjs`) at `/`: its
 * files as they are, and `index.html` for any other GET outside /api and /health, so a page's URL
 * pasted into a chat opens that page (the app routes in the browser). Not built: a short page
 * that says how to build it. Registered after the Host check, before the body parsers.
 */
export function serveWebApp(app: INestApplication, root = webRoot()): void {
  const index = join(root, 'index.html');
  // Vite names the scripts and styles by their content, so they may be kept for good. Mounted
  // at /assets only: for any other path (every API request) the file system is never asked.
  (app as NestExpressApplication).useStaticAssets(join(root, 'assets'), {
    prefix: '/assets',
    index: false,
    fallthrough: true,
    setHeaders: (response: Response) => response.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATHS.test(request.path)) return next();
    if (/\/assets\//.test(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    if (existsSync(index)) return response.sendFile(index);
    response
      .status(503)
      .type('html')
      .send('<!doctype html><title>release-provenance</title><p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it when needed), then reload. The API is at <a href="/api/docs">/api/docs</a>.</p>');
  });
}
