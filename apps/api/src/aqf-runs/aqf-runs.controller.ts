import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { aqfRunDecider, aqfRunStreamId } from '@provenance/domain';
import { RecordAqfResultCommand, RecordFactCommand, RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { instant } from '../http/field-rules';
import { recordingContextOf } from '../http/recording-context';
import { AqfRunResultDto, AqfRunStartDto, RunIdParam } from './aqf-run.dto';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/aqf-runs')
export class AqfRunsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that the integration test framework started verifying an image in an environment. */
  @Post()
  @HttpCode(201)
  @Allow(MAY_RECORD)
  start(@Body() body: AqfRunStartDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    const fact = { ...body, startedAt: instant(body.startedAt), requestId: body.requestId ?? null };
    return this.commands.execute(
      new RecordFactCommand(aqfRunStreamId(fact.runId), aqfRunDecider, { type: 'StartAqfRun', fact }, recordingContextOf(principal, key)),
    );
  }

  /** Records the run's result; the image becomes a release candidate, or is rejected, when the rule says so. */
  @Post(':runId/result')
  @HttpCode(201)
  @Allow(MAY_RECORD)
  result(
    @Param() { runId }: RunIdParam,
    @Body() body: AqfRunResultDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<RecordingResult> {
    const result = { ...body, reportUrl: body.reportUrl ?? null, completedAt: instant(body.completedAt) };
    return this.commands.execute(new RecordAqfResultCommand(runId, result, recordingContextOf(principal, key)));
  }
}
