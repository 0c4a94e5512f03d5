import { CommitFact, commitDecider, commitStreamId } from '@provenance/domain';
import { EventStore, openEmbeddedEventStore } from '@provenance/event-store';
import { decideAndAppend } from './command-path';
import { RecordFactCommand } from './handlers/record-fact.command';
import { recordNewStreams } from './record-new-streams';

const commit = (sha: string, message = `change ${sha}`): CommitFact => ({
  repository: 'https://github.com/ska-sa/katcomp', sha: sha.repeat(40), parents: [], branch: null, author: 'ci', message, committedAt: '2026-11-25T08:00:00.000Z',
});
const recordCommit = (fact: CommitFact, actor = 'kafka') =>
  new RecordFactCommand(commitStreamId(fact.repository, fact.sha), commitDecider, { type: 'RecordCommit', fact }, { actor }, { expectNewStream: true });

describe('recording stream-starting facts in bulk', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await openEmbeddedEventStore({ dataDir: 'memory://' });
  });
  afterEach(() => store.close());

  it('given new commits, when recorded together, then each is recorded as the full path would record it', async () => {
    const [a, b] = await recordNewStreams(store, [recordCommit(commit('a')), recordCommit(commit('b'))]);

    expect(a).toMatchObject({ status: 'recorded', events: [{ type: 'CommitRecorded', revision: '0' }] });
    expect(b).toMatchObject({ status: 'recorded' });
    const again = await decideAndAppend(store, commitStreamId(commit('a').repository, commit('a').sha), commitDecider, { type: 'RecordCommit', fact: commit('a') }, { actor: 'http' });
    expect(again).toMatchObject({ status: 'already-recorded', events: [{ eventId: a!.events[0].eventId }] });
  });

  it('given a commit on record, when it comes again, then it is already recorded; when it comes with other content, it is left to the full path', async () => {
    await recordNewStreams(store, [recordCommit(commit('c'))]);

    const [same, other, fresh] = await recordNewStreams(store, [recordCommit(commit('c')), recordCommit(commit('c', 'rewritten history')), recordCommit(commit('d'))]);

    expect(same).toMatchObject({ status: 'already-recorded' });
    expect(other).toBeUndefined();
    expect(fresh).toMatchObject({ status: 'recorded' });
    expect(await store.readStream(commitStreamId(commit('c').repository, commit('c').sha))).toHaveLength(1);
  });
});
