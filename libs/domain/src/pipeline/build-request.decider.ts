import { alreadyRecorded, Decider, DomainEvent, record, unreachable } from '../shared/decider';
import type { PackageBuildRequested } from './dependency-builds.policy';

export type BuildRequestAnswered = DomainEvent<'BuildRequestAnswered', { requestId: string; answer: string; answeredAt: string }>;
export type BuildRequestTimedOut = DomainEvent<'StageTimedOut', { runId: null; requestId: string; stage: 'package-build'; deadline: string }>;
export type BuildRequestEvent = PackageBuildRequested | BuildRequestAnswered | BuildRequestTimedOut;

export type BuildRequestCommand =
  | { type: 'RequestPackageBuild'; request: PackageBuildRequested }
  | { type: 'AnswerBuildRequest'; requestId: string; answer: string; at: string }
  | { type: 'CheckBuildRequestDeadline'; now: string; timeoutSeconds: number };

export type BuildRequestState = { request?: PackageBuildRequested; answered: boolean; timedOut: boolean };

/** A package-build request outside any pipeline run lives in a stream of its own. */
export const buildRequestStreamId = (requestId: string) => `request-${requestId}`;

/**
 * A build request is made once: its id derives from the build that triggered it, so a replay
 * asks again with the same id and finds it already made. The first build naming it answers it;
 * one still unanswered past its deadline is reported timed out, once.
 */
export const buildRequestDecider: Decider<BuildRequestState, BuildRequestCommand, BuildRequestEvent> = {
  initialState: { answered: false, timedOut: false },
  evolve(state, event) {
    switch (event.type) {
      case 'PackageBuildRequested':
        return { ...state, request: state.request ?? event };
      case 'BuildRequestAnswered':
        return { ...state, answered: true };
      case 'StageTimedOut':
        return { ...state, timedOut: true };
      default:
        return unreachable(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RequestPackageBuild':
        return state.request ? alreadyRecorded<BuildRequestEvent>(state.request) : record<BuildRequestEvent>(command.request);
      case 'AnswerBuildRequest':
        if (!state.request || state.answered) return record<BuildRequestEvent>();
        return record<BuildRequestEvent>({ type: 'BuildRequestAnswered', data: { requestId: command.requestId, answer: command.answer, answeredAt: command.at } });
      case 'CheckBuildRequestDeadline': {
        if (!state.request || state.answered || state.timedOut) return record<BuildRequestEvent>();
        const deadline = Date.parse(state.request.data.requestedAt) + command.timeoutSeconds * 1000;
        if (deadline >= Date.parse(command.now)) return record<BuildRequestEvent>();
        const { requestId } = state.request.data;
        return record<BuildRequestEvent>({ type: 'StageTimedOut', data: { runId: null, requestId, stage: 'package-build', deadline: new Date(deadline).toISOString() } });
      }
      default:
        return unreachable(command);
    }
  },
};
