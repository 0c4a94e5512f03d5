import type { SqlQueryable } from '@provenance/event-store';
import type { Resolution } from './reference';

/** Every environment anything was deployed, patched, configured or tested in. */
const RECORDED_ENVIRONMENTS = `
  SELECT environment FROM rm_deployments UNION SELECT environment FROM rm_patches
  UNION SELECT environment FROM rm_configurations UNION SELECT environment FROM rm_aqf_runs`;

/**
 * An environment is known when the pipeline names it (`configured`) or the log has something in
 * it; a configured environment with nothing in it yet is known, and simply runs nothing.
 */
export async function resolveEnvironment(db: SqlQueryable, name: string, configured: readonly string[]): Promise<Resolution<string>> {
  if (configured.includes(name)) return { kind: 'found', value: name };
  const [{ known }] = await db.query<{ known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM rm_deployments WHERE environment = $1) OR EXISTS (SELECT 1 FROM rm_patches WHERE environment = $1)
         OR EXISTS (SELECT 1 FROM rm_configurations WHERE environment = $1) OR EXISTS (SELECT 1 FROM rm_aqf_runs WHERE environment = $1) AS known`,
    [name],
  );
  if (known) return { kind: 'found', value: name };
  const recorded = (await db.query<{ environment: string }>(`SELECT environment FROM (${RECORDED_ENVIRONMENTS}) known ORDER BY environment`)).map((row) => row.environment);
  return { kind: 'unknown', didYouMean: [...new Set([...configured, ...recorded])].sort() };
}
