import type { AqfOutcome } from '../aqf-run/aqf-run.decider';

export type AqfRunOutcome = { runId: string; environment: string; outcome: AqfOutcome; completedAt: string };

export type Candidacy =
  | { verdict: 'candidate'; justifiedBy: AqfRunOutcome[] }
  | { verdict: 'rejected'; failedRun: AqfRunOutcome; reason: string }
  | { verdict: 'pending'; waitingFor: string[] };

/**
 * An image is a release candidate when its latest completed AQF run in every verification
 * environment passed. A failed or errored run in a verification environment rejects it.
 * Runs in other environments do not count.
 */
export function candidacyOf(runs: AqfRunOutcome[], verificationEnvironments: string[]): Candidacy {
  const counted = runs.filter((run) => verificationEnvironments.includes(run.environment));
  const failedRun = counted.find((run) => run.outcome !== 'passed');
  if (failedRun) {
    return { verdict: 'rejected', failedRun, reason: `AQF run ${failedRun.runId} in ${failedRun.environment} ${describeOutcome(failedRun.outcome)}` };
  }
  const latest = verificationEnvironments.map((environment) => latestIn(counted, environment));
  const waitingFor = verificationEnvironments.filter((_, n) => !latest[n]);
  if (waitingFor.length > 0) return { verdict: 'pending', waitingFor };
  return { verdict: 'candidate', justifiedBy: latest as AqfRunOutcome[] };
}

function latestIn(runs: AqfRunOutcome[], environment: string): AqfRunOutcome | undefined {
  return runs
    .filter((run) => run.environment === environment)
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.runId.localeCompare(b.runId))
    .at(-1);
}

function describeOutcome(outcome: AqfOutcome): string {
  return outcome === 'error' ? 'ended in error' : outcome;
}
