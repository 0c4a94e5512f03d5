import { DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ProvenanceConfig } from '@provenance/config';
import type { PipelineDefinition } from '@provenance/domain';
import { EVENT_STORE, EventStore, SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { FOLLOWER_CONTEXT, FollowerContext, Lease } from '@provenance/followers';
import { PipelineQueries } from '@provenance/projections';
import { DeadlineWatch } from './deadline-watch';
import { PipelineCommandHandlers } from './handlers';
import { PIPELINE_DEFINITION } from './pipeline-definition.token';
import { pipelineSagas } from './pipeline.sagas';
import { SagaRunner } from './saga-runner';

/** Runs the sagas and the deadline watch for as long as the application runs. */
@Injectable()
export class PipelineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly sagas: SagaRunner, private readonly deadlines: DeadlineWatch) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sagas.start();
    await this.deadlines.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.deadlines.stop();
    await this.sagas.stop();
  }
}

/**
 * The pipeline driving itself: sagas fed from the durable log, their command handlers and the
 * deadline watch, each under a lease. Needs the EventStoreModule, the FollowersModule, the RecordingModule (command bus) and the
 * ProjectionsModule (the pipeline read model nominates runs for deadline checks).
 */
@Module({})
export class PipelineModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: PipelineModule,
      providers: [
        { provide: PIPELINE_DEFINITION, useValue: config.pipeline },
        ...PipelineCommandHandlers,
        {
          provide: SagaRunner,
          useFactory: (store: EventStore, context: FollowerContext, commandBus: CommandBus, pipeline: PipelineDefinition) =>
            new SagaRunner(store, context, commandBus, pipelineSagas(pipeline), new Logger('sagas')),
          inject: [EVENT_STORE, FOLLOWER_CONTEXT, CommandBus, PIPELINE_DEFINITION],
        },
        {
          provide: DeadlineWatch,
          useFactory: (connection: SqlConnection, context: FollowerContext, commandBus: CommandBus, pipeline: PipelineDefinition) =>
            new DeadlineWatch(
              new PipelineQueries(connection, pipeline.stageTimeouts),
              commandBus,
              pipeline,
              config.PROVENANCE_DEADLINE_CHECK_MS,
              new Lease(context, 'deadline-watch', { acquired: () => undefined, lost: () => undefined }),
              new Logger('deadlines'),
            ),
          inject: [SQL_CONNECTION, FOLLOWER_CONTEXT, CommandBus, PIPELINE_DEFINITION],
        },
        PipelineLifecycle,
      ],
      exports: [SagaRunner, PIPELINE_DEFINITION],
    };
  }
}
