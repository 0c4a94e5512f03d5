import { CliFailure, EXIT } from '../exit-codes';
import type { Sent } from '../provenance-client';
import { recordAnswer } from './record-answer';
import type { AnswerPost } from './stage-answers';

const start: AnswerPost = { path: 'api/v1/aqf-runs', json: { runId: 'aqf-3f9c' }, conflictMeansEarlierDelivery: true };
const result: AnswerPost = { path: 'api/v1/aqf-runs/aqf-3f9c/result', json: { outcome: 'failed' } };

/** A server that answers each path as told, in order. */
const server = (answers: Record<string, Sent | CliFailure>) => {
  const sent: string[] = [];
  return {
    sent,
    send: async (_method: 'GET' | 'POST', path: string): Promise<Sent> => {
      sent.push(path);
      const answer = answers[path];
      if (answer instanceof CliFailure) throw answer;
      return answer;
    },
  };
};
const recorded = (type: string, status = 201): Sent => {
  const body = { status: 'recorded', events: [{ type }] };
  return { status, body, text: JSON.stringify(body) };
};
const refused = (status: number) => new CliFailure(EXIT.refused, `refused (${status}):\n  the reason`);

describe('recordAnswer: the answer\'s facts, posted in order', () => {
  it('given a server that records both, then each is named as recorded or already recorded', async () => {
    const api = server({ [start.path]: recorded('AqfRunStarted', 200), [result.path]: recorded('AqfRunCompleted') });
    expect(await recordAnswer(api, [start, result])).toEqual({ kind: 'recorded', summary: 'already recorded AqfRunStarted, recorded AqfRunCompleted' });
  });

  it('given a start an earlier delivery recorded at other times, when it is refused with 409, then the result is still recorded', async () => {
    const api = server({ [start.path]: refused(409), [result.path]: recorded('AqfRunCompleted') });
    expect(await recordAnswer(api, [start, result])).toEqual({
      kind: 'recorded',
      summary: 'kept what an earlier delivery recorded at /api/v1/aqf-runs (409), recorded AqfRunCompleted',
    });
  });

  it('given a refusal of a post without that licence, then nothing after it is posted and the reason is kept', async () => {
    const api = server({ [start.path]: refused(400), [result.path]: recorded('AqfRunCompleted') });
    expect(await recordAnswer(api, [{ ...start, conflictMeansEarlierDelivery: false }, result])).toEqual({
      kind: 'refused',
      summary: 'refused POST /api/v1/aqf-runs',
      reason: 'refused (400):\n  the reason',
    });
    expect(api.sent).toEqual([start.path]);
  });

  it('given an unreachable server, then the failure is thrown for the agent to end with exit 3', async () => {
    const api = server({ [start.path]: new CliFailure(EXIT.unreachable, 'cannot reach it') });
    await expect(recordAnswer(api, [start, result])).rejects.toMatchObject({ exitCode: EXIT.unreachable });
  });
});
