import { CliFailure, EXIT } from '../exit-codes';
import type { ProvenanceClient } from '../provenance-client';
import type { AnswerPost } from './stage-answers';

export type Recorded = { kind: 'recorded'; summary: string } | { kind: 'refused'; summary: string; reason: string };

interface Answer {
  events?: { type: string }[];
}

/** The client names the refusal's status only in its message: `refused (409)…`. */
const isConflict = (error: unknown) => error instanceof CliFailure && error.message.startsWith('refused (409)');

/**
 * Posts the answer's facts in order. A refusal (400, 409, 422) stops there and is reported,
 * since the same request would be refused again; an unreachable server is thrown, so the
 * request stays uncommitted for the next agent.
 */
export async function recordAnswer(client: Pick<ProvenanceClient, 'send'>, posts: AnswerPost[]): Promise<Recorded> {
  const done: string[] = [];
  for (const post of posts) {
    try {
      const { status, body } = await client.send('POST', post.path, { json: post.json });
      const types = ((body as Answer)?.events ?? []).map((event) => event.type).join(', ') || post.path;
      done.push(`${status === 201 ? 'recorded' : 'already recorded'} ${types}`);
    } catch (error) {
      if (post.conflictMeansEarlierDelivery && isConflict(error)) {
        done.push(`kept what an earlier delivery recorded at /${post.path} (409)`);
        continue;
      }
      if (error instanceof CliFailure && error.exitCode === EXIT.refused) {
        return { kind: 'refused', summary: [...done, `refused POST /${post.path}`].join(', '), reason: error.message };
      }
      throw error;
    }
  }
  return { kind: 'recorded', summary: done.join(', ') };
}
