import { Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, LogPosition, NEWEST_EVENT } from '@provenance/event-store';
import { FOLLOWER_CONTEXT, FollowerContext } from '@provenance/followers';
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

/** Read models and their queries; needs the EventStoreModule and the FollowersModule. */
@Module({
  providers: [
    {
      provide: ProjectionRunner,
      useFactory: (store: EventStore, context: FollowerContext, newestEvent: (after?: LogPosition) => Promise<LogPosition | undefined>) =>
        new ProjectionRunner(store, context, PROJECTIONS, newestEvent),
      inject: [EVENT_STORE, FOLLOWER_CONTEXT, NEWEST_EVENT],
    },
    ProjectionsLifecycle,
  ],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}
