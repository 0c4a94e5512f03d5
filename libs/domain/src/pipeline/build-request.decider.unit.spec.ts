import { deciderSpec } from '@provenance/testing';
import { BuildRequestEvent, buildRequestDecider } from './build-request.decider';
import type { PackageBuildRequested } from './dependency-builds.policy';

const request: PackageBuildRequested = {
  type: 'PackageBuildRequested',
  data: {
    requestId: 'package-build-0123', package: 'katobs', inputs: [{ package: 'katcore', version: '5.1' }],
    requestedBecause: 'katcore 5.1 passed and katobs depends on it', requestedAt: '2026-11-25T08:00:00Z',
  },
};
const answered: BuildRequestEvent = { type: 'BuildRequestAnswered', data: { requestId: 'package-build-0123', answer: 'katobs 2.1 passed', answeredAt: '2026-11-25T08:20:00Z' } };
const check = (now: string) => ({ type: 'CheckBuildRequestDeadline' as const, now, timeoutSeconds: 3_600 });
const spec = deciderSpec(buildRequestDecider);

describe('a package-build request', () => {
  it('given no request yet, then it is made', () => {
    spec.given([]).when({ type: 'RequestPackageBuild', request }).then([request]);
  });

  it('given it was made (a replay asks again), then it is already made and nothing is recorded', () => {
    spec.given([request]).when({ type: 'RequestPackageBuild', request }).thenAlreadyRecorded(request);
  });

  it('given a build naming it, then it is answered once; a second build naming it changes nothing', () => {
    spec.given([request]).when({ type: 'AnswerBuildRequest', requestId: 'package-build-0123', answer: 'katobs 2.1 passed', at: '2026-11-25T08:20:00Z' }).then([answered]);
    spec.given([request, answered]).when({ type: 'AnswerBuildRequest', requestId: 'package-build-0123', answer: 'katobs 2.2 passed', at: '2026-11-25T08:30:00Z' }).then([]);
  });

  it('given no answer by its deadline, then it is reported timed out once; answered in time, never', () => {
    spec.given([request]).when(check('2026-11-25T08:59:00Z')).then([]);
    const timedOut: BuildRequestEvent = { type: 'StageTimedOut', data: { runId: null, requestId: 'package-build-0123', stage: 'package-build', deadline: '2026-11-25T09:00:00.000Z' } };
    spec.given([request]).when(check('2026-11-25T09:01:00Z')).then([timedOut]);
    spec.given([request, timedOut]).when(check('2026-11-25T09:02:00Z')).then([]);
    spec.given([request, answered]).when(check('2026-11-25T09:01:00Z')).then([]);
  });

  it('given a build naming a request never made, then nothing is recorded', () => {
    spec.given([]).when({ type: 'AnswerBuildRequest', requestId: 'package-build-0123', answer: 'katobs 2.1 passed', at: '2026-11-25T08:20:00Z' }).then([]);
  });
});
