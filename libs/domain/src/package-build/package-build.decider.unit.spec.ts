import { deciderSpec } from '@provenance/testing';
import { PackageBuildFact, PackageBuildRecorded, packageBuildDecider } from './package-build.decider';

const spec = deciderSpec(packageBuildDecider);

const sha256 = 'a3b1c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3';
const otherSha256 = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
const fact: PackageBuildFact = {
  package: 'katportal',
  version: '4.2.1.dev17+master.3f9c2a1',
  repository: 'katportal',
  sha: '3f9c2a1e5b7d4c8f0a6e2b9d1c3f5a7e9b0d2c4f',
  outcome: 'passed',
  artifact: { filename: 'katportal-4.2.1.dev17+master.3f9c2a1-py3-none-any.whl', sha256 },
  buildUrl: 'https://jenkins.camlab.kat.ac.za/job/katportal/job/master/417/',
  builtAgainst: [
    { package: 'katcomp', version: '0.61.0' },
    { package: 'katuilib', version: '2.14.3' },
  ],
  finishedAt: '2026-11-24T15:40:02Z',
  requestId: 'req-2026-11-24-0042',
};
const recorded: PackageBuildRecorded = { type: 'PackageBuildRecorded', data: fact };

describe('package build decider', () => {
  it('given no build, when a build is recorded, then PackageBuildRecorded holds the fact', () => {
    spec.given([]).when({ type: 'RecordPackageBuild', fact }).then([recorded]);
  });

  it('given a recorded build, when the same build is recorded again, then it is already recorded', () => {
    spec.given([recorded]).when({ type: 'RecordPackageBuild', fact: { ...fact } }).thenAlreadyRecorded(recorded);
  });

  it('given a recorded build, when it is recorded again under another requestId, then it is already recorded as first recorded', () => {
    spec
      .given([recorded])
      .when({ type: 'RecordPackageBuild', fact: { ...fact, requestId: 'req-2026-11-25-0003' } })
      .thenAlreadyRecorded(recorded);
  });

  it('given a recorded build, when the same version is recorded with another artifact sha256, then it is refused showing both', () => {
    const attempted = { ...fact, artifact: { ...fact.artifact!, sha256: otherSha256 } };
    spec
      .given([recorded])
      .when({ type: 'RecordPackageBuild', fact: attempted })
      .thenRefused({
        kind: 'identity-conflict',
        message:
          'package build katportal 4.2.1.dev17+master.3f9c2a1 is already recorded with different content ' +
          `(artifact.sha256: recorded "${sha256}", now "${otherSha256}")`,
        recorded: fact,
        attempted,
        differences: [{ field: 'artifact.sha256', recorded: sha256, attempted: otherSha256 }],
      });
  });

  it('given a recorded build, when it is recorded against other upstream versions, then builtAgainst is named', () => {
    const builtAgainst = [
      { package: 'katcomp', version: '0.62.0' },
      { package: 'katuilib', version: '2.14.3' },
    ];
    spec
      .given([recorded])
      .when({ type: 'RecordPackageBuild', fact: { ...fact, builtAgainst } })
      .thenRefused({
        kind: 'identity-conflict',
        differences: [{ field: 'builtAgainst', recorded: fact.builtAgainst, attempted: builtAgainst }],
      });
  });
});
