import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EnvironmentSettings } from '@provenance/domain';
import { historyOf, HistoryPage, ProvenanceQueries, ProvenanceView } from '@provenance/projections';
import { ENVIRONMENT_SETTINGS } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { EnvironmentParam } from '@provenance/facts';
import { EnvironmentsAnswer, EnvironmentSummary, HistoryAnswer } from './environment-answers.dto';
import { knownEnvironment } from './known-environment';
import { ProvenanceAnswer } from './provenance-answer.dto';
import { FreshReadModel } from './fresh-read-model';
import { HistoryQuery, MomentQuery } from './provenance.queries.dto';
import { Refuses } from '../http/routes';

@ApiTags('provenance')
@ApiBearerAuth()
@Controller('api/v1/environments')
export class ProvenanceController {
  constructor(
    private readonly readModel: FreshReadModel,
    @Inject(ENVIRONMENT_SETTINGS) private readonly settings: EnvironmentSettings,
  ) {}

  /** Every environment with what runs there now: image, since when, candidate, drift, policy. */
  @Get()
  @Allow(MAY_READ)
  @Refuses([401, 403, 503])
  @ApiOkResponse({ type: EnvironmentsAnswer })
  async environments(): Promise<EnvironmentsAnswer> {
    const queries = new ProvenanceQueries(await this.readModel.db());
    const names = await queries.environments();
    const views = await Promise.all(names.map((name) => queries.provenance(name)));
    return { environments: views.map(summaryOf) };
  }

  /** Which source produced what is running (or ran `at`, as the log knew it `knownAt`). */
  @Get(':env/provenance')
  @Allow(MAY_READ)
  @ApiOkResponse({ type: ProvenanceAnswer })
  @Refuses([400, 401, 403, 404, 503])
  async provenance(@Param() { env }: EnvironmentParam, @Query() moment: MomentQuery): Promise<ProvenanceView> {
    const db = await this.readModel.db();
    return new ProvenanceQueries(db).provenance(await this.known(db, env), {
      at: moment.at && new Date(moment.at).toISOString(),
      knownAt: moment.knownAt && new Date(moment.knownAt).toISOString(),
    });
  }

  /** Deployments, patches and configuration changes, in the order they happened: the newest `limit`, and `earlier` to go back. */
  @Get(':env/history')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404, 503])
  @ApiOkResponse({ type: HistoryAnswer })
  async history(@Param() { env }: EnvironmentParam, @Query() page: HistoryQuery): Promise<{ environment: string } & HistoryPage> {
    const db = await this.readModel.db();
    // `before` goes to the database as given: through a Date it would lose the cursor's microseconds.
    return { environment: env, ...(await historyOf(db, await this.known(db, env), { limit: page.limit, before: page.before })) };
  }

  private async known(db: Awaited<ReturnType<FreshReadModel['db']>>, env: string): Promise<string> {
    return knownEnvironment(db, env, this.settings);
  }
}

function summaryOf(view: ProvenanceView): EnvironmentSummary {
  return {
    environment: view.environment,
    image: view.image && { digest: view.image.digest, name: view.image.name },
    since: view.deployment?.startedAt ?? null,
    releaseCandidate: view.verification.releaseCandidate,
    drift: view.drift,
    policyViolations: view.policyViolations,
    unresolved: view.unresolved.length,
  };
}
