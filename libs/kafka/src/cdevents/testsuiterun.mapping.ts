import { CdEvent } from './cdevent';
import { Expectation, factFields, withoutAbsent } from './fact-fields';
import type { FactOf } from '@provenance/facts';

type CdEventsOutcome = 'success' | 'failure' | 'error' | 'cancel';

/**
 * CDEvents outcome → AQF outcome. A cancelled run reached no verdict on the image, as a run that
 * ended in error did not, so it is `error` rather than `failed`; the release-candidate rule treats
 * both as a reason to reject, and a release manager can overrule it.
 */
const AQF_OUTCOME: Record<CdEventsOutcome, FactOf<'aqf-result'>['outcome']> = { success: 'passed', failure: 'failed', error: 'error', cancel: 'error' };

const CDEVENTS_OUTCOME: Expectation<CdEventsOutcome> = {
  is: (value): value is CdEventsOutcome => typeof value === 'string' && Object.hasOwn(AQF_OUTCOME, value),
  description: 'one of success, failure, error, cancel',
};

/**
 * `testsuiterun.finished` → an AQF run's start and its result, in that order, under one runId
 * (the test suite run's `subject.id`). The API refuses a result for a run it never saw start, and
 * this is the only test-suite event mapped, so the start is recorded from the finished event; one
 * recorded before (by the API or a replay) is an idempotent repeat when it says the same. That is
 * why `customData.startedAt` is required rather than guessed from the finish time.
 */
export function aqfRunFromTestSuiteRunFinished(event: CdEvent): [FactOf<'aqf-run'>, FactOf<'aqf-result'>] {
  const fields = factFields(event, 'testsuiterun.finished');
  const runId = event.subject.id;
  const start: FactOf<'aqf-run'> = withoutAbsent({
    type: 'aqf-run',
    runId,
    imageDigest: fields.text('customData.imageDigest', 'the image the AQF run verified, as sha256:<64 hex digits>'),
    environment: fields.text('subject.content.environment.id', 'the environment the AQF run ran in, e.g. aqf-1'),
    startedAt: fields.text('customData.startedAt', 'when the AQF run started, e.g. 2026-11-25T04:00:00Z'),
    requestId: fields.optionalText('customData.requestId', 'the pipeline request this AQF run answers'),
  });
  const outcome = fields.required('subject.content.outcome', 'how the test suite run ended', CDEVENTS_OUTCOME);
  const result: FactOf<'aqf-result'> = withoutAbsent({
    type: 'aqf-result',
    runId,
    outcome: outcome ? AQF_OUTCOME[outcome] : 'error',
    passed: fields.count('customData.passed', 'how many tests passed'),
    failed: fields.count('customData.failed', 'how many tests failed'),
    skipped: fields.count('customData.skipped', 'how many tests were skipped'),
    reportUrl: fields.optionalText('customData.reportUrl', "the AQF run's report"),
    completedAt: event.context.timestamp,
  });
  fields.done();
  return [start, result];
}
