import { ApiProcess, freePort } from './support/api-process';

/**
 * Asked to keep its log on EventStoreDB, the service either reaches the server or says, in one
 * line with exit 2, which setting to fix; never a crash, never a hang. Needs no EventStoreDB:
 * the server here is a port nobody listens on.
 */
const ON_EVENTSTOREDB = { PROVENANCE_EVENT_STORE: 'eventstoredb', PROVENANCE_STORE: '', DATABASE_URL: '', PROVENANCE_DATA_DIR: 'memory://', KAFKA_BROKERS: '', PROVENANCE_TOKENS: '', PROVENANCE_SAGAS: 'off' };

async function refusal(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const { code, output } = await new ApiProcess({ ...ON_EVENTSTOREDB, PORT: String(await freePort()), ...env }).startRefused();
  return { code, lines: output.split('\n').filter((line) => line.trim() !== '') };
}

describe('starting on EventStoreDB', () => {
  it('given an EVENTSTORE_URL where no server answers, then exit 2 names EVENTSTORE_URL, the fix, and masks the password', async () => {
    const port = await freePort();

    const { code, lines } = await refusal({ EVENTSTORE_URL: `esdb://admin:hunter2@127.0.0.1:${port}?tls=false` });

    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^release-provenance cannot start: EVENTSTORE_URL=esdb://admin:\\*\\*\\*\\*@127\\.0\\.0\\.1:${port}\\?tls=false: no server answers`));
    expect(lines[0]).toContain('start EventStoreDB (docker compose -f deploy/docker-compose.eventstoredb.yml up -d), or point EVENTSTORE_URL at one');
    expect(lines[0]).not.toContain('hunter2');
  });

  it('given eventstoredb without EVENTSTORE_URL, then exit 2 says what is missing', async () => {
    expect(await refusal({ EVENTSTORE_URL: '' })).toEqual({
      code: 2,
      lines: [
        'invalid configuration:',
        '  - EVENTSTORE_URL must be an esdb:// or kurrentdb:// connection string, e.g. esdb://127.0.0.1:2113?tls=false (needed when PROVENANCE_EVENT_STORE=eventstoredb)',
        'See README.md, "Configuration".',
      ],
    });
  });
});
