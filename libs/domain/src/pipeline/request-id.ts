import { createHash } from 'node:crypto';

const hash = (parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);

/**
 * A stage request's id, derived from what triggered it: replaying the log or restarting the
 * pipeline's worker derives the same id again, so a request is never made twice.
 */
export function requestIdOf(stage: string, ...parts: string[]): string {
  return `${stage}-${hash(parts)}`;
}

/**
 * A request within a pipeline run: `<runId>.<stage>.<hash>`, so the run an agent's answer
 * belongs to can be read off the request id it names.
 */
export function runRequestIdOf(runId: string, stage: string, ...parts: string[]): string {
  return `${runId}.${stage}.${hash(parts)}`;
}

/** The pipeline run a request belongs to, or undefined for a request outside any run. */
export function runIdOfRequest(requestId: string): string | undefined {
  const [runId, stage] = requestId.split('.');
  return stage && runId.startsWith('run-') ? runId : undefined;
}
