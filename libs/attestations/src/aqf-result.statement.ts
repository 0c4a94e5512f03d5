import type { RecordedAqfRun } from '@provenance/projections';
import { imageSubject, Statement, statementOf } from './statement';
import { environmentUri, URIS } from './uris';

const RESULT: Record<string, 'PASSED' | 'FAILED'> = { passed: 'PASSED', failed: 'FAILED', error: 'FAILED' };

/**
 * An AQF run's result as an in-toto test result. The run records counts, not test names, so
 * `passedTests`/`failedTests` are left out and the counts sit in `counts` (documented in
 * docs/attestations.md); an errored run is FAILED, its outcome kept in `aqfRun`.
 */
export function aqfResultStatement(run: RecordedAqfRun, imageName: string | null): Statement {
  return statementOf([imageSubject(run.imageDigest, imageName)], URIS.testResult, {
    result: RESULT[run.outcome] ?? 'FAILED',
    configuration: [{ name: run.environment, uri: environmentUri(run.environment) }],
    ...(run.reportUrl ? { url: run.reportUrl } : {}),
    counts: { passed: run.passed, failed: run.failed, skipped: run.skipped },
    aqfRun: { runId: run.runId, environment: run.environment, outcome: run.outcome, startedOn: run.startedAt, finishedOn: run.completedAt },
  });
}
