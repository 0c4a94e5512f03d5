import { AqfRunResultDto, AqfRunStartDto, RunIdParam } from '@provenance/facts';
import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { completeAqfRun, startAqfRun } from './record-aqf-run';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/aqf-runs')
export class AqfRunsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that the integration test framework started verifying an image in an environment. */
  @RecordsFact()
  start(@Body() body: AqfRunStartDto, @Recording() recording: RecordingContext): Promise<RecordingResult> {
    return this.commands.execute(startAqfRun(body, recording));
  }

  /** Records the run's result; the image becomes a release candidate, or is rejected, when the rule says so. */
  @RecordsFact(':runId/result')
  result(
    @Param() { runId }: RunIdParam,
    @Body() body: AqfRunResultDto,
    @Recording() recording: RecordingContext,
  ): Promise<RecordingResult> {
    return this.commands.execute(completeAqfRun(runId, body, recording));
  }
}
