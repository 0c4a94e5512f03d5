import { ImageState, isReleaseCandidate } from '../image/image.decider';

/** The environments the pipeline knows, by role. */
export type EnvironmentSettings = {
  verificationEnvironments: string[];
  productionEnvironments: string[];
};

export const DEFAULT_ENVIRONMENT_SETTINGS: EnvironmentSettings = {
  verificationEnvironments: ['aqf-1', 'aqf-2'],
  productionEnvironments: ['site'],
};

export type GateVerdict = { allowed: boolean; releaseCandidate: boolean; reasons: string[] };

/** May this image go to this environment? Production takes recorded release candidates only. */
export function evaluateGate(imageDigest: string, environment: string, image: ImageState, settings: EnvironmentSettings): GateVerdict {
  const releaseCandidate = isReleaseCandidate(image);
  // Facts arrive in any order: outside production, an image not recorded yet is not a violation.
  const notYetRecorded = image.baked ? '' : ` (image ${imageDigest} is not recorded yet)`;
  if (settings.verificationEnvironments.includes(environment)) {
    return { allowed: true, releaseCandidate, reasons: [`${environment} is a verification environment: any image may be verified there${notYetRecorded}`] };
  }
  if (!settings.productionEnvironments.includes(environment)) {
    return { allowed: true, releaseCandidate, reasons: [`${environment} is neither a verification nor a production environment: no gate applies${notYetRecorded}`] };
  }
  if (!image.baked) {
    return { allowed: false, releaseCandidate, reasons: [`image ${imageDigest} is not recorded: no bake of it is known`] };
  }
  return { allowed: releaseCandidate, releaseCandidate, reasons: [describeCandidacy(image, settings)] };
}

function describeCandidacy(image: ImageState, settings: EnvironmentSettings): string {
  const decision = image.decision;
  if (!decision) {
    const verified = new Set(image.runs.filter((run) => run.outcome === 'passed').map((run) => run.environment));
    const waiting = settings.verificationEnvironments.filter((environment) => !verified.has(environment));
    return `not a release candidate yet: waiting for passing AQF runs in ${waiting.join(', ')}`;
  }
  const who = decision.automatic ? 'automatically' : `by ${decision.by}`;
  const runs = decision.aqfRuns.map((run) => `${run.runId} (${run.environment}, ${run.outcome})`).join(', ');
  return decision.promoted
    ? `release candidate, promoted ${who}${decision.reason ? `: ${decision.reason}` : ''}${runs ? `; AQF runs ${runs}` : ''}`
    : `not a release candidate: rejected ${who}: ${decision.reason}`;
}
