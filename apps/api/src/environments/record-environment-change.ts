import { type ConfigurationDto, instant, type PatchDto } from '@provenance/facts';
import { environmentDecider, environmentStreamId, normalisePackageName } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

/** `by` defaults to whoever records it. */
export function applyPatch(environment: string, body: PatchDto, context: RecordingContext): RecordFactCommand {
  const fact = {
    environment,
    patchId: body.patchId,
    package: normalisePackageName(body.package),
    fromVersion: body.fromVersion,
    toVersion: body.toVersion,
    nodes: body.nodes,
    reason: body.reason,
    appliedAt: instant(body.appliedAt),
    by: body.by ?? context.actor,
  };
  return new RecordFactCommand(environmentStreamId(environment), environmentDecider, { type: 'ApplyPatch', fact }, context);
}

export function applyConfiguration(environment: string, body: ConfigurationDto, context: RecordingContext): RecordFactCommand {
  const fact = { environment, repository: body.repository, sha: body.sha, appliedAt: instant(body.appliedAt) };
  return new RecordFactCommand(environmentStreamId(environment), environmentDecider, { type: 'ApplyConfiguration', fact }, context);
}
