import { DynamicModule, Module } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { EventStoreModule } from '@provenance/event-store';
import { FollowersModule } from '@provenance/followers';
import { NotaryModule } from '@provenance/notary';
import { PipelineModule } from '@provenance/pipeline';
import { ProjectionsModule } from '@provenance/projections';
import { RecordingModule } from '@provenance/recording';

/** The pipeline without the HTTP API: sagas, their command handlers, the read models, the log's notary. */
@Module({})
export class WorkerModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [EventStoreModule.forRoot(config), FollowersModule.forRoot(config), RecordingModule.forRoot(config), ProjectionsModule, NotaryModule.forRoot(config), PipelineModule.forRoot(config)],
    };
  }
}
