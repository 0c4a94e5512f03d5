import { commitDecider, commitStreamId, deploymentDecider, deploymentStreamId, imageDecider, imageStreamId, packageBuildDecider, packageBuildStreamId } from '@provenance/domain';
import { EventStore, SqlConnection, SqlEventStore } from '@provenance/event-store';
import { followerContextOf } from '@provenance/followers';
import { decideAndAppend } from '@provenance/recording';
import { eventually, forEachSqlStore, OpenedStore } from '@provenance/testing';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { provenanceFactsProjection } from './provenance/provenance-facts.projection';

const context = { actor: 'projection-suite' };
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A small pipeline history: commits, builds, images with decisions, deployments with results. */
async function recordHistory(store: EventStore, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) {
    const sha = hex(n, 40);
    const digest = `sha256:${hex(n, 64)}`;
    await decideAndAppend(store, commitStreamId('katcomp', sha), commitDecider, {
      type: 'RecordCommit',
      fact: { repository: 'katcomp', sha, parents: [], branch: 'master', author: 'dev', message: `change ${n}`, committedAt: '2026-11-24T08:00:00.000Z' },
    }, context);
    await decideAndAppend(store, packageBuildStreamId('katcomp', `1.${n}`), packageBuildDecider, {
      type: 'RecordPackageBuild',
      fact: { package: 'katcomp', version: `1.${n}`, repository: 'katcomp', sha, outcome: 'passed', artifact: { filename: `katcomp-1.${n}.whl`, sha256: hex(n, 64) }, buildUrl: null, builtAgainst: [], finishedAt: '2026-11-24T08:10:00.000Z', requestId: null },
    }, context);
    await decideAndAppend(store, imageStreamId(digest), imageDecider, {
      type: 'RecordImage',
      fact: { digest, name: `autobuild-${n}.tar.gz`, pinnedSetId: `sha256:${hex(n + 1, 64)}`, builderId: null, buildUrl: null, bakedAt: '2026-11-24T09:00:00.000Z', requestId: null },
    }, context);
    await decideAndAppend(store, imageStreamId(digest), imageDecider, {
      type: 'NoteAqfRunOutcome', imageDigest: digest, verificationEnvironments: ['aqf-1'],
      run: { runId: `run-${n}`, environment: 'aqf-1', outcome: n % 3 === 0 ? 'failed' : 'passed', completedAt: '2026-11-24T10:00:00.000Z' },
    }, context);
    const gate = { allowed: true, releaseCandidate: true, reasons: [] };
    await decideAndAppend(store, deploymentStreamId(`d-${n}`), deploymentDecider, {
      type: 'StartDeployment', gate,
      fact: { deploymentId: `d-${n}`, environment: `env-${n % 4}`, imageDigest: digest, nodes: ['cmc1'], configRevision: null, startedAt: '2026-11-24T12:00:00.000Z', by: 'ops' },
    }, context);
    await decideAndAppend(store, deploymentStreamId(`d-${n}`), deploymentDecider, {
      type: 'FinishDeployment', deploymentId: `d-${n}`, result: { outcome: 'succeeded', finishedAt: '2026-11-24T12:10:00.000Z' },
    }, context);
  }
}

async function dump(connection: SqlConnection, projection: Projection): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    tables[table] = await connection.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`);
  }
  return tables;
}

function runnerSuite(open: () => Promise<OpenedStore>) {
  let store: SqlEventStore;
  let close: () => Promise<void>;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await runner?.stop();
    await close();
  });

  it('given a history applied as it happened, when the projection is rebuilt, then every table is equal row for row', async () => {
    runner = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection]);
    await runner.start();
    await recordHistory(store, 0, 12);
    await runner.caughtUp();
    await recordHistory(store, 12, 12);
    await runner.caughtUp();
    const incremental = await dump(store.sqlConnection, provenanceFactsProjection);
    expect(incremental.rm_deployments).toHaveLength(24);
    expect(incremental.rm_candidate_decisions).toHaveLength(24);

    const progress: number[] = [];
    const replayed = await runner.rebuild('provenance-facts', (applied) => progress.push(applied));

    expect(replayed).toBe((await store.readAll()).length);
    expect(progress.at(-1)).toBe(replayed);
    expect(await dump(store.sqlConnection, provenanceFactsProjection)).toEqual(incremental);
    const indexes = await store.sqlConnection.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()');
    const declared = provenanceFactsProjection.indexes.map((index) => /INDEX IF NOT EXISTS (\w+)/.exec(index)?.[1]);
    expect(declared.filter((name) => !indexes.some((row) => row.indexname === name))).toEqual([]);
  });

  it('given a rebuild in pages of 7 events, each written in two lanes at once (on a server; PGlite has one connection), then every table is equal row for row', async () => {
    runner = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection]);
    await runner.start();
    await recordHistory(store, 0, 16);
    await runner.caughtUp();
    const incremental = await dump(store.sqlConnection, provenanceFactsProjection);
    await runner.stop();

    const inLanes = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection], undefined, { events: 7, twoLanesFrom: 1 });
    const replayed = await inLanes.rebuild('provenance-facts');
    await inLanes.stop();

    expect(replayed).toBe((await store.readAll()).length);
    expect(await dump(store.sqlConnection, provenanceFactsProjection)).toEqual(incremental);
  });

  it('given a read model made before an index of it was retired, when a runner starts on it, then the retired index is gone', async () => {
    const first = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection]);
    await first.start();
    await first.stop();
    await store.sqlConnection.query('CREATE INDEX rm_builds_by_commit ON rm_builds (repository, sha)');

    runner = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection]);
    await runner.start();

    const indexes = await store.sqlConnection.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()');
    expect(indexes.map((row) => row.indexname)).not.toContain('rm_builds_by_commit');
    expect(indexes.map((row) => row.indexname)).toContain('rm_builds_by_sha_prefix');
  });

  it('given a batch that fails half way, then none of its rows stay, and a restart applies each event exactly once', async () => {
    let failOn: string | undefined = 'env-2';
    const flaky: Projection = {
      ...provenanceFactsProjection,
      name: 'flaky-facts',
      evolve: (event) => {
        if (failOn && (event.data as { environment?: string }).environment === failOn) throw new Error('disk full');
        return provenanceFactsProjection.evolve(event);
      },
    };
    await recordHistory(store, 0, 8);
    const failures: string[] = [];
    runner = new ProjectionRunner(store, followerContextOf(store, { log: { log: () => undefined, error: (message) => void failures.push(message) } }), [flaky]);
    await runner.start();
    // The follower reports a failed batch after its transaction has ended: only then is "no rows" a finding.
    await eventually(() => failures, (seen) => seen.some((message) => message.includes('disk full')), { what: 'the batch to fail', timeoutMs: 10_000 });
    const partial = await dump(store.sqlConnection, flaky);
    expect(partial.rm_deployments).toHaveLength(0);
    expect(partial.rm_commits).toHaveLength(0);

    failOn = undefined;
    await runner.caughtUp(10_000);
    const reference = new ProjectionRunner(store, followerContextOf(store), [provenanceFactsProjection]);
    await reference.rebuild('provenance-facts');
    await reference.stop();
    expect(await dump(store.sqlConnection, flaky)).toEqual(await dump(store.sqlConnection, provenanceFactsProjection));
    expect((await dump(store.sqlConnection, flaky)).rm_deployments).toHaveLength(8);
  });
}

forEachSqlStore('projection runner', runnerSuite);
