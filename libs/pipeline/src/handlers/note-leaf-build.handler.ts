import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FAN_IN_STREAM_ID, fanInDecider, PipelineDefinition } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingResult } from '@provenance/recording';
import { PIPELINE_DEFINITION } from '../pipeline-definition.token';
import { NoteLeafBuild } from '../pipeline.commands';
import { pipelineContext } from './pipeline-context';

@CommandHandler(NoteLeafBuild)
export class NoteLeafBuildHandler implements ICommandHandler<NoteLeafBuild> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PIPELINE_DEFINITION) private readonly pipeline: PipelineDefinition,
  ) {}

  execute({ build, causedBy }: NoteLeafBuild): Promise<RecordingResult> {
    return decideAndAppend(this.store, FAN_IN_STREAM_ID, fanInDecider, { type: 'NoteLeafBuild', build, leafPackages: this.pipeline.leafPackages }, pipelineContext(causedBy));
  }
}
