import { ConfigurationError, loadConfig } from './provenance-config';

describe('configuration', () => {
  it('given no variables, then the service runs embedded with its documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PROVENANCE_STORE: 'embedded',
      PROVENANCE_DATA_DIR: './.provenance',
      PROVENANCE_SCHEMA: 'provenance',
      PROVENANCE_MAX_EVENT_BYTES: 1048576,
      PORT: 3000,
      HOST: '127.0.0.1',
    });
  });

  it('given only DATABASE_URL, then the store is PostgreSQL; an explicit PROVENANCE_STORE wins', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/provenance';
    expect(loadConfig({ DATABASE_URL: url }).PROVENANCE_STORE).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: url, PROVENANCE_STORE: 'embedded' }).PROVENANCE_STORE).toBe('embedded');
  });

  it('given numbers as text, then they are read as numbers', () => {
    expect(loadConfig({ PORT: '8080', PROVENANCE_MAX_EVENT_BYTES: '2048' })).toMatchObject({
      PORT: 8080,
      PROVENANCE_MAX_EVENT_BYTES: 2048,
    });
  });

  it('given postgres without DATABASE_URL and a bad port, then every problem is named at once', () => {
    let error: unknown;
    try {
      loadConfig({ PROVENANCE_STORE: 'postgres', PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL must be a postgres:// URL (needed when PROVENANCE_STORE=postgres)',
        'PORT must be a port number',
      ]),
    );
  });

  it('given an unknown store, then the allowed values are named', () => {
    expect(() => loadConfig({ PROVENANCE_STORE: 'mongo' })).toThrow('PROVENANCE_STORE must be "embedded" or "postgres"');
  });
});
