import { Controller, Get, Param, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionRunner, ProvenanceQueries, ProvenanceView } from '@provenance/projections';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { EnvironmentParam } from '../environments/environment.dto';
import { MomentQuery } from './provenance.queries.dto';

const CATCH_UP_MS = 5_000;

export interface EnvironmentSummary {
  environment: string;
  image: { digest: string; name: string | null } | null;
  since: string | null;
  releaseCandidate: boolean;
  drift: boolean;
  policyViolations: string[];
  unresolved: number;
}

@ApiTags('provenance')
@ApiBearerAuth()
@Controller('api/v1/environments')
export class ProvenanceController {
  constructor(
    private readonly queries: ProvenanceQueries,
    private readonly projections: ProjectionRunner,
  ) {}

  /** Every environment with what runs there now: image, since when, candidate, drift, policy. */
  @Get()
  @Allow(MAY_READ)
  async environments(): Promise<{ environments: EnvironmentSummary[] }> {
    await this.caughtUp();
    const names = await this.queries.environments();
    const views = await Promise.all(names.map((name) => this.queries.provenance(name)));
    return { environments: views.map(summaryOf) };
  }

  /** Which source produced what is running (or ran `at`, as the log knew it `knownAt`). */
  @Get(':env/provenance')
  @Allow(MAY_READ)
  async provenance(@Param() { env }: EnvironmentParam, @Query() moment: MomentQuery): Promise<ProvenanceView> {
    await this.caughtUp();
    return this.queries.provenance(env, {
      at: moment.at && new Date(moment.at).toISOString(),
      knownAt: moment.knownAt && new Date(moment.knownAt).toISOString(),
    });
  }

  /** Answers include every fact recorded before the question was asked. */
  private async caughtUp(): Promise<void> {
    try {
      await this.projections.caughtUp(CATCH_UP_MS);
    } catch (error) {
      throw new ServiceUnavailableException(`${(error as Error).message}; the read model is behind the log, try again shortly`);
    }
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
