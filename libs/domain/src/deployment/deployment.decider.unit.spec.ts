import { deciderSpec } from '@provenance/testing';
import { DeploymentFact, DeploymentFinished, DeploymentStarted, deploymentDecider } from './deployment.decider';
import { GateVerdict } from './gate.policy';

const spec = deciderSpec(deploymentDecider);

const digest = 'sha256:4c1f8e2a9b3d7c5e0f6a2b8d4c1e9f3a7b5d0c2e8f4a6b1d3c9e7f5a0b2d4c6e';
const otherDigest = 'sha256:9e7d5c3b1a0f8e6d4c2b0a9f7e5d3c1b0a8f6e4d2c0b9a7f5e3d1c0b8a6f4e2d';
const fact: DeploymentFact = {
  deploymentId: 'site-2026-11-26-0001',
  environment: 'site',
  imageDigest: digest,
  nodes: ['m000', 'm001', 'm063'],
  configRevision: { repository: 'katconfig', sha: '0c2e4a6b8d1f3a5c7e9b0d2f4a6c8e1b3d5f7a9c' },
  startedAt: '2026-11-26T07:30:00Z',
  by: 'Sipho Dlamini',
};
const allowed: GateVerdict = {
  allowed: true,
  releaseCandidate: true,
  reasons: ['release candidate, promoted automatically; AQF runs aqf-1-2026-11-25-0007 (aqf-1, passed), aqf-2-2026-11-25-0004 (aqf-2, passed)'],
};
const refused: GateVerdict = {
  allowed: false,
  releaseCandidate: false,
  reasons: ['not a release candidate yet: waiting for passing AQF runs in aqf-2'],
};
const started = (policyViolations: string[]): DeploymentStarted => ({ type: 'DeploymentStarted', data: { ...fact, policyViolations } });
const cleanStart = started([]);
const finished: DeploymentFinished = {
  type: 'DeploymentFinished',
  data: { deploymentId: fact.deploymentId, environment: 'site', outcome: 'succeeded', finishedAt: '2026-11-26T08:05:00Z' },
};
const result = { outcome: 'succeeded' as const, finishedAt: '2026-11-26T08:05:00Z' };

describe('deployment decider: the start', () => {
  it('given no deployment, when a release candidate is deployed to site, then it is recorded with no policy violations', () => {
    spec.given([]).when({ type: 'StartDeployment', fact, gate: allowed }).then([cleanStart]);
  });

  it('given no deployment, when a non-candidate is deployed to site, then it is still recorded, with the policy violation', () => {
    spec
      .given([])
      .when({ type: 'StartDeployment', fact, gate: refused })
      .then([started(['deployed to site although the gate refuses it: not a release candidate yet: waiting for passing AQF runs in aqf-2'])]);
  });

  it('given a gate refusing for two reasons, when the deployment is recorded, then it carries one violation per reason', () => {
    const twoReasons: GateVerdict = { allowed: false, releaseCandidate: false, reasons: ['first reason', 'second reason'] };
    spec
      .given([])
      .when({ type: 'StartDeployment', fact, gate: twoReasons })
      .then([
        started([
          'deployed to site although the gate refuses it: first reason',
          'deployed to site although the gate refuses it: second reason',
        ]),
      ]);
  });

  it('given a deployment recorded with a violation, when it is recorded again after the gate allows it, then it is already recorded as first', () => {
    const withViolation = started(['deployed to site although the gate refuses it: not a release candidate yet: waiting for passing AQF runs in aqf-2']);
    spec.given([withViolation]).when({ type: 'StartDeployment', fact, gate: allowed }).thenAlreadyRecorded(withViolation);
  });

  it('given a recorded deployment, when the same id is recorded with another image, then it is refused showing both', () => {
    spec
      .given([cleanStart])
      .when({ type: 'StartDeployment', fact: { ...fact, imageDigest: otherDigest }, gate: allowed })
      .thenRefused({
        kind: 'identity-conflict',
        message: `deployment site-2026-11-26-0001 is already recorded with different content (imageDigest: recorded "${digest}", now "${otherDigest}")`,
        differences: [{ field: 'imageDigest', recorded: digest, attempted: otherDigest }],
      });
  });
});

describe('deployment decider: the result', () => {
  it('given no start, when a result is recorded, then it is refused: the start comes first', () => {
    spec
      .given([])
      .when({ type: 'FinishDeployment', deploymentId: fact.deploymentId, result })
      .thenRefused({
        kind: 'rule-violated',
        rule: 'deployment-started-first',
        message: 'deployment site-2026-11-26-0001 has no recorded start: record it first with POST /api/v1/deployments',
      });
  });

  it('given a started deployment, when its result finished before the start, then it is refused naming both times', () => {
    spec
      .given([cleanStart])
      .when({ type: 'FinishDeployment', deploymentId: fact.deploymentId, result: { ...result, finishedAt: '2026-11-26T07:29:59.999Z' } })
      .thenRefused({
        kind: 'rule-violated',
        rule: 'deployment-finished-after-start',
        message:
          'deployment site-2026-11-26-0001 cannot have finished at 2026-11-26T07:29:59.999Z, before it started at 2026-11-26T07:30:00Z',
      });
  });

  it('given a started deployment, when its result finished at the very time it started, then it is recorded', () => {
    const instant = { ...result, finishedAt: '2026-11-26T07:30:00.000Z' };
    spec
      .given([cleanStart])
      .when({ type: 'FinishDeployment', deploymentId: fact.deploymentId, result: instant })
      .then([{ type: 'DeploymentFinished', data: { deploymentId: fact.deploymentId, environment: 'site', ...instant } }]);
  });

  it('given a started deployment, when its result is recorded, then DeploymentFinished copies id and environment from the start', () => {
    spec.given([cleanStart]).when({ type: 'FinishDeployment', deploymentId: fact.deploymentId, result }).then([finished]);
  });

  it('given a finished deployment, when the same result is recorded again, then it is already recorded', () => {
    spec.given([cleanStart, finished]).when({ type: 'FinishDeployment', deploymentId: fact.deploymentId, result }).thenAlreadyRecorded(finished);
  });

  it('given a finished deployment, when another outcome is recorded, then it is refused naming the outcome', () => {
    spec
      .given([cleanStart, finished])
      .when({ type: 'FinishDeployment', deploymentId: fact.deploymentId, result: { ...result, outcome: 'failed' } })
      .thenRefused({
        kind: 'identity-conflict',
        message:
          'the result of deployment site-2026-11-26-0001 is already recorded with different content (outcome: recorded "succeeded", now "failed")',
        differences: [{ field: 'outcome', recorded: 'succeeded', attempted: 'failed' }],
      });
  });
});
