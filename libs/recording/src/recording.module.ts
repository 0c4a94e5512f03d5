import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { ProvenanceConfig } from '@provenance/config';
import { ENVIRONMENT_SETTINGS, environmentSettingsOf } from './environment-settings';
import { CommandHandlers, QueryHandlers } from './handlers';
import { NewStreamBatches } from './new-stream-batches';

/** Recording facts through the command bus; needs the EventStoreModule. */
@Module({})
export class RecordingModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: RecordingModule,
      imports: [CqrsModule.forRoot()],
      providers: [NewStreamBatches, ...CommandHandlers, ...QueryHandlers, { provide: ENVIRONMENT_SETTINGS, useValue: environmentSettingsOf(config) }],
      exports: [CqrsModule, ENVIRONMENT_SETTINGS],
    };
  }
}
