import { type AqfRunResultDto, type AqfRunStartDto, instant } from '@provenance/facts';
import { aqfRunDecider, aqfRunStreamId } from '@provenance/domain';
import { RecordAqfResultCommand, RecordFactCommand, RecordingContext } from '@provenance/recording';

export function startAqfRun(body: AqfRunStartDto, context: RecordingContext): RecordFactCommand {
  const fact = { ...body, startedAt: instant(body.startedAt), requestId: body.requestId ?? null };
  return new RecordFactCommand(aqfRunStreamId(fact.runId), aqfRunDecider, { type: 'StartAqfRun', fact }, context, { expectNewStream: true });
}

export function completeAqfRun(runId: string, body: AqfRunResultDto, context: RecordingContext): RecordAqfResultCommand {
  const result = { ...body, reportUrl: body.reportUrl ?? null, completedAt: instant(body.completedAt) };
  return new RecordAqfResultCommand(runId, result, context);
}
