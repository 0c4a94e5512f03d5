import { DeploymentDto, DeploymentIdParam, DeploymentResultDto } from '@provenance/facts';
import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { finishDeployment, startDeployment } from './record-deployment';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/deployments')
export class DeploymentsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a deployment that happened, always; one the gate refuses carries its policy violations. */
  @RecordsFact()
  start(@Body() body: DeploymentDto, @Recording() recording: RecordingContext): Promise<RecordingResult> {
    return this.commands.execute(startDeployment(body, recording));
  }

  @RecordsFact(':deploymentId/result')
  result(
    @Param() { deploymentId }: DeploymentIdParam,
    @Body() body: DeploymentResultDto,
    @Recording() recording: RecordingContext,
  ): Promise<RecordingResult> {
    return this.commands.execute(finishDeployment(deploymentId, body, recording));
  }
}
