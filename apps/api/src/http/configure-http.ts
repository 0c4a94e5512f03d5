import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import type { ProvenanceConfig } from '@provenance/config';
import { guardHostsAndOrigins } from './hosts-and-origins';
import { openApiDocument } from './openapi-document';
import { bothOf, verifyJsonShape } from './json-shape';
import { jsonShapeLimits } from './request-limits';
import { verifyUtf8Body } from './utf8-body';
import { serveWebApp } from '../web/web-app';

/** Routes that also take the raw pip-compile output as text/plain. */
const TEXT_ROUTES = [/^\/api\/v1\/pinned-sets\/?$/];

/**
 * The HTTP edge shared by `main.ts` and the e2e tests: hosts and origins (421, 403), body limits
 * (413), JSON nesting (400), content types (415), OpenAPI at /api/docs and the web app at /. Create the app with
 * `{ bodyParser: false }` so these limits apply.
 */
export function configureHttp(app: INestApplication, config: ProvenanceConfig): void {
  const express = app as NestExpressApplication;
  // Answers are live and the API documents no 304, so none carries an ETag to revalidate against
  // (hashing each body cost every request; the web app's assets keep theirs). Nor a banner.
  express.set('etag', false);
  express.disable('x-powered-by');
  guardHostsAndOrigins(app, config);
  serveWebApp(app);
  express.use(requireKnownContentType);
  express.useBodyParser('json', { limit: config.PROVENANCE_MAX_BODY_BYTES, verify: bothOf(verifyUtf8Body, verifyJsonShape(jsonShapeLimits(config))) });
  express.useBodyParser('text', { type: 'text/plain', limit: config.PROVENANCE_MAX_BODY_BYTES, verify: verifyUtf8Body });

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document);
}

function requireKnownContentType(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return next();
  const acceptsText = TEXT_ROUTES.some((route) => route.test(request.path));
  // The JSON parser reads UTF-8 only, and judges the charset even of an empty body.
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1].toLowerCase();
  const utf8 = charset === undefined || charset === 'utf-8' || charset === 'utf8';
  if (!hasBody && (utf8 || !request.is('application/json'))) return next();
  if (request.is('application/json') && utf8) return next();
  if (acceptsText && request.is('text/plain')) return next();
  const accepted = acceptsText ? 'application/json (UTF-8) or text/plain' : 'application/json (UTF-8)';
  response.status(415).json({
    statusCode: 415,
    error: 'Unsupported Media Type',
    message: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here; send ${accepted}`,
  });
}
