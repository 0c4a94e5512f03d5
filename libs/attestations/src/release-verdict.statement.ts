import type { PipelineDefinition } from '@provenance/domain';
import type { RecordedDecision } from '@provenance/projections';
import { canonicalJsonBytes } from '@provenance/signing';
import { attestationReference, digestOfBytes, imageSubject, sha256Digest, Statement, statementOf, Unresolved } from './statement';
import { URIS } from './uris';

/** The rule a verdict applied: which environments count, and the digest of the pipeline definition naming them. */
export interface ReleasePolicy {
  verificationEnvironments: string[];
  /** Hex SHA-256 of the pipeline definition's canonical JSON. */
  pipelineDigest: string;
}

/** The image's URI in a VSA's `resourceUri`: a generic purl with its checksum. */
export const imageUri = (digest: string, name: string | null) =>
  `pkg:generic/${encodeURIComponent(name ?? 'image')}?checksum=sha256:${sha256Digest(digest).sha256}`;

/**
 * A release-candidate decision as a SLSA verification summary: the AQF results it rested on by
 * the digests of their statements (`aqfResults` by run id), PASSED for a promotion, FAILED for a
 * rejection. A run the decision names whose result is not on record is listed as unresolved.
 */
export function releaseVerdictStatement(
  decision: RecordedDecision,
  image: { digest: string; name: string | null },
  aqfResults: Map<string, Statement>,
  policy: ReleasePolicy,
): Statement {
  const unresolved: Unresolved[] = decision.aqfRunIds
    .filter((runId) => !aqfResults.has(runId))
    .map((runId) => ({ kind: 'aqf-run', reference: runId, neededBy: `release-candidate decision ${decision.revision}` }));
  return statementOf([imageSubject(image.digest, image.name)], URIS.verificationSummary, {
    verifier: { id: URIS.verifier },
    timeVerified: decision.decidedAt,
    resourceUri: imageUri(image.digest, image.name),
    policy: { uri: URIS.releaseCandidatePolicy, digest: { sha256: policy.pipelineDigest } },
    inputAttestations: decision.aqfRunIds.filter((runId) => aqfResults.has(runId)).map((runId) => attestationReference(aqfResults.get(runId)!)),
    verificationResult: decision.releaseCandidate ? 'PASSED' : 'FAILED',
    verifiedLevels: [decision.releaseCandidate ? 'SKA_CAM_RELEASE_CANDIDATE' : 'FAILED'],
    decision: {
      revision: decision.revision, automatic: decision.automatic, by: decision.by, reason: decision.reason,
      verificationEnvironments: policy.verificationEnvironments,
    },
    unresolved,
  });
}

/** The release-candidate rule as configured: its environments and the digest of the whole pipeline definition. */
export function releasePolicyOf(pipeline: PipelineDefinition): ReleasePolicy {
  return { verificationEnvironments: pipeline.verificationEnvironments, pipelineDigest: digestOfBytes(canonicalJsonBytes(pipeline)) };
}
