import { AdvancePipelineRunHandler, AnswerAqfRequestHandler, EndRunOfImageHandler } from './advance-pipeline-run.handler';
import { NoteLeafBuildHandler } from './note-leaf-build.handler';
import { AnswerBuildRequestHandler, CheckBuildRequestDeadlineHandler, RequestDownstreamBuildsHandler } from './request-downstream-builds.handler';
import { StartPipelineRunHandler } from './start-pipeline-run.handler';

export const PipelineCommandHandlers = [
  RequestDownstreamBuildsHandler,
  AnswerBuildRequestHandler,
  CheckBuildRequestDeadlineHandler,
  NoteLeafBuildHandler,
  StartPipelineRunHandler,
  AdvancePipelineRunHandler,
  AnswerAqfRequestHandler,
  EndRunOfImageHandler,
];
