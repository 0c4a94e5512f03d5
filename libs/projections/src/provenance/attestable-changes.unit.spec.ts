import { attestableChangesOf, nothingAttestable } from './attestable-changes';

const digest = (seed: string) => `sha256:${seed.repeat(64)}`;

describe('which facts a stretch of the log changes for signed statements', () => {
  it('given an image baked, an AQF run completed on it and a decision, then that one image, once', () => {
    const changes = attestableChangesOf([
      { type: 'ImageBaked', data: { digest: digest('d'), name: 'autobuild.tar.gz' } },
      { type: 'AqfRunStarted', data: { runId: 'aqf-1', imageDigest: digest('d') } },
      { type: 'AqfRunCompleted', data: { runId: 'aqf-1', imageDigest: digest('d'), outcome: 'passed' } },
      { type: 'AqfRunOutcomeNoted', data: { runId: 'aqf-1', imageDigest: digest('d') } },
      { type: 'ReleaseCandidatePromoted', data: { imageDigest: digest('d'), automatic: true } },
    ]);

    expect(changes).toEqual({ images: [digest('d')], pinnedSets: [], builds: [], commits: [] });
  });

  it('given a rejection of another image, then both images in the order first seen', () => {
    const changes = attestableChangesOf([
      { type: 'AqfRunCompleted', data: { imageDigest: digest('e') } },
      { type: 'ReleaseCandidateRejected', data: { imageDigest: digest('d') } },
    ]);

    expect(changes.images).toEqual([digest('e'), digest('d')]);
  });

  it('given a pinned set, package builds and a commit, then each fact named once', () => {
    const build = { package: 'katcomp', version: '1.4.0', repository: 'https://github.com/ska-sa/katcomp', sha: 'a1'.repeat(20) };
    const changes = attestableChangesOf([
      { type: 'CommitRecorded', data: { repository: build.repository, sha: build.sha } },
      { type: 'PackageBuildRecorded', data: build },
      { type: 'PackageBuildRecorded', data: build },
      { type: 'PinnedSetRecorded', data: { id: digest('5'), name: 'site' } },
    ]);

    expect(changes).toEqual({
      images: [],
      pinnedSets: [digest('5')],
      builds: [{ package: 'katcomp', version: '1.4.0' }],
      commits: [{ repository: build.repository, sha: build.sha }],
    });
  });

  it('given only stage requests, deployments and AQF starts, then nothing to attest', () => {
    const changes = attestableChangesOf([
      { type: 'PackageBuildRequested', data: { requestId: 'r1' } },
      { type: 'DeploymentStarted', data: { environment: 'site', imageDigest: digest('d') } },
      { type: 'AqfRunStarted', data: { runId: 'aqf-2', imageDigest: digest('d') } },
    ]);

    expect(nothingAttestable(changes)).toBe(true);
  });
});
