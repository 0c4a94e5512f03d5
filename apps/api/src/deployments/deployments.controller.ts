import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { deploymentDecider, deploymentStreamId } from '@provenance/domain';
import { RecordDeploymentCommand, RecordFactCommand, RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { instant } from '../http/field-rules';
import { recordingContextOf } from '../http/recording-context';
import { DeploymentDto, DeploymentIdParam, DeploymentResultDto } from './deployment.dto';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/deployments')
export class DeploymentsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a deployment that happened, always; one the gate refuses carries its policy violations. */
  @Post()
  @HttpCode(201)
  @Allow(MAY_RECORD)
  start(@Body() body: DeploymentDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    const fact = {
      deploymentId: body.deploymentId,
      environment: body.environment,
      imageDigest: body.imageDigest,
      nodes: body.nodes,
      configRevision: body.configRevision ? { repository: body.configRevision.repository, sha: body.configRevision.sha } : null,
      startedAt: instant(body.startedAt),
      by: body.by ?? principal.name,
    };
    return this.commands.execute(new RecordDeploymentCommand(fact, recordingContextOf(principal, key)));
  }

  @Post(':deploymentId/result')
  @HttpCode(201)
  @Allow(MAY_RECORD)
  result(
    @Param() { deploymentId }: DeploymentIdParam,
    @Body() body: DeploymentResultDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<RecordingResult> {
    const command = { type: 'FinishDeployment' as const, deploymentId, result: { outcome: body.outcome, finishedAt: instant(body.finishedAt) } };
    return this.commands.execute(
      new RecordFactCommand(deploymentStreamId(deploymentId), deploymentDecider, command, recordingContextOf(principal, key)),
    );
  }
}
