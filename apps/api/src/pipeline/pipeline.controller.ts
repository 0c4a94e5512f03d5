import { Controller, Get, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { PipelineDefinition } from '@provenance/domain';
import { PIPELINE_DEFINITION } from '@provenance/pipeline';
import { PipelineQueries, PipelineRunView, StageRequestView } from '@provenance/projections';
import { Allow } from '../auth/allow.decorator';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import { LOCAL_PRINCIPAL, MAY_FOLLOW_THE_PIPELINE } from '../auth/roles';
import { FreshReadModel } from '../provenance/fresh-read-model';
import { LongPolls } from './long-polls';
import { PipelineRequestsQuery, PipelineRunParam, PipelineRunsQuery } from './pipeline.dto';
import { Refuses } from '../http/routes';
import { PipelineRunAnswer, PipelineRunsAnswer, StageRequestsAnswer } from './pipeline-answers.dto';

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('api/v1')
export class PipelineController {
  constructor(
    private readonly readModel: FreshReadModel,
    @Inject(PIPELINE_DEFINITION) private readonly pipeline: PipelineDefinition,
    private readonly longPolls: LongPolls,
  ) {}

  /**
   * Stage requests for the pipeline's agents, oldest first, after a cursor. An agent handles
   * each request and answers by recording the fact (build, pinned set, image, AQF run) with
   * the request's `requestId`, then asks again with `after` = `next`. With `wait`, an empty
   * answer waits for a request up to that long; each caller may have PROVENANCE_MAX_LONG_POLLS
   * such waits open (429 with Retry-After beyond).
   */
  @Get('pipeline-requests')
  @Allow(MAY_FOLLOW_THE_PIPELINE)
  @Refuses([400, 401, 403, 429])
  @ApiOkResponse({ type: StageRequestsAnswer })
  async requests(
    @Query() query: PipelineRequestsQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ requests: StageRequestView[]; next: string | null }> {
    const ask = () => this.queries().then((queries) => queries.requests({ stage: query.stage, after: query.after, limit: query.limit ?? 100 }));
    const requests = query.wait
      ? await this.longPolls.until(callerOf(request), { request, response }, query.wait * 1000, ask, (found) => found.length > 0)
      : await ask();
    return { requests, next: requests.at(-1)?.cursor ?? query.after ?? null };
  }

  /** Pipeline runs, newest first, each with every stage's state and its lead time. */
  @Get('pipeline-runs')
  @Allow(MAY_FOLLOW_THE_PIPELINE)
  @Refuses([400, 401, 403, 503])
  @ApiOkResponse({ type: PipelineRunsAnswer })
  async runs(@Query() query: PipelineRunsQuery): Promise<{ runs: PipelineRunView[] }> {
    return { runs: await (await this.queries()).runs(query.limit ?? 50) };
  }

  /** One pipeline run: each stage with its request, deadline, answer and times. */
  @Get('pipeline-runs/:runId')
  @Allow(MAY_FOLLOW_THE_PIPELINE)
  @Refuses([400, 401, 403, 404, 503])
  @ApiOkResponse({ type: PipelineRunAnswer })
  async run(@Param() { runId }: PipelineRunParam): Promise<PipelineRunView> {
    const run = await (await this.queries()).run(runId);
    if (!run) throw new NotFoundException(`no pipeline run ${runId}; GET /api/v1/pipeline-runs lists them`);
    return run;
  }

  private async queries(): Promise<PipelineQueries> {
    return new PipelineQueries(await this.readModel.db(), this.pipeline.stageTimeouts);
  }
}

/** Whose long-polls these are: the token's name, or without tokens the address the request came from. */
function callerOf(request: AuthenticatedRequest): string {
  const principal = request.principal;
  return principal && principal !== LOCAL_PRINCIPAL ? `token ${principal.name}` : `address ${request.socket.remoteAddress ?? 'unknown'}`;
}
