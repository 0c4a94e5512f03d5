import { deciderSpec } from '@provenance/testing';
import { PipelineRunEvent, pipelineRunDecider } from './pipeline-run.decider';

const spec = deciderSpec(pipelineRunDecider);
const digest = `sha256:${'d'.repeat(64)}`;
const pinnedSetId = `sha256:${'5'.repeat(64)}`;
const timeouts = { pinning: 1_800, 'candidate-build': 7_200, 'aqf-run': 14_400 };
const ENVS = ['aqf-1', 'aqf-2'];

/** Plays commands through the decider, as the saga will, and returns every event recorded. */
function play(commands: Parameters<typeof pipelineRunDecider.decide>[0][]): PipelineRunEvent[] {
  const events: PipelineRunEvent[] = [];
  for (const command of commands) {
    const state = events.reduce(pipelineRunDecider.evolve, pipelineRunDecider.initialState);
    const decision = pipelineRunDecider.decide(command, state);
    if (decision.outcome === 'record') events.push(...decision.events);
  }
  return events;
}

const start = { type: 'StartPipelineRun' as const, runId: 'run-1', pinningRequestId: 'pinning-1', builds: [], earliestCommitAt: '2026-11-25T06:00:00Z', at: '2026-11-25T08:00:00Z' };
const throughBake = () => {
  const started = play([start, { type: 'AnswerPinning', requestId: 'pinning-1', pinnedSetId, at: '2026-11-25T08:10:00Z' }]);
  const bake = started.find((event) => event.type === 'CandidateBuildRequested')!.data as { requestId: string };
  return play([
    start,
    { type: 'AnswerPinning', requestId: 'pinning-1', pinnedSetId, at: '2026-11-25T08:10:00Z' },
    { type: 'AnswerCandidateBuild', requestId: bake.requestId, imageDigest: digest, at: '2026-11-25T09:00:00Z', verificationEnvironments: ENVS },
  ]);
};

describe('a pipeline run', () => {
  it('given a started run, when the pinned set arrives for its request, then a candidate build of that set is requested', () => {
    const events = play([start, { type: 'AnswerPinning', requestId: 'pinning-1', pinnedSetId, at: '2026-11-25T08:10:00Z' }]);
    expect(events.map((event) => event.type)).toEqual(['PipelineRunStarted', 'StageAnswered', 'CandidateBuildRequested']);
    expect(events[2].data).toMatchObject({ pinnedSetId, requestedAt: '2026-11-25T08:10:00Z' });
  });

  it('given a baked image for the bake request, then AQF is requested once in each verification environment', () => {
    const aqf = throughBake().filter((event) => event.type === 'AqfRunRequested');
    expect(aqf.map((event) => (event.data as { environment: string }).environment)).toEqual(ENVS);
    expect(new Set(aqf.map((event) => (event.data as { requestId: string }).requestId)).size).toBe(2);
  });

  it('given the image is promoted, then the run ends as a release candidate with its lead time from the earliest commit', () => {
    const history = throughBake();
    spec
      .given(history)
      .when({ type: 'DecideCandidate', imageDigest: digest, promoted: true, at: '2026-11-25T12:00:00Z' })
      .then([{ type: 'PipelineRunEnded', data: { runId: 'run-1', outcome: 'release-candidate', imageDigest: digest, endedAt: '2026-11-25T12:00:00Z', leadTimeSeconds: 6 * 3600 } }]);
  });

  it('given the image is rejected, then the run ends and no later stage is ever requested', () => {
    const ended = play([...throughBakeCommands(), { type: 'DecideCandidate', imageDigest: digest, promoted: false, at: '2026-11-25T11:00:00Z' }]);
    expect(ended.at(-1)).toMatchObject({ type: 'PipelineRunEnded', data: { outcome: 'rejected' } });
    spec.given(ended).when({ type: 'AnswerPinning', requestId: 'pinning-1', pinnedSetId, at: '2026-11-25T11:30:00Z' }).then([]);
    spec.given(ended).when({ type: 'DecideCandidate', imageDigest: digest, promoted: true, at: '2026-11-25T11:40:00Z' }).then([]);
  });

  it('given an answer naming no open request of this run, then nothing is recorded', () => {
    spec.given(play([start])).when({ type: 'AnswerPinning', requestId: 'pinning-other', pinnedSetId, at: '2026-11-25T08:10:00Z' }).then([]);
  });

  it('given a stage past its deadline, then it is reported timed out once, and a late answer still counts', () => {
    const started = play([start]);
    const late = { type: 'CheckDeadlines' as const, now: '2026-11-25T08:31:00Z', timeouts };
    spec.given(started).when({ ...late, now: '2026-11-25T08:29:00Z' }).then([]);
    spec
      .given(started)
      .when(late)
      .then([{ type: 'StageTimedOut', data: { runId: 'run-1', requestId: 'pinning-1', stage: 'pinning', deadline: '2026-11-25T08:30:00.000Z' } }]);
    const timedOut = play([start, late]);
    spec.given(timedOut).when(late).then([]);
    const answer = spec.given(timedOut).when({ type: 'AnswerPinning', requestId: 'pinning-1', pinnedSetId, at: '2026-11-25T09:00:00Z' }).decision;
    expect(answer.outcome === 'record' && answer.events.map((event) => event.type)).toEqual(['StageAnswered', 'CandidateBuildRequested']);
  });

  it('given the run started twice (a replay), then the second start is already recorded and ids repeat', () => {
    const once = play([start]);
    spec.given(once).when(start).thenAlreadyRecorded(once[0]);
    expect(throughBake()).toEqual(throughBake());
  });
});

function throughBakeCommands(): Parameters<typeof pipelineRunDecider.decide>[0][] {
  const bake = throughBake().find((event) => event.type === 'CandidateBuildRequested')!.data as { requestId: string };
  return [
    start,
    { type: 'AnswerPinning', requestId: 'pinning-1', pinnedSetId, at: '2026-11-25T08:10:00Z' },
    { type: 'AnswerCandidateBuild', requestId: bake.requestId, imageDigest: digest, at: '2026-11-25T09:00:00Z', verificationEnvironments: ENVS },
  ];
}
