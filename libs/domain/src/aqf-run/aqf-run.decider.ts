import { Decider, DomainEvent, refuse, unreachable } from '../shared/decider';
import { recordOnce } from '../shared/record-once';

export type AqfOutcome = 'passed' | 'failed' | 'error';

export type AqfRunStartFact = {
  runId: string;
  imageDigest: string;
  environment: string;
  startedAt: string;
  requestId: string | null;
};

export type AqfRunResultFact = {
  outcome: AqfOutcome;
  passed: number;
  failed: number;
  skipped: number;
  reportUrl: string | null;
  completedAt: string;
};

export type AqfRunStarted = DomainEvent<'AqfRunStarted', AqfRunStartFact>;
export type AqfRunCompleted = DomainEvent<'AqfRunCompleted', AqfRunResultFact & { runId: string; imageDigest: string; environment: string }>;
export type AqfRunEvent = AqfRunStarted | AqfRunCompleted;

export type StartAqfRun = { type: 'StartAqfRun'; fact: AqfRunStartFact };
export type CompleteAqfRun = { type: 'CompleteAqfRun'; runId: string; result: AqfRunResultFact };
export type AqfRunCommand = StartAqfRun | CompleteAqfRun;

export type AqfRunState = { started?: AqfRunStartFact; completed?: AqfRunCompleted['data'] };

export const aqfRunStreamId = (runId: string) => `aqf-run-${runId}`;

export const aqfRunDecider: Decider<AqfRunState, AqfRunCommand, AqfRunEvent> = {
  initialState: {},
  evolve(state, event) {
    switch (event.type) {
      case 'AqfRunStarted':
        return { ...state, started: event.data };
      case 'AqfRunCompleted':
        return { ...state, completed: event.data };
      default:
        return unreachable(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'StartAqfRun':
        return recordOnce(`AQF run ${command.fact.runId}`, state.started, { type: 'AqfRunStarted', data: command.fact }, ['requestId']);
      case 'CompleteAqfRun': {
        if (!state.started) {
          return refuse(
            'aqf-run-started-first',
            `AQF run ${command.runId} has no recorded start: record it first with POST /api/v1/aqf-runs`,
          );
        }
        const { runId, imageDigest, environment } = state.started;
        const completed: AqfRunCompleted = { type: 'AqfRunCompleted', data: { runId, imageDigest, environment, ...command.result } };
        return recordOnce(`the result of AQF run ${runId}`, state.completed, completed);
      }
      default:
        return unreachable(command);
    }
  },
};
