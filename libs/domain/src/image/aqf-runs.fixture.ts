import type { AqfRunOutcome } from './release-candidate.policy';

/** AQF runs of one image, shared by the image decider's and the release-candidate policy's tests. */
export const run = (runId: string, environment: string, outcome: AqfRunOutcome['outcome'], completedAt: string): AqfRunOutcome => ({
  runId,
  environment,
  outcome,
  completedAt,
});
export const pass1 = run('aqf-1-2026-11-25-0007', 'aqf-1', 'passed', '2026-11-25T09:12:44Z');
export const pass2 = run('aqf-2-2026-11-25-0004', 'aqf-2', 'passed', '2026-11-25T09:30:10Z');
export const fail2 = run('aqf-2-2026-11-25-0005', 'aqf-2', 'failed', '2026-11-25T11:02:31Z');
