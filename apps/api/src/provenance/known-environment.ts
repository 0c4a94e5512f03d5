import type { EnvironmentSettings } from '@provenance/domain';
import type { SqlQueryable } from '@provenance/event-store';
import { resolveEnvironment } from '@provenance/projections';
import { found } from './found';

/** The environment, if the pipeline names it or anything happened in it; else 404 listing those that are known. */
export async function knownEnvironment(db: SqlQueryable, env: string, settings: EnvironmentSettings): Promise<string> {
  const configured = [...settings.verificationEnvironments, ...settings.productionEnvironments];
  return found(await resolveEnvironment(db, env, configured), { what: `environment ${env}`, near: (known) => `known environments: ${known.join(', ')}` });
}
