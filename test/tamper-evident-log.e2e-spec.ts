import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { newSigningKey } from '@provenance/signing';
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName, waitBudget } from '@provenance/testing';
import { leafHash, nodeKey, TreeFrontier } from '@provenance/transparency';
import { ApiProcess, freePort } from './support/api-process';

const ROOT = join(__dirname, '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The tamper-evident log on PostgreSQL, as an auditor meets it: one API process (killed -9 once
 * and started again), the CLI's `log verify`, `log prove` and `log watch`, and someone with
 * database access editing the rows. Each edit is undone before the next, except the last.
 */
describeWithService(postgresServer(), 'the tamper-evident log on PostgreSQL', (databaseUrl) => {
  const schema = uniqueSchemaName('tamper');
  const work = mkdtempSync(join(tmpdir(), 'provenance-log-'));
  const keyFile = join(work, 'log-key.pem');
  let api: ApiProcess;
  let env: Record<string, string>;
  let db: Client;
  const ids: { streamId: string; eventId: string }[] = [];

  const provenance = (args: string[], extra: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env, ...extra } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  const get = async (path: string) => (await fetch(`${env.PROVENANCE_URL}/${path}`)).text();
  const newApi = async () => {
    api = new ApiProcess({
      PORT: env.PORT,
      PROVENANCE_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      PROVENANCE_SCHEMA: schema,
      PROVENANCE_LOG_KEY: keyFile,
      PROVENANCE_CHECKPOINT_INTERVAL: '200ms',
      PROVENANCE_LEASE_TIMEOUT: '1s',
      PROVENANCE_SAGAS: 'off',
      KAFKA_BROKERS: '',
      PROVENANCE_TOKENS: '',
    });
    await api.start();
  };
  const record = async (n: number) => {
    const sha = n.toString(16).padStart(40, '0');
    const response = await fetch(`${env.PROVENANCE_URL}/api/v1/commits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repository: 'https://github.com/ska-sa/katcomp', sha, parents: [], author: 'a', message: `commit ${n}`, committedAt: '2026-01-01T00:00:00Z' }),
    });
    const body = (await response.json()) as { events: { streamId: string; eventId: string }[] };
    ids.push(...body.events);
  };
  const signedSize = async () => Number((await get('api/v1/log/checkpoint')).split('\n')[1]);
  const signedUpTo = (size: number, timeoutMs?: number) =>
    eventually(signedSize, (signed) => signed === size, { what: `a checkpoint of ${size} leaves`, timeoutMs });

  beforeAll(async () => {
    writeFileSync(keyFile, newSigningKey().pem, { mode: 0o600 });
    const port = await freePort();
    env = { PORT: String(port), PROVENANCE_URL: `http://127.0.0.1:${port}`, DATABASE_URL: databaseUrl, PROVENANCE_SCHEMA: schema, PROVENANCE_BACKOFF_MS: '5' };
    await newApi();
    db = new Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.end();
    await dropSchema(databaseUrl, schema);
    rmSync(work, { recursive: true, force: true });
  });

  it('given an untouched log, a kill -9 of the notarising process and a restart, then verify, prove and watch find nothing wrong', async () => {
    const timeLeft = waitBudget(60_000);
    for (let n = 0; n < 12; n++) await record(n);
    await signedUpTo(12, timeLeft());
    writeFileSync(join(work, 'saved.txt'), await get('api/v1/log/checkpoint'));
    const first = await provenance(['log', 'watch', '--once', '--state', join(work, 'witness.json')]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toContain("trusting the server's key");

    process.kill(api.pid, 'SIGKILL');
    await newApi();
    for (let n = 12; n < 17; n++) await record(n);
    await signedUpTo(17, timeLeft());

    const verified = await provenance(['log', 'verify', '--from-checkpoint', join(work, 'saved.txt')]);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('read 17 leaves');
    expect(verified.stdout).toContain('the log is intact');
    expect(await provenance(['log', 'verify', '--database'])).toMatchObject({ code: 0 });
    const proved = await provenance(['log', 'prove', ids[3].eventId]);
    expect(proved).toMatchObject({ code: 0 });
    expect(proved.stdout).toContain(`is leaf 3 of the signed tree of 17 leaves: verified`);
    const watched = await provenance(['log', 'watch', '--once', '--state', join(work, 'witness.json')]);
    expect(watched).toMatchObject({ code: 0 });
    expect(watched.stdout).toContain('checkpoint 17 extends checkpoint 12: consistent');
  }, 120_000);

  describe('given someone with database access', () => {
    beforeAll(async () => {
      await db.query('CREATE TABLE events_backup AS SELECT * FROM events');
    });
    const restore = async () => {
      await db.query('UPDATE events e SET data = b.data FROM events_backup b WHERE e.stream_id = b.stream_id AND e.revision = b.revision');
      await db.query(`INSERT INTO events OVERRIDING SYSTEM VALUE SELECT * FROM events_backup b
                       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = b.stream_id AND e.revision = b.revision)`);
    };
    const expectCaught = async (named: string) => {
      for (const args of [['log', 'verify'], ['log', 'verify', '--database']]) {
        const run = await provenance(args);
        expect({ args, code: run.code }).toEqual({ args, code: 1 });
        expect(run.stdout + run.stderr).toContain(named);
      }
    };

    it("when one event's data is updated, then verify names that event", async () => {
      await db.query(`UPDATE events SET data = jsonb_set(data, '{message}', '"an edited message"') WHERE stream_id = $1`, [ids[5].streamId]);
      await expectCaught(`the event no longer matches its hash (stream ${ids[5].streamId}, revision 0, event ${ids[5].eventId})`);
      await restore();
      expect((await provenance(['log', 'verify'])).code).toBe(0);
    }, 60_000);

    it('when one row is deleted, then verify names the event that is gone', async () => {
      await db.query('DELETE FROM events WHERE stream_id = $1', [ids[7].streamId]);
      await expectCaught(`leaf 7: the event is gone from the log (stream ${ids[7].streamId}, revision 0, event ${ids[7].eventId})`);
      await restore();
    }, 60_000);

    it("when two rows' data are swapped, then verify names the first of them", async () => {
      await db.query(
        `UPDATE events e SET data = o.data FROM events_backup o
          WHERE (e.stream_id, o.stream_id) IN (($1, $2), ($2, $1))`,
        [ids[2].streamId, ids[9].streamId],
      );
      await expectCaught(`leaf 2: the event no longer matches its hash (stream ${ids[2].streamId}`);
      await restore();
    }, 60_000);

    it('when an event is edited and the tree tables rewritten to match, then verify names the checkpoints, and a witness holding an older one sees the rewrite', async () => {
      await db.query(`UPDATE events SET data = jsonb_set(data, '{message}', '"rewritten"') WHERE stream_id = $1`, [ids[4].streamId]);
      const { leaves } = JSON.parse(await get('api/v1/log/leaves?start=0&end=17')) as { leaves: { index: number; leaf: string }[] };
      const frontier = TreeFrontier.empty();
      const nodes = leaves.flatMap((leaf) => frontier.append(leafHash(Buffer.from(leaf.leaf, 'utf8'))));
      await db.query(`UPDATE tree_leaves SET leaf_hash = decode($2, 'hex') WHERE leaf_index = $1`, [4, nodes.find((node) => nodeKey(node) === '0:4')!.hash.toString('hex')]);
      await db.query('DELETE FROM tree_nodes');
      for (const node of nodes.filter((one) => one.level > 0)) {
        await db.query(`INSERT INTO tree_nodes (level, node_index, hash) VALUES ($1, $2, decode($3, 'hex'))`, [node.level, node.index, node.hash.toString('hex')]);
      }

      await expectCaught('checkpoint 12 does not match the tree rebuilt from the log');
      const saved = await provenance(['log', 'verify', '--from-checkpoint', join(work, 'saved.txt')]);
      expect(saved.stdout + saved.stderr).toContain('the saved checkpoint (size 12) does not match');

      await record(100);
      await signedUpTo(18);
      const watched = await provenance(['log', 'watch', '--once', '--state', join(work, 'witness.json')]);
      expect(watched.code).toBe(1);
      expect(watched.stderr).toContain('checkpoint 18 does not extend checkpoint 17');
    }, 90_000);
  });
});
