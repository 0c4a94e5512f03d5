import type { RecordingContext } from '@provenance/recording';
import type { Principal } from '../auth/roles';

export function recordingContextOf(principal: Principal, idempotencyKey?: string, correlationId?: string): RecordingContext {
  return { actor: principal.name, idempotencyKey, correlationId };
}
