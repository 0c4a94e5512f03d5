import { type DeploymentDto, type DeploymentResultDto, instant } from '@provenance/facts';
import { deploymentDecider, deploymentStreamId } from '@provenance/domain';
import { RecordDeploymentCommand, RecordFactCommand, RecordingContext } from '@provenance/recording';

/** `by` defaults to whoever records it. */
export function startDeployment(body: DeploymentDto, context: RecordingContext): RecordDeploymentCommand {
  const fact = {
    deploymentId: body.deploymentId,
    environment: body.environment,
    imageDigest: body.imageDigest,
    nodes: body.nodes,
    configRevision: body.configRevision ? { repository: body.configRevision.repository, sha: body.configRevision.sha } : null,
    startedAt: instant(body.startedAt),
    by: body.by ?? context.actor,
  };
  return new RecordDeploymentCommand(fact, context);
}

export function finishDeployment(deploymentId: string, body: DeploymentResultDto, context: RecordingContext): RecordFactCommand {
  const command = { type: 'FinishDeployment' as const, deploymentId, result: { outcome: body.outcome, finishedAt: instant(body.finishedAt) } };
  return new RecordFactCommand(deploymentStreamId(deploymentId), deploymentDecider, command, context);
}
