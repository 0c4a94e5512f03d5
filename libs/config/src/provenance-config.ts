import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_PIPELINE, PipelineDefinition, pipelineDefinitionOf } from '@provenance/domain';
import { hostProblems } from './http-hosts';

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** A variable read as a number; unset, the field keeps its default. */
const AsNumber = () => Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value)));

/** A variable read as a duration with its unit (see durationMs), in milliseconds; unset, the field keeps its default. */
const AsDuration = () => Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : durationMs(value)));

/**
 * Every setting the service reads, from environment variables, validated once at boot.
 * A bad value stops the process with a message naming the variable and what it expects.
 */
export class ProvenanceConfig {
  /**
   * Where the event log lives: `embedded` (PGlite in this process), `postgres` or `eventstoredb`;
   * default `postgres` when DATABASE_URL is set. Read from PROVENANCE_EVENT_STORE, or from its
   * older name PROVENANCE_STORE.
   */
  @IsIn(['embedded', 'postgres', 'eventstoredb'], { message: 'PROVENANCE_EVENT_STORE must be "embedded", "postgres" or "eventstoredb"' })
  PROVENANCE_STORE: 'embedded' | 'postgres' | 'eventstoredb' = 'embedded';

  /**
   * The PostgreSQL server, e.g. postgres://user@127.0.0.1:5432/provenance. Required with
   * PROVENANCE_EVENT_STORE=postgres; with `eventstoredb` it holds the read models, leases and checkpoints.
   */
  @ValidateIf((config: ProvenanceConfig) => config.PROVENANCE_STORE === 'postgres' || config.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL (needed when PROVENANCE_EVENT_STORE=postgres)' })
  DATABASE_URL?: string;

  /** The EventStoreDB (or KurrentDB) server, e.g. esdb://127.0.0.1:2113?tls=false. Required with PROVENANCE_EVENT_STORE=eventstoredb. */
  @ValidateIf((config: ProvenanceConfig) => config.PROVENANCE_STORE === 'eventstoredb' || config.EVENTSTORE_URL !== undefined)
  @Matches(/^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/.+/i, {
    message: 'EVENTSTORE_URL must be an esdb:// or kurrentdb:// connection string, e.g. esdb://127.0.0.1:2113?tls=false (needed when PROVENANCE_EVENT_STORE=eventstoredb)',
  })
  EVENTSTORE_URL?: string;

  /** `info` (the default): what the service says about itself; `debug` adds Nest's own start-up lines and debug messages. */
  @IsIn(['info', 'debug'], { message: 'PROVENANCE_LOG_LEVEL must be "info" or "debug"' })
  PROVENANCE_LOG_LEVEL: 'info' | 'debug' = 'info';

  /** The embedded store's directory, or `memory://` for a log that dies with the process. */
  @IsString()
  PROVENANCE_DATA_DIR = './.provenance';

  /**
   * `on`: the embedded store acknowledges a fact only once it is on disk (fsynced). `off` trades
   * that for speed: a power cut or OS crash can lose acknowledged facts; printed at start-up.
   */
  @IsIn(['on', 'off'], { message: 'PROVENANCE_EMBEDDED_SYNC must be "on" (the default: a fact is on disk before it is acknowledged) or "off"' })
  PROVENANCE_EMBEDDED_SYNC: 'on' | 'off' = 'on';

  /** The PostgreSQL schema holding the log. */
  @Matches(/^[a-z_][a-z0-9_]{0,39}$/, { message: 'PROVENANCE_SCHEMA must be 1-40 characters of a-z, 0-9 and _' })
  PROVENANCE_SCHEMA = 'provenance';

  /** Largest serialised event accepted, in bytes. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_EVENT_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'PROVENANCE_MAX_EVENT_BYTES must be at least 1024' })
  @Max(64 * 1024 * 1024, { message: 'PROVENANCE_MAX_EVENT_BYTES must be at most 67108864 (64 MiB)' })
  PROVENANCE_MAX_EVENT_BYTES = 1024 * 1024;

  @AsNumber()
  @IsInt({ message: 'PORT must be a port number' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT = 3000;

  /** The address the HTTP API listens on; 0.0.0.0 to accept connections from other hosts (needs PROVENANCE_TOKENS). */
  @Matches(/^\S+$/, { message: 'HOST must be an address or host name without whitespace, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST = '127.0.0.1';

  /**
   * The `Host` values requests may carry, comma-separated (`name` for any port, `name:port`, `*`
   * for any); default the local names (see http-hosts.ts). Refusing others stops DNS rebinding.
   */
  @IsOptional()
  @IsString()
  PROVENANCE_ALLOWED_HOSTS?: string;

  /** Origins (scheme://host[:port]) whose pages may call the API: CORS for them only; off by default. */
  @IsOptional()
  @IsString()
  PROVENANCE_CORS_ORIGINS?: string;

  /** Largest request body accepted, in bytes; larger ones are answered 413. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_BODY_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'PROVENANCE_MAX_BODY_BYTES must be at least 1024' })
  PROVENANCE_MAX_BODY_BYTES = 1024 * 1024;

  /** Deepest nesting of arrays and objects in a JSON body; deeper ones are answered 400 before they are parsed. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_JSON_DEPTH must be a whole number of levels' })
  @Min(2, { message: 'PROVENANCE_MAX_JSON_DEPTH must be at least 2' })
  @Max(256, { message: 'PROVENANCE_MAX_JSON_DEPTH must be at most 256' })
  PROVENANCE_MAX_JSON_DEPTH = 64;

  /** Most lines a pinned set's requirements text may have; more are answered 413 before parsing. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_PINNED_LINES must be a whole number of lines' })
  @Min(1, { message: 'PROVENANCE_MAX_PINNED_LINES must be at least 1' })
  PROVENANCE_MAX_PINNED_LINES = 5_000;

  /**
   * Largest a pinned set may grow to as an event, estimated before parsing from its text (its
   * bytes plus 128 per line, what a line's JSON around it costs); larger ones are answered 413.
   */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_PINNED_EXPANDED_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'PROVENANCE_MAX_PINNED_EXPANDED_BYTES must be at least 1024' })
  PROVENANCE_MAX_PINNED_EXPANDED_BYTES = 1024 * 1024;

  /** Most bytes of events in one page of the log or a stream (at least one event is always sent); `next` says where to go on. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_PAGE_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'PROVENANCE_MAX_PAGE_BYTES must be at least 1024' })
  PROVENANCE_MAX_PAGE_BYTES = 4 * 1024 * 1024;

  /** Most events a filtered page of the log (`streamPrefix`, `type`) reads past before it answers with what it found and a `next`. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_PAGE_SCAN must be a whole number of events' })
  @Min(1, { message: 'PROVENANCE_MAX_PAGE_SCAN must be at least 1' })
  PROVENANCE_MAX_PAGE_SCAN = 10_000;

  /** Long-polls (`wait` > 0) one caller may have open at once; more are answered 429. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_LONG_POLLS must be a whole number of requests' })
  @Min(1, { message: 'PROVENANCE_MAX_LONG_POLLS must be at least 1' })
  PROVENANCE_MAX_LONG_POLLS = 32;

  /** How long a client may take to send a whole request (headers and body); slower ones are answered 408 and closed. */
  @AsDuration()
  @IsInt({ message: 'PROVENANCE_REQUEST_TIMEOUT must be a duration with its unit, e.g. 30s or 2m' })
  @Min(1_000, { message: 'PROVENANCE_REQUEST_TIMEOUT must be at least 1s' })
  @Max(600_000, { message: 'PROVENANCE_REQUEST_TIMEOUT must be at most 10m' })
  PROVENANCE_REQUEST_TIMEOUT = 30_000;

  /** How long a client may take to send a request's headers; at most PROVENANCE_REQUEST_TIMEOUT. */
  @AsDuration()
  @IsInt({ message: 'PROVENANCE_HEADERS_TIMEOUT must be a duration with its unit, e.g. 10s or 500ms' })
  @Min(1_000, { message: 'PROVENANCE_HEADERS_TIMEOUT must be at least 1s' })
  @NotLongerThan('PROVENANCE_REQUEST_TIMEOUT')
  PROVENANCE_HEADERS_TIMEOUT = 10_000;

  /** Connections the HTTP server holds at once; further ones are closed as they arrive. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_MAX_CONNECTIONS must be a whole number of connections' })
  @Min(1, { message: 'PROVENANCE_MAX_CONNECTIONS must be at least 1' })
  PROVENANCE_MAX_CONNECTIONS = 1_024;

  /** The pipeline definition file (YAML); see deploy/pipeline.yaml. */
  @IsOptional()
  @IsString()
  PROVENANCE_PIPELINE?: string;

  /**
   * `on`: this process drives the pipeline (its sagas follow the log and request the next
   * stage). Run them in one process per database; a second is harmless but does the work twice.
   */
  @IsIn(['on', 'off'], { message: 'PROVENANCE_SAGAS must be "on" or "off"' })
  PROVENANCE_SAGAS: 'on' | 'off' = 'on';

  /** How often the sagas look for stages past their deadline, in milliseconds. */
  @AsNumber()
  @IsInt({ message: 'PROVENANCE_DEADLINE_CHECK_MS must be a whole number of milliseconds' })
  @Min(100, { message: 'PROVENANCE_DEADLINE_CHECK_MS must be at least 100' })
  PROVENANCE_DEADLINE_CHECK_MS = 30_000;

  /**
   * How long a follower's lease (read models, sagas, the Kafka publisher, the deadline watch)
   * lasts unrenewed: when its holder dies, another process takes the work over after this.
   */
  @AsDuration()
  @IsInt({ message: 'PROVENANCE_LEASE_TIMEOUT must be a duration with its unit, e.g. 10s or 2500ms' })
  @Min(500, { message: 'PROVENANCE_LEASE_TIMEOUT must be at least 500ms' })
  @Max(600_000, { message: 'PROVENANCE_LEASE_TIMEOUT must be at most 10m' })
  PROVENANCE_LEASE_TIMEOUT = 10_000;

  /** /health/ready says not ready while a read model has left an event unapplied for longer than this. */
  /**
   * The Ed25519 private key (PEM file) that signs the log's checkpoints. Unset: the embedded store
   * makes `log-key.pem` in its data directory at first start (a new key per process for
   * `memory://`); with PostgreSQL the tree is kept but no checkpoint is signed.
   */
  @IsOptional()
  @IsString()
  PROVENANCE_LOG_KEY?: string;

  /** The log's name: the first line of every checkpoint and the name of its signing key. */
  @Matches(/^[^\s+]+$/u, { message: 'PROVENANCE_LOG_ORIGIN must be a name without spaces or "+", e.g. provenance.example.com/log' })
  PROVENANCE_LOG_ORIGIN = 'release-provenance.local/log';

  /** How often the tree's head is signed while events arrive. */
  @AsDuration()
  @IsInt({ message: 'PROVENANCE_CHECKPOINT_INTERVAL must be a duration with its unit, e.g. 1s or 500ms' })
  @Min(100, { message: 'PROVENANCE_CHECKPOINT_INTERVAL must be at least 100ms' })
  @Max(3_600_000, { message: 'PROVENANCE_CHECKPOINT_INTERVAL must be at most 1h' })
  PROVENANCE_CHECKPOINT_INTERVAL = 1_000;

  @AsDuration()
  @IsInt({ message: 'PROVENANCE_READY_MAX_LAG must be a duration with its unit, e.g. 30s or 500ms' })
  @Min(0, { message: 'PROVENANCE_READY_MAX_LAG must not be negative' })
  PROVENANCE_READY_MAX_LAG = 30_000;

  /** Kafka brokers, `host:port[,host:port...]`; set, the service consumes facts and publishes events there. */
  @IsOptional()
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...], e.g. 127.0.0.1:9092' })
  KAFKA_BROKERS?: string;

