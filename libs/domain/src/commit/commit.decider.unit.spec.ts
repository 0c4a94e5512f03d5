import { deciderSpec } from '@provenance/testing';
import { CommitFact, CommitRecorded, commitDecider } from './commit.decider';

const spec = deciderSpec(commitDecider);

const sha = '3f9c2a1e5b7d4c8f0a6e2b9d1c3f5a7e9b0d2c4f';
const fact: CommitFact = {
  repository: 'katcomp',
  sha,
  parents: ['8e1d0c2b4a6f8e0d2c4b6a8f0e2d4c6b8a0f2e4d'],
  branch: 'master',
  author: 'Thandi Nkosi <tnkosi@ska.ac.za>',
  message: 'Retry the CAM proxy connection on timeout',
  committedAt: '2026-11-24T14:02:11Z',
};
const recorded: CommitRecorded = { type: 'CommitRecorded', data: fact };

describe('commit decider', () => {
  it('given no commit, when it is recorded, then CommitRecorded holds the fact', () => {
    spec.given([]).when({ type: 'RecordCommit', fact }).then([recorded]);
  });

  it('given a recorded commit, when the same fact is recorded again, then it is already recorded', () => {
    spec.given([recorded]).when({ type: 'RecordCommit', fact: { ...fact } }).thenAlreadyRecorded(recorded);
  });

  it('given a recorded commit, when it is recorded again with other parents, then it is refused showing both', () => {
    const otherParents = ['8e1d0c2b4a6f8e0d2c4b6a8f0e2d4c6b8a0f2e4d', '5b2c9e7a1d3f5b7c9e1a3d5f7b9c1e3a5d7f9b1c'];
    spec
      .given([recorded])
      .when({ type: 'RecordCommit', fact: { ...fact, parents: otherParents } })
      .thenRefused({
        kind: 'identity-conflict',
        message:
          `commit ${sha} of katcomp is already recorded with different content ` +
          `(parents: recorded ["8e1d0c2b4a6f8e0d2c4b6a8f0e2d4c6b8a0f2e4d"], ` +
          `now ["8e1d0c2b4a6f8e0d2c4b6a8f0e2d4c6b8a0f2e4d","5b2c9e7a1d3f5b7c9e1a3d5f7b9c1e3a5d7f9b1c"])`,
        recorded: fact,
        attempted: { ...fact, parents: otherParents },
        differences: [{ field: 'parents', recorded: fact.parents, attempted: otherParents }],
      });
  });

  it('given a recorded commit, when it is recorded again with another message, then the message is named', () => {
    spec
      .given([recorded])
      .when({ type: 'RecordCommit', fact: { ...fact, message: 'Retry on timeout' } })
      .thenRefused({
        kind: 'identity-conflict',
        differences: [{ field: 'message', recorded: fact.message, attempted: 'Retry on timeout' }],
      });
  });

  it('given a recorded commit, when it is seen again on another branch, then it is already recorded as first seen', () => {
    spec.given([recorded]).when({ type: 'RecordCommit', fact: { ...fact, branch: 'release-2026.11' } }).thenAlreadyRecorded(recorded);
  });
});
