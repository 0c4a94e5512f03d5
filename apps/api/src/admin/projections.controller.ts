import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CountLog, LOG_COUNT, SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { PROJECTIONS, ProjectionRunner, RebuildInProgress } from '@provenance/projections';
import { Allow } from '../auth/allow.decorator';
import { logTotal, rebuildProgress } from './rebuild-progress';
import { Refuses } from '../http/routes';
import { ProjectionsAnswer, RebuildDoneLine, RebuildFailedLine, RebuildProgressLine } from './admin-answers.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/projections')
export class ProjectionsController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(SQL_CONNECTION) private readonly connection: SqlConnection,
    @Inject(LOG_COUNT) private readonly countLog: CountLog,
  ) {}

  /** The read models and how far each has read the log. */
  @Get()
  @Allow(['admin'])
  @Refuses([401, 403])
  @ApiOkResponse({ type: ProjectionsAnswer })
  async list(): Promise<{ projections: { name: string; checkpoint: string | null }[] }> {
    const rows = await this.connection.query<{ name: string; position: string | null }>('SELECT name, position FROM follower_checkpoints');
    const checkpoints = new Map(rows.map((row) => [row.name, row.position]));
    return { projections: PROJECTIONS.map(({ name }) => ({ name, checkpoint: checkpoints.get(name) ?? null })) };
  }

  /**
   * Empties a read model and replays the whole log into it. Answers with newline-delimited JSON
   * progress lines, `{"applied", "total"}`, then `{"done": true, "applied"}`. The process asked
   * takes over the read model's lease from whichever process held it. 409 while a rebuild runs,
   * with that rebuild's progress.
   */
  @Post(':name/rebuild')
  @HttpCode(200)
  @Allow(['admin'])
  @ApiExtraModels(RebuildProgressLine, RebuildDoneLine, RebuildFailedLine)
  @ApiResponse({
    status: 200,
    description: "the rebuild's progress, one JSON object a line (NDJSON), then its result",
    content: {
      'application/x-ndjson': {
        schema: { anyOf: [RebuildProgressLine, RebuildDoneLine, RebuildFailedLine].map((line) => ({ $ref: getSchemaPath(line) })) },
      },
    },
  })
  @Refuses([400, 401, 403, 404, 409, 413, 415, 422], {
    400: 'the route takes no body, but one that was sent breaks a rule of every body (depth, encoding); or a bad Idempotency-Key',
    409: 'a rebuild of this projection already runs; `message` gives its progress',
    422: 'the Idempotency-Key was used for another request',
  })
  async rebuild(@Param('name') name: string, @Res() response: Response): Promise<void> {
    if (!PROJECTIONS.some((projection) => projection.name === name)) {
      throw new NotFoundException(`no projection named ${name}; known: ${PROJECTIONS.map((projection) => projection.name).join(', ')}`);
    }
    const total = await logTotal(this.countLog);
    let started = false;
    try {
      const applied = await this.runner.rebuild(name, (count) => {
        if (!started) response.status(200).setHeader('content-type', 'application/x-ndjson');
        started = true;
        response.write(`${JSON.stringify({ applied: count, total })}\n`);
      });
      if (!started) response.status(200).setHeader('content-type', 'application/x-ndjson');
      response.end(`${JSON.stringify({ done: true, applied })}\n`);
    } catch (error) {
      if (!started && error instanceof RebuildInProgress) throw await this.alreadyRebuilding(name);
      if (!started) response.status(200).setHeader('content-type', 'application/x-ndjson');
      response.end(`${JSON.stringify({ done: false, error: (error as Error).message })}\n`);
    }
  }

  private async alreadyRebuilding(name: string): Promise<ConflictException> {
    const progress = await rebuildProgress(this.connection, this.countLog, name);
    return new ConflictException({
      statusCode: 409,
      error: 'rebuild-in-progress',
      message: `${name} is already being rebuilt (since ${progress.since ?? 'just now'}; ${progress.applied} of ${progress.total} events applied); follow it with GET /api/v1/admin/followers`,
      progress,
    });
  }
}
