import { aqfRunStreamId, commitStreamId, deploymentStreamId, environmentStreamId, imageStreamId, packageBuildStreamId, pinnedSetStreamId } from '@provenance/domain';
import { streamIds } from './stream-ids';

describe("the web app's stream ids", () => {
  it("are the deciders' stream ids", () => {
    expect(streamIds.commit('https://github.com/ska-sa/katcomp', 'abc')).toBe(commitStreamId('https://github.com/ska-sa/katcomp', 'abc'));
    expect(streamIds.build('katcomp', '0.7.9')).toBe(packageBuildStreamId('katcomp', '0.7.9'));
    expect(streamIds.pinnedSet('p1')).toBe(pinnedSetStreamId('p1'));
    expect(streamIds.image('sha256:ab')).toBe(imageStreamId('sha256:ab'));
    expect(streamIds.aqfRun('r1')).toBe(aqfRunStreamId('r1'));
    expect(streamIds.deployment('d1')).toBe(deploymentStreamId('d1'));
    expect(streamIds.environment('site')).toBe(environmentStreamId('site'));
  });
});
