import type { RecordingContext } from '@provenance/recording';
import type { Cause } from '../pipeline.commands';

/** Events the sagas record name the pipeline as their actor and the log event that caused them. */
export const pipelineContext = (causedBy: Cause, runId?: string): RecordingContext => ({
  actor: 'pipeline',
  causationId: causedBy.eventId,
  ...(runId ? { correlationId: runId } : {}),
});
