import type { SqlEventStore } from '@provenance/event-store';
import { followerContextOf } from '@provenance/followers';
import { newSigningKey } from '@provenance/signing';
import { eventually, forEachSqlStore, OpenedStore, waitBudget } from '@provenance/testing';
import {
  leafBytesOf,
  leafHash,
  openNote,
  parseCheckpoint,
  TreeFrontier,
  verifyConsistency,
  verifyInclusion,
} from '@provenance/transparency';
import { LogSigner } from './log-signer';
import { Notary } from './notary';
import { TreeQueries } from './tree-queries';

const quiet = { log: () => undefined, error: (message: string) => console.error(message) };

async function appendNumbered(store: SqlEventStore, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) {
    await store.appendToStream(`numbers-${n % 5}`, [{ id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, type: 'Counted', data: { n, text: `é ${n}` } }]);
  }
}

function notarySuite(open: () => Promise<OpenedStore>) {
  let store: SqlEventStore;
  let close: () => Promise<void>;
  const notaries: Notary[] = [];
  const signer = new LogSigner('test.example/log', newSigningKey().key);
  const notary = () => {
    const started = new Notary(store, followerContextOf(store, { log: quiet }), { signer, intervalMs: 100, batchSize: 7 });
    notaries.push(started);
    return started;
  };
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await Promise.all(notaries.splice(0).map((one) => one.stop()));
    await close();
  });

  /** Waits until the latest checkpoint covers `size` leaves. */
  async function signedUpTo(queries: TreeQueries, size: number, timeoutMs: number) {
    return eventually(
      () => queries.latestCheckpoint(),
      (latest) => latest?.treeSize === size,
      { what: `a checkpoint of ${size} leaves`, timeoutMs },
    );
  }

  it('given events in many batches and two notaries, then each event is one leaf in log order, and every checkpoint is signed, true and consistent with the next', async () => {
    const queries = new TreeQueries(store.sqlConnection, signer);
    await notary().start();
    await notary().start();
    await appendNumbered(store, 0, 60);
    const timeLeft = waitBudget();
    await signedUpTo(queries, 60, timeLeft());

    const events = await store.readAll();
    const leaves = await queries.leaves(0, 100);
    expect(leaves.map((leaf) => leaf.eventId)).toEqual(events.map((event) => event.id));
    expect(leaves.map((leaf) => leaf.leafIndex)).toEqual(events.map((_, i) => i));
    const frontier = TreeFrontier.empty();
    for (const [i, event] of events.entries()) {
      expect(leaves[i].leaf!.equals(leafBytesOf(event))).toBe(true);
      expect(leaves[i].hash.equals(leafHash(leafBytesOf(event)))).toBe(true);
      frontier.append(leaves[i].hash);
    }
    const checkpoints = await queries.checkpoints(0, 1000);
    expect(checkpoints.length).toBeGreaterThan(0);
    let previous: { treeSize: number; rootHash: Buffer } | undefined;
    for (const checkpoint of checkpoints) {
      const body = parseCheckpoint(openNote(checkpoint.note, signer.verifier));
      expect(body).toEqual({ origin: 'test.example/log', treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash });
      expect((await queries.rootAt(checkpoint.treeSize)).equals(checkpoint.rootHash)).toBe(true);
      if (previous) {
        const { proof } = await queries.consistency(previous.treeSize, checkpoint.treeSize);
        verifyConsistency(previous.treeSize, checkpoint.treeSize, proof, previous.rootHash, checkpoint.rootHash);
      }
      previous = checkpoint;
    }
    expect(previous!.rootHash.equals(frontier.root())).toBe(true);
    for (const event of events) {
      const answer = await queries.inclusionOfEvent(event.id);
      verifyInclusion(answer.leafIndex, answer.treeSize, leafHash(leafBytesOf(event)), answer.proof, answer.checkpoint!.rootHash);
    }
  });

  it('given a notary stopped and another started later, then the tree goes on where it stopped, consistent with what was signed', async () => {
    const queries = new TreeQueries(store.sqlConnection, signer);
    const first = notary();
    await first.start();
    await appendNumbered(store, 0, 10);
    const timeLeft = waitBudget();
    const before = await signedUpTo(queries, 10, timeLeft());
    await first.stop();
    await appendNumbered(store, 10, 13);
    await notary().start();
    const after = await signedUpTo(queries, 23, timeLeft());

    const { proof } = await queries.consistency(10, 23);
    verifyConsistency(10, 23, proof, before!.rootHash, after!.rootHash);
    expect((await queries.leaves(0, 100)).map((leaf) => leaf.leafIndex)).toEqual([...Array(23).keys()]);
  });

  it('given no signer, then the tree is kept and nothing is signed', async () => {
    const queries = new TreeQueries(store.sqlConnection);
    const unsigned = new Notary(store, followerContextOf(store, { log: quiet }), { intervalMs: 100 });
    notaries.push(unsigned);
    await unsigned.start();
    await appendNumbered(store, 0, 3);

    await eventually(() => queries.treeSize(), (size) => size === 3, { what: 'three leaves' });
    expect(await queries.latestCheckpoint()).toBeUndefined();
    expect((await queries.inclusion(1)).treeSize).toBe(3);
  });
}

forEachSqlStore('notary', notarySuite);
