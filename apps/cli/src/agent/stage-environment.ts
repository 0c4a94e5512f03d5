import { unreachable } from '@provenance/domain';
import type { StageRequestMessage } from '@provenance/kafka';
import type { AqfRunRequest, CandidateBuildRequest, PackageBuildRequest, PackageVersion, PinningRequest } from './read-stage-request';

const pairs = (versions: PackageVersion[]) => versions.map((version) => `${version.package}==${version.version}`).join(',');

/** The variables a stage command sees, besides the agent's own environment and the request as JSON on stdin. */
export function stageEnvironment(message: StageRequestMessage): Record<string, string> {
  const common = { PROVENANCE_REQUEST_ID: message.requestId, PROVENANCE_STAGE: message.stage, PROVENANCE_RUN_ID: message.runId ?? '' };
  switch (message.stage) {
    case 'package-build': {
      const request = message.request as unknown as PackageBuildRequest;
      return { ...common, PROVENANCE_PACKAGE: request.package, PROVENANCE_INPUTS: pairs(request.inputs) };
    }
    case 'pinning':
      return { ...common, PROVENANCE_BUILDS: pairs((message.request as unknown as PinningRequest).builds) };
    case 'candidate-build':
      return { ...common, PROVENANCE_PINNED_SET_ID: (message.request as unknown as CandidateBuildRequest).pinnedSetId };
    case 'aqf-run': {
      const request = message.request as unknown as AqfRunRequest;
      return { ...common, PROVENANCE_IMAGE_DIGEST: request.imageDigest, PROVENANCE_ENVIRONMENT: request.environment };
    }
    default:
      return unreachable(message.stage);
  }
}
