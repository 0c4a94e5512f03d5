// Runs alone: a holder stopped with SIGSTOP keeps its transaction open, and every log read in the cluster waits for it.
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { createHash } from 'node:crypto';
import { ApiCluster } from './support/api-cluster';
import { kafkaBroker, uniqueKafkaEnv } from './support/kafka';
import { PACKAGE_GRAPH } from './support/pipeline-agents';

const FOLLOWERS = ['kafka-publisher', 'pipeline', 'pipeline-sagas', 'provenance-facts'];
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function commitAndBuild(n: number): { path: string; body: Record<string, unknown> }[] {
  const pkg = n % 2 ? 'katcore' : 'katconf';
  const version = `3.${n}`;
  const repository = `https://github.com/ska-sa/${pkg}`;
  const sha = sha1(`${pkg}==${version}`);
  const at = new Date(Date.UTC(2026, 10, 2) + n * 1000).toISOString().replace('.000Z', 'Z');
  return [
    { path: '/api/v1/commits', body: { repository, sha, parents: [], branch: 'master', author: 'ci', message: version, committedAt: at } },
    {
      path: '/api/v1/builds',
      body: { package: pkg, version, repository, sha, outcome: 'passed', artifact: { filename: `${pkg}-${version}.whl`, sha256: sha.padEnd(64, '0') }, builtAgainst: [], finishedAt: at },
    },
  ];
}

describeWithService(postgresServer(), 'a lease holder paused past its lease', (url) => {
  describeWithService(kafkaBroker(), 'with Kafka', (brokers) => {
    const schema = uniqueSchemaName('stale');
    let cluster: ApiCluster;
    beforeAll(async () => {
      cluster = await ApiCluster.start(
        2,
        { ...uniqueKafkaEnv(brokers), PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: schema, PROVENANCE_LEASE_TIMEOUT: '2s' },
        url,
        schema,
      );
    }, 120_000);
    afterAll(async () => {
      cluster?.members.forEach((member) => member.process.running && member.process.signal('SIGCONT'));
      await cluster?.stop();
      await dropSchema(url, schema);
    }, 60_000);

    it('given the holder is stopped with SIGSTOP while facts stream in, when the other took over and it is continued, then it writes nothing more', async () => {
      const [paused, other] = cluster.members;
      const before = await eventually(
        () => cluster.leases(),
        (leases) => FOLLOWERS.every((name) => leases.some((lease) => lease.name === name && lease.live && lease.pid === paused.process.pid)),
        { what: 'the first process to hold every lease' },
      );
      expect((await cluster.post('/api/v1/package-graph', PACKAGE_GRAPH)).status).toBe(201);
      let streaming = true;
      let n = 0;
      const writer = (async () => {
        while (streaming) for (const fact of commitAndBuild(n++)) await fetch(`http://127.0.0.1:${other.port}${fact.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fact.body) });
      })();
      await eventually(() => n, (count) => count > 20, { what: 'facts streaming in' });

      paused.process.signal('SIGSTOP');
      const after = await eventually(
        () => cluster.leases(),
        (leases) => FOLLOWERS.every((name) => leases.some((lease) => lease.name === name && lease.live && lease.pid === other.process.pid)),
        { what: 'the other process to take every lease' },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      paused.process.signal('SIGCONT');
      await eventually(() => paused.process.output, (output) => FOLLOWERS.every((name) => output.includes(`${name}: lost the lease`)), {
        what: 'the continued process to notice each lease is gone',
      });
      streaming = false;
      await writer;

      // A sentinel after everything: once every follower has applied it, nothing of the paused process's can still be on its way.
      const sentinel = await cluster.post('/api/v1/commits', commitAndBuild(n + 1)[0].body);
      expect(sentinel.status).toBe(201);
      const end = sentinel.body.events[0].position as string;
      await eventually(
        () => cluster.query<{ name: string; position: string | null }>('SELECT name, position FROM follower_checkpoints'),
        (rows) => FOLLOWERS.every((name) => (rows.find((row) => row.name === name)?.position ?? '') >= end),
        { what: 'every follower past the sentinel' },
      );

      for (const name of FOLLOWERS) {
        const old = before.find((lease) => lease.name === name)!;
        const taken = after.find((lease) => lease.name === name)!;
        expect(BigInt(taken.generation)).toBeGreaterThan(BigInt(old.generation));
        const late = await cluster.query(
          'SELECT seq FROM follower_journal WHERE name = $1 AND holder = $2 AND written_at >= $3::timestamptz',
          [name, old.holder, taken.acquiredAt],
        );
        expect({ name, late }).toEqual({ name, late: [] });
        const writesByNewHolder = await cluster.query('SELECT seq FROM follower_journal WHERE name = $1 AND generation >= $2::bigint', [name, taken.generation]);
        expect(writesByNewHolder.length).toBeGreaterThan(0);
      }
    }, 180_000);
  });
});
