import { createServer, Server } from 'node:net';
import { describeWithService, postgresServer } from '@provenance/testing';
import { ApiProcess, freePort } from './support/api-process';

/**
 * A newcomer's first hour: each mistake they are likely to make answers with one line that
 * names the setting and the fix, and an exit code a script can act on, never a stack trace.
 */
const NOTHING_CONFIGURED = { PROVENANCE_STORE: '', DATABASE_URL: '', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '', PROVENANCE_SAGAS: 'off' };

async function refusal(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const { code, output } = await new ApiProcess({ ...NOTHING_CONFIGURED, PORT: String(await freePort()), ...env }).startRefused();
  return { code, lines: output.split('\n').filter((line) => line.trim() !== '') };
}

describe('a first hour: starting the service wrong', () => {
  it('given PORT=abc, then exit 2 says once that PORT must be a port number', async () => {
    expect(await refusal({ PORT: 'abc', PROVENANCE_DATA_DIR: 'memory://' })).toEqual({
      code: 2,
      lines: ['invalid configuration:', '  - PORT must be a port number', 'See README.md, "Configuration".'],
    });
  });

  it('given a data directory nobody can create, then exit 2 names PROVENANCE_DATA_DIR and what to set it to', async () => {
    expect(await refusal({ PROVENANCE_DATA_DIR: '/proc/provenance-data' })).toEqual({
      code: 2,
      lines: [
        'release-provenance cannot start: PROVENANCE_DATA_DIR=/proc/provenance-data cannot hold the event log (ENOENT): set PROVENANCE_DATA_DIR to a directory this user may create and write, e.g. ./.provenance',
      ],
    });
  });

  describe('given the port is taken', () => {
    let taken: Server;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise((resolve) => taken.close(resolve)));

    it('then exit 2 names PORT before anything says it started', async () => {
      expect(await refusal({ PORT: String(port), PROVENANCE_DATA_DIR: 'memory://' })).toEqual({
        code: 2,
        lines: [`release-provenance cannot start: PORT=${port}: 127.0.0.1:${port} is already in use (another release-provenance, or another server); stop it, or set PORT to a free port`],
      });
    });
  });
});

describeWithService(postgresServer(), 'a first hour: pointing the service at PostgreSQL wrong', (url) => {
  const server = new URL(url);
  const at = (database: string, credentials = server.username) => `postgres://${credentials}@${server.host}/${database}`;

  it('given a database that does not exist, then exit 2 names DATABASE_URL, masks the password and says how to create it', async () => {
    const { code, lines } = await refusal({ DATABASE_URL: at('provenance_first_hour', `${server.username}:s3cret`) });
    expect(code).toBe(2);
    expect(lines).toEqual([
      `release-provenance cannot start: DATABASE_URL=postgres://${server.username}:****@${server.host}/provenance_first_hour: the database "provenance_first_hour" does not exist on ${server.hostname}:${server.port || 5432}; create it with: createdb -h ${server.hostname} -p ${server.port || 5432} -U ${server.username} provenance_first_hour`,
    ]);
  });

  it('given a user the server does not know, then exit 2 says to fix the user or password', async () => {
    const { code, lines } = await refusal({ DATABASE_URL: at(server.pathname.slice(1), 'provenance_nobody:pw') });
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^release-provenance cannot start: DATABASE_URL=postgres:\/\/provenance_nobody:\*\*\*\*@.*refused user "provenance_nobody": .*; fix the user or password in DATABASE_URL$/);
  });

  it('given a port no PostgreSQL listens on, then exit 2 says to start one or fix DATABASE_URL', async () => {
    const nobody = await freePort();
    const { code, lines } = await refusal({ DATABASE_URL: `postgres://${server.username}@127.0.0.1:${nobody}/x` });
    expect({ code, lines }).toEqual({
      code: 2,
      lines: [`release-provenance cannot start: DATABASE_URL=postgres://${server.username}@127.0.0.1:${nobody}/x: no PostgreSQL server answers at 127.0.0.1:${nobody} (ECONNREFUSED); start it, or point DATABASE_URL at one`],
    });
  });
});
