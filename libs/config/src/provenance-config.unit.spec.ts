import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PIPELINE } from '@provenance/domain';
import { allowedHostsOf, corsOriginsOf } from './http-hosts';
import { ConfigurationError, loadConfig, readModelStoreOf } from './provenance-config';

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
        'DATABASE_URL must be a postgres:// URL (needed when PROVENANCE_EVENT_STORE=postgres)',
        'PORT must be a port number',
      ]),
    );
  });

  it('given lease and readiness durations with their units, then they are read as milliseconds; a bare number names its variable', () => {
    expect(loadConfig({})).toMatchObject({ PROVENANCE_LEASE_TIMEOUT: 10_000, PROVENANCE_READY_MAX_LAG: 30_000 });
    expect(loadConfig({ PROVENANCE_LEASE_TIMEOUT: '2500ms', PROVENANCE_READY_MAX_LAG: '1m' })).toMatchObject({
      PROVENANCE_LEASE_TIMEOUT: 2_500,
      PROVENANCE_READY_MAX_LAG: 60_000,
    });
    expect(() => loadConfig({ PROVENANCE_LEASE_TIMEOUT: '10' })).toThrow('PROVENANCE_LEASE_TIMEOUT must be a duration with its unit, e.g. 10s or 2500ms');
    expect(() => loadConfig({ PROVENANCE_LEASE_TIMEOUT: '100ms' })).toThrow('PROVENANCE_LEASE_TIMEOUT must be at least 500ms');
  });

  it('given no PROVENANCE_EMBEDDED_SYNC, then the embedded store syncs; off is allowed, anything else names the variable', () => {
    expect(loadConfig({}).PROVENANCE_EMBEDDED_SYNC).toBe('on');
    expect(loadConfig({ PROVENANCE_EMBEDDED_SYNC: 'off' }).PROVENANCE_EMBEDDED_SYNC).toBe('off');
    expect(() => loadConfig({ PROVENANCE_EMBEDDED_SYNC: 'false' })).toThrow('PROVENANCE_EMBEDDED_SYNC must be "on"');
  });

  it('given an unknown store, then the allowed values are named', () => {
    expect(() => loadConfig({ PROVENANCE_STORE: 'mongo' })).toThrow('PROVENANCE_EVENT_STORE must be "embedded", "postgres" or "eventstoredb"');
  });

  it('given the Kafka topic shape, then partitions and replication default to 3 and 1, and a bad value names its variable', () => {
    expect(loadConfig({})).toMatchObject({ KAFKA_TOPIC_PARTITIONS: 3, KAFKA_REPLICATION_FACTOR: 1 });
    expect(loadConfig({ KAFKA_TOPIC_PARTITIONS: '12', KAFKA_REPLICATION_FACTOR: '3' })).toMatchObject({ KAFKA_TOPIC_PARTITIONS: 12, KAFKA_REPLICATION_FACTOR: 3 });
    let problems: string[] = [];
    try {
      loadConfig({ KAFKA_TOPIC_PARTITIONS: '0', KAFKA_REPLICATION_FACTOR: 'two' });
    } catch (error) {
      problems = (error as ConfigurationError).problems;
    }
    expect(problems).toEqual(expect.arrayContaining(['KAFKA_TOPIC_PARTITIONS must be at least 1', 'KAFKA_REPLICATION_FACTOR must be a whole number of replicas']));
  });
});

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
};

