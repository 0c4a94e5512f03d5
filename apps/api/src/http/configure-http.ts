import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ProvenanceConfig } from '@provenance/config';

/** Routes that also take the raw pip-compile output as text/plain. */
const TEXT_ROUTES = [/^\/api\/v1\/pinned-sets\/?$/];

/**
 * The HTTP edge shared by `main.ts` and the e2e tests: body limits (413), content types (415),
 * and OpenAPI at /api/docs. Create the app with `{ bodyParser: false }` so these limits apply.
 */
export function configureHttp(app: INestApplication, config: ProvenanceConfig): void {
  const express = app as NestExpressApplication;
  express.use(requireKnownContentType);
  express.useBodyParser('json', { limit: config.PROVENANCE_MAX_BODY_BYTES });
  express.useBodyParser('text', { type: 'text/plain', limit: config.PROVENANCE_MAX_BODY_BYTES });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('release-provenance')
      .setDescription('Every commit, pinned set, image, AQF run, deployment and patch of the CAM pipeline, as immutable facts.')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}

function requireKnownContentType(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!['POST', 'PUT', 'PATCH'].includes(request.method) || !hasBody) return next();
  const acceptsText = TEXT_ROUTES.some((route) => route.test(request.path));
  if (request.is('application/json') || (acceptsText && request.is('text/plain'))) return next();
  const accepted = acceptsText ? 'application/json or text/plain' : 'application/json';
  response.status(415).json({
    statusCode: 415,
    error: 'Unsupported Media Type',
    message: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here; send ${accepted}`,
  });
}
