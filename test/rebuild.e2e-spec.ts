import { Client } from 'pg';
import { SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { describeWithService, eventually, postgresServer } from '@provenance/testing';
import { Backend, postgres } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { katcompCommit, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const REBUILD = '/api/v1/admin/projections/provenance-facts/rebuild';
const lastLine = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!);

forEachBackend('a rebuild while another runs', (backend: Backend) => {
  const api = useApi(backend);
  const http = api.http;

  it('given a rebuild claimed by another process, when one is asked for here, then 409 with its progress; once it is over, a rebuild runs', async () => {
    for (const seed of ['a7', 'a8', 'a9']) await http().post('/api/v1/commits').send({ ...katcompCommit, sha: sha(seed) }).expect(201);
    await http().get('/api/v1/environments').expect(200);
    const sql = api.app().get<SqlConnection>(SQL_CONNECTION);
    await sql.query(`UPDATE follower_checkpoints SET rebuilding_since = clock_timestamp() WHERE name = 'provenance-facts'`);

    const refused = await http().post(REBUILD).expect(409);

    expect(refused.body.message).toMatch(/^provenance-facts is already being rebuilt \(since \S+; 3 of 3 events applied\); follow it with GET \/api\/v1\/admin\/followers$/);
    expect(refused.body.progress).toEqual({ since: expect.any(String), applied: 3, total: 3 });
    await sql.query(`UPDATE follower_checkpoints SET rebuilding_since = NULL WHERE name = 'provenance-facts'`);
    const rebuilt = await http().post(REBUILD).expect(200);
    expect(lastLine(rebuilt.text)).toEqual({ done: true, applied: 3 });
  });
});

describeWithService(postgresServer(), 'two rebuilds at once (postgres)', (url) => {
  const api = useApi(postgres(url));
  const http = api.http;

  it('given a rebuild held up by a lock on its table, when a second is asked for, then the second is 409 with the first one\'s progress and the first completes', async () => {
    await http().post('/api/v1/commits').send(katcompCommit).expect(201);
    await http().get('/api/v1/environments').expect(200);
    const sql = api.app().get<SqlConnection>(SQL_CONNECTION);
    const locker = new Client({ connectionString: url, options: `-c search_path=${api.env().PROVENANCE_SCHEMA}` });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE rm_commits IN ACCESS EXCLUSIVE MODE');
      const first = http().post(REBUILD).then((response) => response);
      await eventually(
        () => sql.query<{ rebuilding: boolean }>(`SELECT rebuilding_since IS NOT NULL AS rebuilding FROM follower_checkpoints WHERE name = 'provenance-facts'`),
        ([row]) => row?.rebuilding === true,
        { what: 'the first rebuild to claim the read model' },
      );

      const second = await http().post(REBUILD);

      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ error: 'rebuild-in-progress', progress: { applied: 1, total: 1 } });
      await locker.query('COMMIT');
      const done = await first;
      expect(done.status).toBe(200);
      expect(lastLine(done.text)).toEqual({ done: true, applied: 1 });
    } finally {
      await locker.end();
    }
  });
});