describe('tokens and hosts that cannot shadow', () => {
  const hex = (digit: string) => digit.repeat(64);
  const tokens = (...entries: object[]) => ({ PROVENANCE_TOKENS: JSON.stringify(entries) });

  it('given two entries with one sha256, then start-up refuses naming both (the first would shadow the second)', () => {
    const problems = problemsOf(tokens({ name: 'jenkins', roles: ['agent'], sha256: hex('a') }, { name: 'root', roles: ['admin'], sha256: hex('a') }));
    expect(problems).toEqual(['PROVENANCE_TOKENS[1] (root) has the same sha256 as PROVENANCE_TOKENS[0] (jenkins): one token would act as both']);
  });

  it('given two entries with one name, then start-up refuses naming both', () => {
    const problems = problemsOf(tokens({ name: 'jenkins', roles: ['agent'], sha256: hex('a') }, { name: 'jenkins', roles: ['admin'], sha256: hex('b') }));
    expect(problems).toEqual(['PROVENANCE_TOKENS[1] has the name of PROVENANCE_TOKENS[0] (jenkins): the log could not tell their actions apart']);
  });

  it('given an unknown field such as a plaintext token, then start-up refuses naming the entry and the field, never its value', () => {
    const problems = problemsOf(tokens({ name: 'jenkins', roles: ['agent'], sha256: hex('a'), token: 'hunter2' }));
    expect(problems).toEqual([
      'PROVENANCE_TOKENS[0] (jenkins) has an unknown field "token" (known: name, roles, sha256); configure the SHA-256 of a token, never the token itself',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('given distinct entries, then every one is kept', () => {
    expect(() => loadConfig(tokens({ name: 'jenkins', roles: ['agent'], sha256: hex('a') }, { name: 'root', roles: ['admin'], sha256: hex('b') }))).not.toThrow();
  });

  it('given HOST with whitespace, then the problem names HOST', () => {
    expect(problemsOf({ HOST: '0.0.0.0 ' })).toEqual(['HOST must be an address or host name without whitespace, e.g. 127.0.0.1 or 0.0.0.0']);
  });

  it('given no PROVENANCE_ALLOWED_HOSTS, then the local names are allowed; a list or * replaces them', () => {
    expect(allowedHostsOf(loadConfig({}))).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(allowedHostsOf(loadConfig({ HOST: '10.0.0.5' }))).toEqual(['localhost', '127.0.0.1', '[::1]', '10.0.0.5']);
    expect(allowedHostsOf(loadConfig({ PROVENANCE_ALLOWED_HOSTS: 'Provenance.example.org, 10.0.0.5:3000' }))).toEqual(['provenance.example.org', '10.0.0.5:3000']);
    expect(allowedHostsOf(loadConfig({ PROVENANCE_ALLOWED_HOSTS: '*' }))).toEqual(['*']);
    expect(problemsOf({ PROVENANCE_ALLOWED_HOSTS: 'https://provenance.example.org/' })).toEqual([
      'PROVENANCE_ALLOWED_HOSTS must be comma-separated host names (name or name:port, [::1] for IPv6), or * to accept any Host; "https://provenance.example.org/" is not one',
    ]);
  });

  it('given HOST=0.0.0.0 with tokens but no PROVENANCE_ALLOWED_HOSTS, then start-up asks for the names clients use', () => {
    const env = { HOST: '0.0.0.0', ...tokens({ name: 'jenkins', roles: ['agent'], sha256: hex('a') }) };
    expect(problemsOf(env)).toEqual([
      'HOST=0.0.0.0 takes connections from other hosts: set PROVENANCE_ALLOWED_HOSTS to the host names clients use to reach this server (or * to accept any Host, a conscious choice)',
    ]);
    expect(problemsOf({ ...env, PROVENANCE_ALLOWED_HOSTS: 'provenance.example.org' })).toEqual([]);
  });

  it('given PROVENANCE_CORS_ORIGINS, then only explicit origins are accepted', () => {
    expect(corsOriginsOf(loadConfig({}))).toEqual([]);
    expect(corsOriginsOf(loadConfig({ PROVENANCE_CORS_ORIGINS: 'https://dashboard.example.org, http://localhost:5173' }))).toEqual([
      'https://dashboard.example.org',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'dashboard.example.org', 'https://dashboard.example.org/app']) {
      expect(problemsOf({ PROVENANCE_CORS_ORIGINS: bad })).toEqual([
        `PROVENANCE_CORS_ORIGINS must be comma-separated origins (scheme://host[:port], no path), e.g. https://dashboard.example.org; "${bad}" is not one`,
      ]);
    }
  });
});

describe('the pipeline definition', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given the shipped deploy/pipeline.yaml, then it is the paper pipeline', () => {
    expect(loadConfig({}).pipeline).toEqual(DEFAULT_PIPELINE);
  });

  it('given a file with other environments and durations, then they are read, the rest defaulted', () => {
    const path = file('lab.yaml', 'verificationEnvironments: [lab-aqf]\nproductionEnvironments: [karoo]\nstageTimeouts:\n  aqf-run: 90m\n');
    expect(loadConfig({ PROVENANCE_PIPELINE: path }).pipeline).toEqual({
      ...DEFAULT_PIPELINE,
      verificationEnvironments: ['lab-aqf'],
      productionEnvironments: ['karoo'],
      stageTimeouts: { ...DEFAULT_PIPELINE.stageTimeouts, 'aqf-run': 5400 },
    });
  });

  it('given a broken file, then start-up names the file, each field and what it expects', () => {
    const path = file('bad.yaml', 'leafPackages: []\nproductionEnvironments: [aqf-1]\nstageTimeouts:\n  pinning: soon\n  bake: 1h\ncolour: blue\n');
    let problems: string[] = [];
    try {
      loadConfig({ PROVENANCE_PIPELINE: path });
    } catch (error) {
      problems = (error as ConfigurationError).problems;
    }
    expect(problems).toEqual([
      `PROVENANCE_PIPELINE (${path}) colour: unknown setting (known: leafPackages, verificationEnvironments, productionEnvironments, stageTimeouts)`,
      `PROVENANCE_PIPELINE (${path}) leafPackages: must be a non-empty list of names`,
      `PROVENANCE_PIPELINE (${path}) productionEnvironments: aqf-1 cannot also be a verification environment`,
      `PROVENANCE_PIPELINE (${path}) stageTimeouts.pinning: "soon" is not a duration such as 90s, 30m or 2h`,
      `PROVENANCE_PIPELINE (${path}) stageTimeouts.bake: unknown stage (known: package-build, pinning, candidate-build, aqf-run)`,
    ]);
  });

  it('given a path with no file, then start-up says so', () => {
    expect(() => loadConfig({ PROVENANCE_PIPELINE: join(dir, 'missing.yaml') })).toThrow('PROVENANCE_PIPELINE: no file at');
  });
});

describe('limits on the work of one request', () => {
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigurationError).problems;
    }
  };

  it('given no variables, then the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PROVENANCE_MAX_JSON_DEPTH: 64,
      PROVENANCE_MAX_PINNED_LINES: 5_000,
      PROVENANCE_MAX_PINNED_EXPANDED_BYTES: 1_048_576,
      PROVENANCE_MAX_PAGE_BYTES: 4_194_304,
      PROVENANCE_MAX_PAGE_SCAN: 10_000,
      PROVENANCE_MAX_LONG_POLLS: 32,
      PROVENANCE_REQUEST_TIMEOUT: 30_000,
      PROVENANCE_HEADERS_TIMEOUT: 10_000,
      PROVENANCE_MAX_CONNECTIONS: 1_024,
    });
  });

  it('given values, then numbers are read as numbers and timeouts as durations with their units', () => {
    const env = {
      PROVENANCE_MAX_JSON_DEPTH: '32',
      PROVENANCE_MAX_PINNED_LINES: '100',
      PROVENANCE_MAX_PINNED_EXPANDED_BYTES: '65536',
      PROVENANCE_MAX_PAGE_BYTES: '1048576',
      PROVENANCE_MAX_LONG_POLLS: '4',
      PROVENANCE_REQUEST_TIMEOUT: '2m',
      PROVENANCE_HEADERS_TIMEOUT: '1500ms',
      PROVENANCE_MAX_CONNECTIONS: '64',
    };
    expect(loadConfig(env)).toMatchObject({
      PROVENANCE_MAX_JSON_DEPTH: 32,
      PROVENANCE_MAX_PINNED_LINES: 100,
      PROVENANCE_MAX_PINNED_EXPANDED_BYTES: 65_536,
      PROVENANCE_MAX_PAGE_BYTES: 1_048_576,
      PROVENANCE_MAX_LONG_POLLS: 4,
      PROVENANCE_REQUEST_TIMEOUT: 120_000,
      PROVENANCE_HEADERS_TIMEOUT: 1_500,
      PROVENANCE_MAX_CONNECTIONS: 64,
    });
  });

  it('given bad values, then each problem names its variable', () => {
    expect(
      problems({
        PROVENANCE_MAX_JSON_DEPTH: '1000',
        PROVENANCE_MAX_PINNED_LINES: 'many',
        PROVENANCE_MAX_PINNED_EXPANDED_BYTES: '10',
        PROVENANCE_MAX_PAGE_BYTES: '1.5',
        PROVENANCE_MAX_LONG_POLLS: '0',
        PROVENANCE_REQUEST_TIMEOUT: '30',
        PROVENANCE_MAX_CONNECTIONS: '0',
      }),
    ).toEqual(
      expect.arrayContaining([
        'PROVENANCE_MAX_JSON_DEPTH must be at most 256',
        'PROVENANCE_MAX_PINNED_LINES must be a whole number of lines',
        'PROVENANCE_MAX_PINNED_EXPANDED_BYTES must be at least 1024',
        'PROVENANCE_MAX_PAGE_BYTES must be a whole number of bytes',
        'PROVENANCE_MAX_LONG_POLLS must be at least 1',
        'PROVENANCE_REQUEST_TIMEOUT must be a duration with its unit, e.g. 30s or 2m',
        'PROVENANCE_MAX_CONNECTIONS must be at least 1',
      ]),
    );
  });

  it('given a headers timeout longer than the request timeout, then start-up names both', () => {
    expect(problems({ PROVENANCE_REQUEST_TIMEOUT: '5s', PROVENANCE_HEADERS_TIMEOUT: '10s' })).toEqual([
      'PROVENANCE_HEADERS_TIMEOUT must not be longer than PROVENANCE_REQUEST_TIMEOUT',
    ]);
    expect(problems({ PROVENANCE_REQUEST_TIMEOUT: '5s', PROVENANCE_HEADERS_TIMEOUT: '5s' })).toEqual([]);
  });

  describe('EventStoreDB as the log', () => {
    const esdb = 'esdb://127.0.0.1:2113?tls=false';

    it('given PROVENANCE_EVENT_STORE=eventstoredb and EVENTSTORE_URL, then the log is there and read models in PGlite, or in DATABASE_URL when set', () => {
      const embedded = loadConfig({ PROVENANCE_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb });
      expect(embedded).toMatchObject({ PROVENANCE_STORE: 'eventstoredb', EVENTSTORE_URL: esdb });
      expect(readModelStoreOf(embedded)).toBe('embedded');
      const withPostgres = loadConfig({ PROVENANCE_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'kurrentdb://node:2113', DATABASE_URL: 'postgres://u@h/db' });
      expect(withPostgres.PROVENANCE_STORE).toBe('eventstoredb');
      expect(readModelStoreOf(withPostgres)).toBe('postgres');
    });

    it('given eventstoredb without EVENTSTORE_URL, then the problem names the variable, an example and why it is needed', () => {
      expect(() => loadConfig({ PROVENANCE_EVENT_STORE: 'eventstoredb' })).toThrow(
        'EVENTSTORE_URL must be an esdb:// or kurrentdb:// connection string, e.g. esdb://127.0.0.1:2113?tls=false (needed when PROVENANCE_EVENT_STORE=eventstoredb)',
      );
      expect(() => loadConfig({ PROVENANCE_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://127.0.0.1:2113' })).toThrow('EVENTSTORE_URL must be');
    });

    it('given only EVENTSTORE_URL, then the default stays as documented: postgres with DATABASE_URL, else embedded', () => {
      expect(loadConfig({ EVENTSTORE_URL: esdb }).PROVENANCE_STORE).toBe('embedded');
      expect(loadConfig({ EVENTSTORE_URL: esdb, DATABASE_URL: 'postgres://u@h/db' }).PROVENANCE_STORE).toBe('postgres');
    });

    it('given the older name PROVENANCE_STORE, then it still works, and disagreeing with PROVENANCE_EVENT_STORE is a problem', () => {
      expect(loadConfig({ PROVENANCE_STORE: 'eventstoredb', EVENTSTORE_URL: esdb }).PROVENANCE_STORE).toBe('eventstoredb');
      expect(() => loadConfig({ PROVENANCE_STORE: 'postgres', PROVENANCE_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: esdb })).toThrow(
        'PROVENANCE_EVENT_STORE=eventstoredb and PROVENANCE_STORE=postgres disagree',
      );
    });
  });
});
