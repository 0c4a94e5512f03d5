import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PinnedSetDto } from '@provenance/facts';
import { Problem } from './problem.dto';

/**
 * The OpenAPI document at /api/docs-json. Nest derives it from the controllers and DTOs; what
 * it cannot derive is added here: the two body forms of a pinned set, and the package graph's
 * body, which is pipdeptree's own output.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('release-provenance')
      .setDescription('Every commit, pinned set, image, AQF run, deployment and patch of the CAM pipeline, as immutable facts.')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API token',
        description: 'An API token whose SHA-256 is in PROVENANCE_TOKENS (not a JWT). Without PROVENANCE_TOKENS the API is open and listens on 127.0.0.1 only.',
      })
      .build(),
  );
  const pinnedSets = document.paths['/api/v1/pinned-sets']?.post;
  if (pinnedSets) {
    pinnedSets.requestBody = {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(PinnedSetDto) } },
        'text/plain': { schema: { type: 'string', description: 'the requirements file exactly as pip-compile wrote it; name, builds and requestId go in the query' } },
      },
    };
  }
  const packageGraph = document.paths['/api/v1/package-graph']?.post;
  if (packageGraph) {
    packageGraph.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: {
            description: 'the output of `pipdeptree --json` (a list of {package, dependencies}) or `pipdeptree --json-tree` (a list of nested packages)',
            type: 'array',
            items: { type: 'object' },
          },
        },
      },
    };
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.delete]) {
      if (operation) operation.responses['421'] ??= MISDIRECTED;
    }
  }
  return document;
}

/** Every route's answer to a `Host` the server does not answer for (see hosts-and-origins.ts). */
const MISDIRECTED = {
  description: 'the `Host` header names a host this server does not answer for (PROVENANCE_ALLOWED_HOSTS); nothing was done',
  content: { 'application/json': { schema: { $ref: getSchemaPath(Problem) } } },
};
