import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

/**
 * Every setting the service reads, from environment variables, validated once at boot.
 * A bad value stops the process with a message naming the variable and what it expects.
 */
export class ProvenanceConfig {
  /** Where the event log lives: `embedded` (PGlite in this process, the default) or `postgres`. */
  @IsIn(['embedded', 'postgres'], { message: 'PROVENANCE_STORE must be "embedded" or "postgres"' })
  PROVENANCE_STORE: 'embedded' | 'postgres' = 'embedded';

  /** The PostgreSQL server, e.g. postgres://user@127.0.0.1:5432/provenance. Required with PROVENANCE_STORE=postgres. */
  @ValidateIf((config: ProvenanceConfig) => config.PROVENANCE_STORE === 'postgres' || config.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL (needed when PROVENANCE_STORE=postgres)' })
  DATABASE_URL?: string;

  /** The embedded store's directory, or `memory://` for a log that dies with the process. */
  @IsString()
  PROVENANCE_DATA_DIR = './.provenance';

  /** The PostgreSQL schema holding the log. */
  @Matches(/^[a-z_][a-z0-9_]{0,39}$/, { message: 'PROVENANCE_SCHEMA must be 1-40 characters of a-z, 0-9 and _' })
  PROVENANCE_SCHEMA = 'provenance';

  /** Largest serialised event accepted, in bytes. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'PROVENANCE_MAX_EVENT_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'PROVENANCE_MAX_EVENT_BYTES must be at least 1024' })
  @Max(64 * 1024 * 1024, { message: 'PROVENANCE_MAX_EVENT_BYTES must be at most 67108864 (64 MiB)' })
  PROVENANCE_MAX_EVENT_BYTES = 1024 * 1024;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'PORT must be a port number' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT = 3000;

  /** The address the HTTP API listens on; 0.0.0.0 to accept connections from other hosts. */
  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Reads and validates the configuration; throws ConfigurationError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProvenanceConfig {
  const known = Object.keys(new ProvenanceConfig());
  const given = Object.fromEntries(
    [...known, 'DATABASE_URL'].filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const config = plainToInstance(ProvenanceConfig, given, { exposeDefaultValues: true });
  const problems = validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}
