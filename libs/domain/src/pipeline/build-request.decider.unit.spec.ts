import { deciderSpec } from '@provenance/testing';
import { buildRequestDecider } from './build-request.decider';
import type { PackageBuildRequested } from './dependency-builds.policy';

const request: PackageBuildRequested = {
  type: 'PackageBuildRequested',
  data: {
    requestId: 'package-build-0123', package: 'katobs', inputs: [{ package: 'katcore', version: '5.1' }],
    requestedBecause: 'katcore 5.1 passed and katobs depends on it', requestedAt: '2026-11-25T08:00:00Z',
  },
};
const spec = deciderSpec(buildRequestDecider);

describe('a package-build request', () => {
  it('given no request yet, then it is made', () => {
    spec.given([]).when({ type: 'RequestPackageBuild', request }).then([request]);
  });

  it('given it was made (a replay asks again), then it is already made and nothing is recorded', () => {
    spec.given([request]).when({ type: 'RequestPackageBuild', request }).thenAlreadyRecorded(request);
  });
});
