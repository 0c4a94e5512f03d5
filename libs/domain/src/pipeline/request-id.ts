import { createHash } from 'node:crypto';

/**
 * A stage request's id, derived from what triggered it: replaying the log or restarting the
 * pipeline's worker derives the same id again, so a request is never made twice.
 */
export function requestIdOf(stage: string, ...parts: string[]): string {
  return `${stage}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24)}`;
}
