import { deciderSpec } from '@provenance/testing';
import { ConfigurationApplied, ConfigurationFact, PatchApplied, PatchFact, environmentDecider } from './environment.decider';

const spec = deciderSpec(environmentDecider);

const patch: PatchFact = {
  environment: 'site',
  patchId: 'site-hotfix-2026-11-27-01',
  package: 'katproxy',
  fromVersion: '3.8.0',
  toVersion: '3.8.1',
  nodes: ['m000', 'm001'],
  reason: 'CBF proxy leaks sockets on reconnect',
  appliedAt: '2026-11-27T10:15:00Z',
  by: 'Sipho Dlamini',
};
const patched: PatchApplied = { type: 'PatchApplied', data: patch };
const configuration: ConfigurationFact = {
  environment: 'site',
  repository: 'katconfig',
  sha: '0c2e4a6b8d1f3a5c7e9b0d2f4a6c8e1b3d5f7a9c',
  appliedAt: '2026-11-27T11:00:00Z',
};
const configured: ConfigurationApplied = { type: 'ConfigurationApplied', data: configuration };

describe('environment decider: patches', () => {
  it('given no patches, when a patch is applied, then PatchApplied holds it', () => {
    spec.given([]).when({ type: 'ApplyPatch', fact: patch }).then([patched]);
  });

  it('given an applied patch, when the same patch is applied again, then it is already recorded', () => {
    spec.given([patched]).when({ type: 'ApplyPatch', fact: { ...patch } }).thenAlreadyRecorded(patched);
  });

  it('given an applied patch, when the same patchId comes with other content, then it is refused showing both', () => {
    spec
      .given([patched])
      .when({ type: 'ApplyPatch', fact: { ...patch, toVersion: '3.8.2' } })
      .thenRefused({
        kind: 'identity-conflict',
        message: 'patch site-hotfix-2026-11-27-01 in site is already recorded with different content (toVersion: recorded "3.8.1", now "3.8.2")',
        differences: [{ field: 'toVersion', recorded: '3.8.1', attempted: '3.8.2' }],
      });
  });

  it('given an applied patch, when a patch with another patchId is applied, then it is recorded', () => {
    const next: PatchFact = { ...patch, patchId: 'site-hotfix-2026-11-27-02', package: 'katportal', fromVersion: '4.2.1', toVersion: '4.2.2' };
    spec.given([patched]).when({ type: 'ApplyPatch', fact: next }).then([{ type: 'PatchApplied', data: next }]);
  });

  // Fails today: the decider looks patches up in a plain object, so a patchId naming an
  // Object.prototype member ('constructor', '__proto__', 'toString') finds a "recorded" patch.
  it.each(['constructor', '__proto__'])('given no patches, when a patch with patchId %p is applied, then it is recorded', (patchId) => {
    const odd: PatchFact = { ...patch, patchId };
    spec.given([]).when({ type: 'ApplyPatch', fact: odd }).then([{ type: 'PatchApplied', data: odd }]);
  });
});

describe('environment decider: configuration', () => {
  it('given no configuration, when a katconfig revision is applied, then ConfigurationApplied holds it', () => {
    spec.given([]).when({ type: 'ApplyConfiguration', fact: configuration }).then([configured]);
  });

  it('given an applied configuration, when the same revision at the same moment is applied again, then it is already recorded', () => {
    spec.given([patched, configured]).when({ type: 'ApplyConfiguration', fact: { ...configuration } }).thenAlreadyRecorded(configured);
  });

  it('given an applied configuration, when the same revision is applied again later, then it is recorded', () => {
    const again = { ...configuration, appliedAt: '2026-11-28T06:00:00Z' };
    spec.given([configured]).when({ type: 'ApplyConfiguration', fact: again }).then([{ type: 'ConfigurationApplied', data: again }]);
  });

  it('given an applied configuration, when another revision is applied at the same moment, then it is recorded', () => {
    const other = { ...configuration, sha: '7d9f1b3d5a7c9e1f3b5d7a9c1e3f5b7d9a1c3e5f' };
    spec.given([configured]).when({ type: 'ApplyConfiguration', fact: other }).then([{ type: 'ConfigurationApplied', data: other }]);
  });
});
