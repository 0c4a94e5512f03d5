import { Decider, DomainEvent, unreachable } from '../shared/decider';
import { recordOnce } from '../shared/record-once';

export type CommitFact = {
  repository: string;
  sha: string;
  parents: string[];
  branch: string | null;
  author: string;
  message: string;
  committedAt: string;
};

export type CommitRecorded = DomainEvent<'CommitRecorded', CommitFact>;
export type CommitEvent = CommitRecorded;
export type RecordCommit = { type: 'RecordCommit'; fact: CommitFact };
export type CommitState = { recorded?: CommitFact };

export const commitStreamId = (repository: string, sha: string) => `commit-${repository}@${sha}`;

export const commitDecider: Decider<CommitState, RecordCommit, CommitEvent> = {
  initialState: {},
  evolve(state, event) {
    switch (event.type) {
      case 'CommitRecorded':
        return { recorded: event.data };
      default:
        return unreachable(event.type);
    }
  },
  decide(command, state) {
    const { repository, sha } = command.fact;
    // A commit is on many branches over its life; the branch it was first seen on is kept, not compared.
    return recordOnce(`commit ${sha} of ${repository}`, state.recorded, { type: 'CommitRecorded', data: command.fact }, ['branch']);
  },
};