  /** Topic names and the ingest's consumer group (defaults in libs/kafka/src/kafka-settings.ts). */
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_FACTS_TOPIC must be a topic name (letters, digits, . _ -)' }) KAFKA_FACTS_TOPIC?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_DEAD_LETTER_TOPIC must be a topic name (letters, digits, . _ -)' }) KAFKA_DEAD_LETTER_TOPIC?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_EVENTS_TOPIC must be a topic name (letters, digits, . _ -)' }) KAFKA_EVENTS_TOPIC?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_REQUESTS_TOPIC must be a topic name (letters, digits, . _ -)' }) KAFKA_REQUESTS_TOPIC?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_ATTESTATIONS_TOPIC must be a topic name (letters, digits, . _ -)' }) KAFKA_ATTESTATIONS_TOPIC?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_CHECKPOINTS_TOPIC must be a topic name (letters, digits, . _ -)' }) KAFKA_CHECKPOINTS_TOPIC?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_INGEST_GROUP must be a group name (letters, digits, . _ -)' }) KAFKA_INGEST_GROUP?: string;
  @IsOptional() @Matches(TOPIC, { message: 'KAFKA_CLIENT_ID must be letters, digits, . _ -' }) KAFKA_CLIENT_ID?: string;

  /** Partitions of each topic the service creates at start (topics that exist are left as they are). */
  @AsNumber()
  @IsInt({ message: 'KAFKA_TOPIC_PARTITIONS must be a whole number of partitions' })
  @Min(1, { message: 'KAFKA_TOPIC_PARTITIONS must be at least 1' })
  KAFKA_TOPIC_PARTITIONS = 3;

  /** Replication factor of each topic the service creates at start; at most the number of brokers. */
  @AsNumber()
  @IsInt({ message: 'KAFKA_REPLICATION_FACTOR must be a whole number of replicas' })
  @Min(1, { message: 'KAFKA_REPLICATION_FACTOR must be at least 1' })
  KAFKA_REPLICATION_FACTOR = 1;

  /** The pipeline, read from PROVENANCE_PIPELINE (not an environment variable itself). */
  pipeline: PipelineDefinition = DEFAULT_PIPELINE;

  /**
   * The PEM private key (Ed25519 or ECDSA P-256) attestations are signed with. Unset: the embedded
   * store makes one in PROVENANCE_DATA_DIR at first start (a new one each start with `memory://`);
   * with PostgreSQL nothing is signed until it is set.
   */
  @IsOptional()
  @Matches(/^\S(.*\S)?$/, { message: 'PROVENANCE_SIGNING_KEY must be the path of a PEM private key file' })
  PROVENANCE_SIGNING_KEY?: string;

  /**
   * Further public keys (PEM files, comma-separated) published beside the signing key at
   * /api/v1/attestations/keys: the keys signed with before a rotation, so their envelopes still verify.
   */
  @IsOptional()
  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'PROVENANCE_VERIFY_KEYS must be paths of PEM public key files, comma-separated' })
  PROVENANCE_VERIFY_KEYS?: string;

  /**
   * API tokens as JSON: [{"name": "jenkins", "roles": ["agent"], "sha256": "<hex of sha256(token)>"}].
   * Only hashes are configured, never tokens. Unset: no authentication, and the API binds 127.0.0.1 only.
   */
  @IsOptional()
  @IsString()
  PROVENANCE_TOKENS?: string;
}

