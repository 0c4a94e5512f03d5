import { deciderSpec } from '@provenance/testing';
import { AqfRunCompleted, AqfRunResultFact, AqfRunStarted, AqfRunStartFact, aqfRunDecider } from './aqf-run.decider';

const spec = deciderSpec(aqfRunDecider);

const digest = 'sha256:4c1f8e2a9b3d7c5e0f6a2b8d4c1e9f3a7b5d0c2e8f4a6b1d3c9e7f5a0b2d4c6e';
const otherDigest = 'sha256:9e7d5c3b1a0f8e6d4c2b0a9f7e5d3c1b0a8f6e4d2c0b9a7f5e3d1c0b8a6f4e2d';
const start: AqfRunStartFact = {
  runId: 'aqf-1-2026-11-25-0007',
  imageDigest: digest,
  environment: 'aqf-1',
  startedAt: '2026-11-25T06:00:00Z',
  requestId: 'req-2026-11-25-0001',
};
const result: AqfRunResultFact = {
  outcome: 'passed',
  passed: 412,
  failed: 0,
  skipped: 7,
  reportUrl: 'https://aqf-1.camlab.kat.ac.za/reports/aqf-1-2026-11-25-0007/',
  completedAt: '2026-11-25T09:12:44Z',
};
const started: AqfRunStarted = { type: 'AqfRunStarted', data: start };
const completed: AqfRunCompleted = {
  type: 'AqfRunCompleted',
  data: { runId: start.runId, imageDigest: digest, environment: 'aqf-1', ...result },
};

describe('AQF run decider', () => {
  it('given no run, when it is started, then AqfRunStarted holds the start', () => {
    spec.given([]).when({ type: 'StartAqfRun', fact: start }).then([started]);
  });

  it('given a started run, when the start is recorded again under another requestId, then it is already recorded', () => {
    spec
      .given([started])
      .when({ type: 'StartAqfRun', fact: { ...start, requestId: null } })
      .thenAlreadyRecorded(started);
  });

  it('given a started run, when it is started again for another image, then it is refused showing both', () => {
    spec
      .given([started])
      .when({ type: 'StartAqfRun', fact: { ...start, imageDigest: otherDigest } })
      .thenRefused({
        kind: 'identity-conflict',
        message: `AQF run aqf-1-2026-11-25-0007 is already recorded with different content (imageDigest: recorded "${digest}", now "${otherDigest}")`,
        differences: [{ field: 'imageDigest', recorded: digest, attempted: otherDigest }],
      });
  });

  it('given no start, when a result is recorded, then it is refused: the start comes first', () => {
    spec
      .given([])
      .when({ type: 'CompleteAqfRun', runId: start.runId, result })
      .thenRefused({
        kind: 'rule-violated',
        rule: 'aqf-run-started-first',
        message: 'AQF run aqf-1-2026-11-25-0007 has no recorded start: record it first with POST /api/v1/aqf-runs',
      });
  });

  it('given a started run, when its result is recorded, then AqfRunCompleted copies runId, image and environment from the start', () => {
    spec.given([started]).when({ type: 'CompleteAqfRun', runId: start.runId, result }).then([completed]);
  });

  it('given a completed run, when the same result is recorded again, then it is already recorded', () => {
    spec.given([started, completed]).when({ type: 'CompleteAqfRun', runId: start.runId, result }).thenAlreadyRecorded(completed);
  });

  it('given a completed run, when another result is recorded, then it is refused naming the fields', () => {
    spec
      .given([started, completed])
      .when({ type: 'CompleteAqfRun', runId: start.runId, result: { ...result, outcome: 'failed', passed: 409, failed: 3 } })
      .thenRefused({
        kind: 'identity-conflict',
        message:
          'the result of AQF run aqf-1-2026-11-25-0007 is already recorded with different content ' +
          '(failed: recorded 0, now 3; outcome: recorded "passed", now "failed"; passed: recorded 412, now 409)',
        differences: [
          { field: 'failed', recorded: 0, attempted: 3 },
          { field: 'outcome', recorded: 'passed', attempted: 'failed' },
          { field: 'passed', recorded: 412, attempted: 409 },
        ],
      });
  });
});
