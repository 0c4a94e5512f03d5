import { ConfigurationDto, EnvironmentParam, PatchDto } from '@provenance/facts';
import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { applyConfiguration, applyPatch } from './record-environment-change';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/environments/:env')
export class EnvironmentsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a hot-fix patch applied to running nodes outside a full redeploy. */
  @RecordsFact('patches')
  patch(
    @Param() { env }: EnvironmentParam,
    @Body() body: PatchDto,
    @Recording() recording: RecordingContext,
  ): Promise<RecordingResult> {
    return this.commands.execute(applyPatch(env, body, recording));
  }

  /** Records a configuration revision (e.g. katconfig) applied to the environment. */
  @RecordsFact('config')
  configure(
    @Param() { env }: EnvironmentParam,
    @Body() body: ConfigurationDto,
    @Recording() recording: RecordingContext,
  ): Promise<RecordingResult> {
    return this.commands.execute(applyConfiguration(env, body, recording));
  }
}