/** Milliseconds of a duration written with its unit (`500ms`, `10s`, `2m`); NaN (refused) without one. */
export function durationMs(value: unknown): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(String(value));
  if (!match) return Number.NaN;
  const factor = { ms: 1, s: 1_000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return Math.round(Number(match[1]) * factor);
}

/** A duration no longer than the one in `other`, the variable named in the message. */
function NotLongerThan(other: keyof ProvenanceConfig) {
  return ValidateBy({
    name: 'notLongerThan',
    validator: {
      validate: (value: unknown, args) => typeof value !== 'number' || value <= Number((args?.object as ProvenanceConfig)[other]),
      defaultMessage: (args) => `${args?.property} must not be longer than ${other}`,
    },
  });
}

export const ROLES = ['agent', 'auditor', 'release-manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface TokenEntry {
  name: string;
  roles: Role[];
  sha256: string;
}

/** The configured tokens, or problems naming what is wrong with PROVENANCE_TOKENS. */
export function tokensOf(config: ProvenanceConfig): { tokens: TokenEntry[]; problems: string[] } {
  if (config.PROVENANCE_TOKENS === undefined) return { tokens: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(config.PROVENANCE_TOKENS);
  } catch {
    return { tokens: [], problems: ['PROVENANCE_TOKENS must be JSON: [{"name": ..., "roles": [...], "sha256": ...}]'] };
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    return { tokens: [], problems: ['PROVENANCE_TOKENS must be a non-empty JSON array of {name, roles, sha256}'] };
  }
  const problems: string[] = [];
  const entries = parsed as Record<string, unknown>[];
  const tokens = entries.map((entry, index) => {
    const where = `PROVENANCE_TOKENS[${index}]`;
    problems.push(...shadowingProblems(entries, index));
    if (typeof entry?.name !== 'string' || entry.name === '') problems.push(`${where}.name must be a non-empty string`);
    if (!Array.isArray(entry?.roles) || entry.roles.length === 0 || !entry.roles.every((role: unknown) => (ROLES as readonly unknown[]).includes(role))) {
      problems.push(`${where}.roles must list one or more of ${ROLES.join(', ')}`);
    }
    if (typeof entry?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
      problems.push(`${where}.sha256 must be the 64-hex-digit SHA-256 of the token (e.g. printf %s "$TOKEN" | sha256sum), never the token itself`);
    }
    return entry as unknown as TokenEntry;
  });
  return { tokens, problems };
}

