import { AqfRunResultDto, AqfRunStartDto, RunIdParam } from '@provenance/facts';
import { Body, Controller, Headers, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult } from '@provenance/recording';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { completeAqfRun, startAqfRun } from './record-aqf-run';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/aqf-runs')
export class AqfRunsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that the integration test framework started verifying an image in an environment. */
  @RecordsFact()
  start(@Body() body: AqfRunStartDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    return this.commands.execute(startAqfRun(body, recordingContextOf(principal, key)));
  }

  /** Records the run's result; the image becomes a release candidate, or is rejected, when the rule says so. */
  @RecordsFact(':runId/result')
  result(
    @Param() { runId }: RunIdParam,
    @Body() body: AqfRunResultDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<RecordingResult> {
    return this.commands.execute(completeAqfRun(runId, body, recordingContextOf(principal, key)));
  }
}
