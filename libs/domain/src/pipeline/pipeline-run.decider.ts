import { alreadyRecorded, Decider, DomainEvent, record, unreachable } from '../shared/decider';
import type { LeafBuild } from './fan-in.decider';
import type { PipelineStage } from './pipeline-definition';
import { runRequestIdOf } from './request-id';

type Stage = Exclude<PipelineStage, 'package-build'>;
type OpenRequest = { stage: Stage; requestId: string; requestedAt: string; environment?: string };

export type PipelineRunStarted = DomainEvent<'PipelineRunStarted', { runId: string; pinningRequestId: string; builds: LeafBuild[]; earliestCommitAt: string | null; startedAt: string }>;
export type CandidateBuildRequested = DomainEvent<'CandidateBuildRequested', { runId: string; requestId: string; pinnedSetId: string; requestedAt: string }>;
export type AqfRunRequested = DomainEvent<'AqfRunRequested', { runId: string; requestId: string; imageDigest: string; environment: string; requestedAt: string }>;
export type StageAnswered = DomainEvent<'StageAnswered', { runId: string; requestId: string; stage: Stage; answer: string; answeredAt: string }>;
export type StageTimedOut = DomainEvent<'StageTimedOut', { runId: string; requestId: string; stage: Stage; deadline: string }>;
export type PipelineRunEnded = DomainEvent<'PipelineRunEnded', { runId: string; outcome: 'release-candidate' | 'rejected'; imageDigest: string; endedAt: string; leadTimeSeconds: number | null }>;
export type PipelineRunEvent = PipelineRunStarted | CandidateBuildRequested | AqfRunRequested | StageAnswered | StageTimedOut | PipelineRunEnded;

export type PipelineRunCommand =
  | { type: 'StartPipelineRun'; runId: string; pinningRequestId: string; builds: LeafBuild[]; earliestCommitAt: string | null; at: string }
  | { type: 'AnswerPinning'; requestId: string; pinnedSetId: string; at: string }
  | { type: 'AnswerCandidateBuild'; requestId: string; imageDigest: string; at: string; verificationEnvironments: string[] }
  | { type: 'AnswerAqfRun'; requestId: string; outcome: string; at: string }
  | { type: 'DecideCandidate'; imageDigest: string; promoted: boolean; at: string }
  | { type: 'CheckDeadlines'; now: string; timeouts: Record<Stage, number> };

export type PipelineRunState = {
  started?: PipelineRunStarted['data'];
  open: OpenRequest[];
  answered: string[];
  timedOut: string[];
  imageDigest?: string;
  ended?: PipelineRunEnded['data'];
};

export const pipelineRunStreamId = (runId: string) => `pipeline-${runId}`;

/**
 * One pipeline run: pinning → candidate build (bake) → AQF in each verification environment →
 * release candidate or rejected. Each answer names its request; a stage not answered by its
 * deadline is reported as timed out (a late answer still counts). Once the run has ended, no
 * further stage is ever requested: a rejection curtails the path to production.
 */
