import { CommitFact, commitDecider, commitStreamId } from '@provenance/domain';
import { InvalidAppend } from '@provenance/event-store';
import { forEachSqlStore, OpenedStore } from '@provenance/testing';
import { decideAndAppend, RecordingResult } from './command-path';
import { FactRefused } from './fact-refused';
import { RecordFactCommand } from './handlers/record-fact.command';
import { NewStreamBatches } from './new-stream-batches';

const commit = (n: number, message = `change ${n}`): CommitFact => ({
  repository: 'https://github.com/ska-sa/katcomp', sha: n.toString(16).padStart(40, '0'), parents: [], branch: null, author: 'ci', message, committedAt: '2026-11-25T08:00:00.000Z',
});
const recordCommit = (fact: CommitFact) =>
  new RecordFactCommand(commitStreamId(fact.repository, fact.sha), commitDecider, { type: 'RecordCommit', fact }, { actor: 'http' }, { expectNewStream: true });
const transactionOf = (result: RecordingResult) => result.events[0].position.split('-')[0];

function suite(open: () => Promise<OpenedStore>) {
  let opened: OpenedStore;
  let batches: NewStreamBatches;
  beforeEach(async () => {
    opened = await open();
    batches = new NewStreamBatches(opened.store);
  });
  afterEach(() => opened.close());

  it('given 20 new commits sent at once, then the first is appended alone and the 19 that waited for it in one commit, each answered as alone', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => batches.record(recordCommit(commit(n)))));

    expect(results.map((result) => result.status)).toEqual(Array(20).fill('recorded'));
    const perTransaction = new Map<string, number>();
    for (const result of results) perTransaction.set(transactionOf(result), (perTransaction.get(transactionOf(result)) ?? 0) + 1);
    expect([...perTransaction.values()].sort((a, b) => a - b)).toEqual([1, 19]);
    for (const [n, result] of results.entries()) {
      const alone = await decideAndAppend(opened.store, result.events[0].streamId, commitDecider, { type: 'RecordCommit', fact: commit(n) }, { actor: 'http' });
      expect(alone).toEqual({ status: 'already-recorded', events: result.events });
    }
  });

  it('given one commit sent three times in one batch, then it is recorded once and the other two are answered already recorded, with its events', async () => {
    const [, ...copies] = await Promise.all([40, 41, 41, 41].map((n) => batches.record(recordCommit(commit(n)))));

    expect(copies.map((copy) => copy.status).sort()).toEqual(['already-recorded', 'already-recorded', 'recorded']);
    expect(new Set(copies.map((copy) => JSON.stringify(copy.events))).size).toBe(1);
    expect(await opened.store.readStream(commitStreamId(commit(41).repository, commit(41).sha))).toHaveLength(1);
  });

  it('given a batch holding a commit on record with other content, then only that one is refused and the others are recorded', async () => {
    await batches.record(recordCommit(commit(7)));

    const settled = await Promise.allSettled([0, 7, 1, 2].map((n) => batches.record(recordCommit(commit(n, n === 7 ? 'rewritten history' : undefined)))));

    expect(settled.map((one) => (one.status === 'fulfilled' ? one.value.status : (one.reason as Error).constructor.name))).toEqual(['recorded', 'FactRefused', 'recorded', 'recorded']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(FactRefused);
  });

  it('given a batch holding an event over the size limit, then only that one is refused as invalid, and the others are recorded', async () => {
    const settled = await Promise.allSettled([10, 11, 12, 13].map((n) => batches.record(recordCommit(commit(n, n === 12 ? 'x'.repeat(1_100_000) : undefined)))));

    expect(settled.map((one) => one.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidAppend);
    expect(await opened.store.readStream(commitStreamId(commit(12).repository, commit(12).sha))).toEqual([]);
  });
}

forEachSqlStore('recording new streams in batches', suite);
