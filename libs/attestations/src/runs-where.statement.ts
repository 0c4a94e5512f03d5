import type { ProvenanceView } from '@provenance/projections';
import { attestationReference, imageSubject, Statement, statementOf } from './statement';
import { URIS } from './uris';

/**
 * What runs in an environment at `at`, as the log knew it at `knownAt` (both given: a statement
 * about "now" would say nothing checkable): the deployment, the patches since (drift), the
 * configuration revision, the policy violations, and the statements it rests on by digest.
 * Null when nothing was deployed there then.
 */
export function runsWhereStatement(view: ProvenanceView & { at: string; knownAt: string }, restsOn: Statement[]): Statement | null {
  if (!view.deployment || !view.image) return null;
  return statementOf([imageSubject(view.image.digest, view.image.name)], URIS.runsWhere, {
    environment: view.environment,
    at: view.at,
    knownAt: view.knownAt,
    deployment: view.deployment,
    pinnedSet: view.pinnedSet,
    patches: view.patches,
    drift: view.drift,
    running: view.running,
    configRevision: view.configRevision,
    policyViolations: view.policyViolations,
    releaseCandidate: view.verification.releaseCandidate,
    unresolved: view.unresolved,
    restsOn: restsOn.map(attestationReference),
  });
}
