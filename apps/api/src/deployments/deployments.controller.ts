import { DeploymentDto, DeploymentIdParam, DeploymentResultDto } from '@provenance/facts';
import { Body, Controller, Headers, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult } from '@provenance/recording';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { finishDeployment, startDeployment } from './record-deployment';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/deployments')
export class DeploymentsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a deployment that happened, always; one the gate refuses carries its policy violations. */
  @RecordsFact()
  start(@Body() body: DeploymentDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    return this.commands.execute(startDeployment(body, recordingContextOf(principal, key)));
  }

  @RecordsFact(':deploymentId/result')
  result(
    @Param() { deploymentId }: DeploymentIdParam,
    @Body() body: DeploymentResultDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<RecordingResult> {
    return this.commands.execute(finishDeployment(deploymentId, body, recordingContextOf(principal, key)));
  }
}