const TOKEN_FIELDS = ['name', 'roles', 'sha256'];

/** An entry that another would shadow or be mistaken for, or that carries more than it should (a plaintext token). */
function shadowingProblems(entries: Record<string, unknown>[], index: number): string[] {
  const entry = entries[index];
  if (typeof entry !== 'object' || entry === null) return [];
  const where = `PROVENANCE_TOKENS[${index}]`;
  const named = typeof entry.name === 'string' ? `${where} (${entry.name})` : where;
  const problems = Object.keys(entry)
    .filter((field) => !TOKEN_FIELDS.includes(field))
    .map((field) => `${named} has an unknown field ${JSON.stringify(field)} (known: ${TOKEN_FIELDS.join(', ')}); configure the SHA-256 of a token, never the token itself`);
  const earlier = entries.slice(0, index);
  const sameHash = earlier.findIndex((other) => typeof entry.sha256 === 'string' && other?.sha256 === entry.sha256);
  if (sameHash >= 0) problems.push(`${named} has the same sha256 as PROVENANCE_TOKENS[${sameHash}] (${String(earlier[sameHash].name)}): one token would act as both`);
  const sameName = earlier.findIndex((other) => typeof entry.name === 'string' && other?.name === entry.name);
  if (sameName >= 0) problems.push(`${where} has the name of PROVENANCE_TOKENS[${sameName}] (${String(entry.name)}): the log could not tell their actions apart`);
  return problems;
}