export const pipelineRunDecider: Decider<PipelineRunState, PipelineRunCommand, PipelineRunEvent> = {
  initialState: { open: [], answered: [], timedOut: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'PipelineRunStarted':
        return { ...state, started: event.data, open: [{ stage: 'pinning', requestId: event.data.pinningRequestId, requestedAt: event.data.startedAt }] };
      case 'CandidateBuildRequested':
        return { ...state, open: [...state.open, { stage: 'candidate-build', requestId: event.data.requestId, requestedAt: event.data.requestedAt }] };
      case 'AqfRunRequested':
        return {
          ...state,
          imageDigest: event.data.imageDigest,
          open: [...state.open, { stage: 'aqf-run', requestId: event.data.requestId, requestedAt: event.data.requestedAt, environment: event.data.environment }],
        };
      case 'StageAnswered':
        return { ...state, open: state.open.filter((r) => r.requestId !== event.data.requestId), answered: [...state.answered, event.data.requestId] };
      case 'StageTimedOut':
        return { ...state, timedOut: [...state.timedOut, event.data.requestId] };
      case 'PipelineRunEnded':
        return { ...state, ended: event.data, open: [] };
      default:
        return unreachable(event);
    }
  },
  decide(command, state) {
    if (command.type === 'StartPipelineRun') {
      if (state.started) return alreadyRecorded<PipelineRunEvent>({ type: 'PipelineRunStarted', data: state.started });
      const { runId, pinningRequestId, builds, earliestCommitAt, at } = command;
      return record<PipelineRunEvent>({ type: 'PipelineRunStarted', data: { runId, pinningRequestId, builds, earliestCommitAt, startedAt: at } });
    }
    const runId = state.started?.runId;
    if (!runId) return record<PipelineRunEvent>();
    switch (command.type) {
      case 'AnswerPinning': {
        if (!isOpen(state, command.requestId, 'pinning') || state.ended) return record<PipelineRunEvent>();
        return record<PipelineRunEvent>(answered(runId, command.requestId, 'pinning', command.pinnedSetId, command.at), {
          type: 'CandidateBuildRequested',
          data: { runId, requestId: runRequestIdOf(runId, 'candidate-build', command.pinnedSetId), pinnedSetId: command.pinnedSetId, requestedAt: command.at },
        });
      }
      case 'AnswerCandidateBuild': {
        if (!isOpen(state, command.requestId, 'candidate-build') || state.ended) return record<PipelineRunEvent>();
        return record<PipelineRunEvent>(
          answered(runId, command.requestId, 'candidate-build', command.imageDigest, command.at),
          ...command.verificationEnvironments.map((environment): PipelineRunEvent => ({
            type: 'AqfRunRequested',
            data: { runId, requestId: runRequestIdOf(runId, 'aqf-run', command.imageDigest, environment), imageDigest: command.imageDigest, environment, requestedAt: command.at },
          })),
        );
      }
      case 'AnswerAqfRun':
        return isOpen(state, command.requestId, 'aqf-run') ? record<PipelineRunEvent>(answered(runId, command.requestId, 'aqf-run', command.outcome, command.at)) : record<PipelineRunEvent>();
      case 'DecideCandidate': {
        if (state.ended || command.imageDigest !== state.imageDigest) return record<PipelineRunEvent>();
        const earliest = state.started!.earliestCommitAt;
        const leadTimeSeconds = earliest ? Math.round((Date.parse(command.at) - Date.parse(earliest)) / 1000) : null;
        return record<PipelineRunEvent>({
          type: 'PipelineRunEnded',
          data: { runId, outcome: command.promoted ? 'release-candidate' : 'rejected', imageDigest: command.imageDigest, endedAt: command.at, leadTimeSeconds },
        });
      }
      case 'CheckDeadlines': {
        const late = state.open.filter((request) => {
          const deadline = Date.parse(request.requestedAt) + command.timeouts[request.stage] * 1000;
          return !state.timedOut.includes(request.requestId) && deadline < Date.parse(command.now);
        });
        return record<PipelineRunEvent>(
          ...late.map((request): PipelineRunEvent => ({
            type: 'StageTimedOut',
            data: { runId, requestId: request.requestId, stage: request.stage, deadline: new Date(Date.parse(request.requestedAt) + command.timeouts[request.stage] * 1000).toISOString() },
          })),
        );
      }
      default:
        return unreachable(command);
    }
  },
};

function isOpen(state: PipelineRunState, requestId: string, stage: Stage): boolean {
  return state.open.some((request) => request.requestId === requestId && request.stage === stage);
}

function answered(runId: string, requestId: string, stage: Stage, answer: string, at: string): PipelineRunEvent {
  return { type: 'StageAnswered', data: { runId, requestId, stage, answer, answeredAt: at } };
}
