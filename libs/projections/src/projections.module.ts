import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { ProjectionRunner } from './projection-runner';
import { pipelineProjection } from './pipeline/pipeline.projection';
import { provenanceFactsProjection } from './provenance/provenance-facts.projection';

export const PROJECTIONS = [provenanceFactsProjection, pipelineProjection];

/** Runs the projections for as long as the application runs. */
@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly runner: ProjectionRunner) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }
}

/** Read models and their queries; needs the EventStoreModule. */
@Module({
  providers: [
    {
      provide: ProjectionRunner,
      useFactory: (store: EventStore, connection: SqlConnection) => {
        const logger = new Logger('projections');
        return new ProjectionRunner(store, connection, PROJECTIONS, { error: (message) => logger.error(message) });
      },
      inject: [EVENT_STORE, SQL_CONNECTION],
    },
    ProjectionsLifecycle,
  ],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}
