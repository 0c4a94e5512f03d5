import { AdvancePipelineRunHandler, AnswerAqfRequestHandler, EndRunOfImageHandler } from './advance-pipeline-run.handler';
import { NoteLeafBuildHandler } from './note-leaf-build.handler';
import { RequestDownstreamBuildsHandler } from './request-downstream-builds.handler';
import { StartPipelineRunHandler } from './start-pipeline-run.handler';

export const PipelineCommandHandlers = [
  RequestDownstreamBuildsHandler,
  NoteLeafBuildHandler,
  StartPipelineRunHandler,
  AdvancePipelineRunHandler,
  AnswerAqfRequestHandler,
  EndRunOfImageHandler,
];
