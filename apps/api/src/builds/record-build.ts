import { instant, type PackageBuildDto } from '@provenance/facts';
import { BadRequestException } from '@nestjs/common';
import { normalisePackageName, packageBuildDecider, packageBuildStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

export function recordBuild(body: PackageBuildDto, context: RecordingContext): RecordFactCommand {
  if (body.outcome === 'passed' && !body.artifact) {
    throw new BadRequestException(['artifact is required when outcome is "passed"']);
  }
  const fact = {
    package: normalisePackageName(body.package),
    version: body.version,
    repository: body.repository,
    sha: body.sha,
    outcome: body.outcome,
    artifact: body.artifact ? { filename: body.artifact.filename, sha256: body.artifact.sha256 } : null,
    buildUrl: body.buildUrl ?? null,
    builtAgainst: (body.builtAgainst ?? []).map((upstream) => ({ package: normalisePackageName(upstream.package), version: upstream.version })),
    finishedAt: instant(body.finishedAt),
    requestId: body.requestId ?? null,
  };
  return new RecordFactCommand(packageBuildStreamId(fact.package, fact.version), packageBuildDecider, { type: 'RecordPackageBuild', fact }, context, { expectNewStream: true });
}
