import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PIPELINE } from '@provenance/domain';
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

  it('given lease and readiness durations with their units, then they are read as milliseconds; a bare number names its variable', () => {
    expect(loadConfig({})).toMatchObject({ PROVENANCE_LEASE_TIMEOUT: 10_000, PROVENANCE_READY_MAX_LAG: 30_000 });
    expect(loadConfig({ PROVENANCE_LEASE_TIMEOUT: '2500ms', PROVENANCE_READY_MAX_LAG: '1m' })).toMatchObject({
      PROVENANCE_LEASE_TIMEOUT: 2_500,
      PROVENANCE_READY_MAX_LAG: 60_000,
    });
    expect(() => loadConfig({ PROVENANCE_LEASE_TIMEOUT: '10' })).toThrow('PROVENANCE_LEASE_TIMEOUT must be a duration with its unit, e.g. 10s or 2500ms');
    expect(() => loadConfig({ PROVENANCE_LEASE_TIMEOUT: '100ms' })).toThrow('PROVENANCE_LEASE_TIMEOUT must be at least 500ms');
  });

  it('given an unknown store, then the allowed values are named', () => {
    expect(() => loadConfig({ PROVENANCE_STORE: 'mongo' })).toThrow('PROVENANCE_STORE must be "embedded" or "postgres"');
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
