import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PipelineDefinition } from '@provenance/domain';
import { PIPELINE_DEFINITION } from '@provenance/pipeline';
import { PipelineQueries, PipelineRunView, StageRequestView } from '@provenance/projections';
import { Allow } from '../auth/allow.decorator';
import { MAY_FOLLOW_THE_PIPELINE } from '../auth/roles';
import { FreshReadModel } from '../provenance/fresh-read-model';
import { PipelineRequestsQuery, PipelineRunParam, PipelineRunsQuery } from './pipeline.dto';

const LONG_POLL_STEP_MS = 200;

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('api/v1')
export class PipelineController {
  constructor(
    private readonly readModel: FreshReadModel,
    @Inject(PIPELINE_DEFINITION) private readonly pipeline: PipelineDefinition,
  ) {}

  /**
   * Stage requests for the pipeline's agents, oldest first, after a cursor. An agent handles
   * each request and answers by recording the fact (build, pinned set, image, AQF run) with
   * the request's `requestId`, then asks again with `after` = `next`.
   */
  @Get('pipeline-requests')
  @Allow(MAY_FOLLOW_THE_PIPELINE)
  async requests(@Query() query: PipelineRequestsQuery): Promise<{ requests: StageRequestView[]; next: string | null }> {
    const deadline = Date.now() + (query.wait ?? 0) * 1000;
    for (;;) {
      const requests = await this.queries().then((queries) => queries.requests({ stage: query.stage, after: query.after, limit: query.limit ?? 100 }));
      if (requests.length > 0 || Date.now() >= deadline) return { requests, next: requests.at(-1)?.cursor ?? query.after ?? null };
      await new Promise((resolve) => setTimeout(resolve, LONG_POLL_STEP_MS));
    }
  }

  /** Pipeline runs, newest first, each with every stage's state and its lead time. */
  @Get('pipeline-runs')
  @Allow(MAY_FOLLOW_THE_PIPELINE)
  async runs(@Query() query: PipelineRunsQuery): Promise<{ runs: PipelineRunView[] }> {
    return { runs: await (await this.queries()).runs(query.limit ?? 50) };
  }

  /** One pipeline run: each stage with its request, deadline, answer and times. */
  @Get('pipeline-runs/:runId')
  @Allow(MAY_FOLLOW_THE_PIPELINE)
  async run(@Param() { runId }: PipelineRunParam): Promise<PipelineRunView> {
    const run = await (await this.queries()).run(runId);
    if (!run) throw new NotFoundException(`no pipeline run ${runId}; GET /api/v1/pipeline-runs lists them`);
    return run;
  }

  private async queries(): Promise<PipelineQueries> {
    return new PipelineQueries(await this.readModel.db(), this.pipeline.stageTimeouts);
  }
}
