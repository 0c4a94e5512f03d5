import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ProvenanceConfig, tokensOf } from '@provenance/config';
import { EventStoreModule } from '@provenance/event-store';
import { FollowersModule } from '@provenance/followers';
import { kafkaSettingsOf } from '@provenance/kafka';
import { NotaryModule } from '@provenance/notary';
import { PIPELINE_DEFINITION, PipelineModule } from '@provenance/pipeline';
import { ProjectionsModule } from '@provenance/projections';
import { RecordingModule } from '@provenance/recording';
import { FollowersController } from './admin/followers.controller';
import { ProjectionsController } from './admin/projections.controller';
import { AqfRunsController } from './aqf-runs/aqf-runs.controller';
import { AttestationsController } from './attestations/attestations.controller';
import { AttestationsModule } from './attestations/attestations.module';
import { LogReferences } from './attestations/log-references';
import { AuditController } from './audit/audit.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { boundedWorkProviders } from './bounded-work.providers';
import { TOKEN_REGISTRY, TokenRegistry } from './auth/token-registry';
import { WhoamiController } from './auth/whoami.controller';
import { BuildsController } from './builds/builds.controller';
import { CommitsController } from './commits/commits.controller';
import { DeploymentsController } from './deployments/deployments.controller';
import { EnvironmentsController } from './environments/environments.controller';
import { EventStoreErrorFilter } from './event-store-error.filter';
import { GateController } from './gate/gate.controller';
import { HealthController } from './health/health.controller';
import { Readiness, READY_MAX_LAG_MS } from './health/readiness';
import { BodyParserErrorFilter } from './http/body-parser-error.filter';
import { FactRefusedFilter } from './http/fact-refused.filter';
import { IdempotencyKeyFilter } from './http/idempotency-key.filter';
import { IdempotencyKeyGuard } from './http/idempotency-key.guard';
import { validationPipe } from './http/validation-pipe';
import { ImagesController } from './images/images.controller';
import { KafkaModule } from './kafka/kafka.module';
import { LogController } from './log/log.controller';
import { PackageGraphController } from './package-graph/package-graph.controller';
import { PinnedSetsController } from './pinned-sets/pinned-sets.controller';
import { PipelineController } from './pipeline/pipeline.controller';
import { FreshReadModel } from './provenance/fresh-read-model';
import { LineageController } from './provenance/lineage.controller';
import { ProvenanceController } from './provenance/provenance.controller';

@Module({})
export class ApiModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    const kafka = kafkaSettingsOf(config);
    return {
      module: ApiModule,
      imports: [
        EventStoreModule.forRoot(config),
        FollowersModule.forRoot(config),
        RecordingModule.forRoot(config),
        ProjectionsModule,
        NotaryModule.forRoot(config),
        AttestationsModule.forRoot(config),
        TerminusModule.forRoot({ logger: false }),
        ...(config.PROVENANCE_SAGAS === 'on' ? [PipelineModule.forRoot(config)] : []),
        ...(kafka ? [KafkaModule.forRoot(kafka)] : []),
      ],
      controllers: [
        HealthController,
        AuditController,
        LogController,
        CommitsController,
        BuildsController,
        PinnedSetsController,
        PackageGraphController,
        ImagesController,
        AqfRunsController,
        DeploymentsController,
        EnvironmentsController,
        GateController,
        ProvenanceController,
        LineageController,
        ProjectionsController,
        FollowersController,
        PipelineController,
        AttestationsController,
        WhoamiController,
      ],
      providers: [
        FreshReadModel,
        LogReferences,
        Readiness,
        { provide: READY_MAX_LAG_MS, useValue: config.PROVENANCE_READY_MAX_LAG },
        { provide: PIPELINE_DEFINITION, useValue: config.pipeline },
        { provide: TOKEN_REGISTRY, useValue: new TokenRegistry(tokensOf(config).tokens) },
        // In this order: the claim of an Idempotency-Key is the caller's the first one names.
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_GUARD, useClass: IdempotencyKeyGuard },
        ...boundedWorkProviders(config),
        { provide: APP_PIPE, useValue: validationPipe() },
        // The catch-all first, so that the filters for particular errors take precedence.
        { provide: APP_FILTER, useClass: BodyParserErrorFilter },
        { provide: APP_FILTER, useClass: EventStoreErrorFilter },
        { provide: APP_FILTER, useClass: FactRefusedFilter },
        { provide: APP_FILTER, useClass: IdempotencyKeyFilter },
      ],
    };
  }
}