export const DEFAULT_PIPELINE_FILE = 'deploy/pipeline.yaml';

/**
 * The pipeline definition: PROVENANCE_PIPELINE's file, else deploy/pipeline.yaml if present,
 * else the paper's pipeline. Problems name the file and the field.
 */
export function pipelineOf(config: ProvenanceConfig): { pipeline?: PipelineDefinition; problems: string[] } {
  const path = config.PROVENANCE_PIPELINE ?? DEFAULT_PIPELINE_FILE;
  if (!existsSync(path)) {
    return config.PROVENANCE_PIPELINE === undefined
      ? { pipeline: DEFAULT_PIPELINE, problems: [] }
      : { problems: [`PROVENANCE_PIPELINE: no file at ${path}`] };
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problems: [`PROVENANCE_PIPELINE (${path}) is not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  const { definition, problems } = pipelineDefinitionOf(raw);
  return { pipeline: definition, problems: problems.map((problem) => `PROVENANCE_PIPELINE (${path}) ${problem}`) };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** PROVENANCE_EVENT_STORE and its older name PROVENANCE_STORE may not say two things. */
function storeNameProblems(env: NodeJS.ProcessEnv): string[] {
  const { PROVENANCE_EVENT_STORE: current, PROVENANCE_STORE: older } = env;
  return current && older && current !== older
    ? [`PROVENANCE_EVENT_STORE=${current} and PROVENANCE_STORE=${older} disagree: set only PROVENANCE_EVENT_STORE (PROVENANCE_STORE is its older name)`]
    : [];
}

/**
 * Where read models, follower leases and checkpoints live: beside the log in PostgreSQL or PGlite,
 * and with EventStoreDB as the log in DATABASE_URL when set, else in PGlite in PROVENANCE_DATA_DIR.
 */
export function readModelStoreOf(config: ProvenanceConfig): 'postgres' | 'embedded' {
  if (config.PROVENANCE_STORE === 'eventstoredb') return config.DATABASE_URL ? 'postgres' : 'embedded';
  return config.PROVENANCE_STORE;
}

/** Reads and validates the configuration; throws ConfigurationError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProvenanceConfig {
  const known = Object.keys(new ProvenanceConfig()).filter((key) => key !== 'pipeline');
  const given = Object.fromEntries(
    [...new Set([...known, 'DATABASE_URL', 'EVENTSTORE_URL', 'PROVENANCE_TOKENS', 'PROVENANCE_PIPELINE'])].filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const storeNames = storeNameProblems(env);
  if (env.PROVENANCE_EVENT_STORE) given.PROVENANCE_STORE = env.PROVENANCE_EVENT_STORE;
  if (given.PROVENANCE_STORE === undefined && given.DATABASE_URL !== undefined) given.PROVENANCE_STORE = 'postgres';
  const config = plainToInstance(ProvenanceConfig, given, { exposeDefaultValues: true });
  const pipeline = pipelineOf(config);
  const problems = [
    // One problem per variable: 'abc' breaks PORT's every rule, and the most basic says it all.
    ...validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}).slice(-1)),
    ...tokensOf(config).problems,
    ...hostProblems(config, tokensOf(config).tokens.length > 0),
    ...pipeline.problems,
    ...storeNames,
  ];
  if (problems.length > 0) throw new ConfigurationError(problems);
  config.pipeline = pipeline.pipeline!;
  return config;
}
