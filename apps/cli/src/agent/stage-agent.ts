import { unreachable } from '@provenance/domain';
import type { StageRequestMessage } from '@provenance/kafka';
import { CliFailure } from '../exit-codes';
import type { ProvenanceClient } from '../provenance-client';
import { recordAnswer } from './record-answer';
import { runStageCommand } from './run-stage-command';
import { stageAnswerOf } from './stage-answers';
import { stageEnvironment } from './stage-environment';
import { stageOutputOf } from './stage-outputs';

/** What to do with the request's offset: commit it (answered, or never answerable), or leave it for the next agent. */
export type Disposition = 'commit' | 'leave';

export interface StageAgentOptions {
  command: string;
  env: NodeJS.ProcessEnv;
  client: Pick<ProvenanceClient, 'send'>;
  log: (line: string) => void;
  stop: AbortSignal;
}

/**
 * Answers one request: runs the stage command, turns its output into facts and records them.
 * An unreachable server is thrown (the agent ends with exit 3, the request uncommitted).
 */
export async function answerRequest(message: StageRequestMessage, options: StageAgentOptions): Promise<Disposition> {
  // The agent's API token is its own: the stage command does not need it to answer.
  const { PROVENANCE_TOKEN: _token, ...agentEnv } = options.env;
  const env = { ...agentEnv, ...stageEnvironment(message) };
  const ran = await runStageCommand(options.command, JSON.stringify(message), env, options.stop);
  const heading = `${message.stage}${message.runId ? ` ${message.runId}` : ''} request ${message.requestId}`;
  const ranCommand = `ran command (exit ${ran.exitCode}, ${(ran.durationMs / 1000).toFixed(1)} s)`;
  if (ran.interrupted) {
    options.log(`${heading}: command stopped with the agent (exit ${ran.exitCode}); recorded nothing, left for the next agent of the group`);
    return 'leave';
  }
  const answer = stageAnswerOf(message, ran);
  switch (answer.kind) {
    case 'nothing':
      options.log(`${heading}: ${ranCommand}, recorded nothing: ${answer.reason}`);
      return 'commit';
    case 'bad-output':
      options.log(
        [
          `${heading}: ${ranCommand}, recorded nothing: its stdout does not answer a ${message.stage} request`,
          ...answer.problems.map((problem) => `  ${problem}`),
          `  print this JSON on stdout (logs go to stderr): ${stageOutputOf(message.stage)}`,
          '  moving on; the stage times out unless it is answered some other way',
        ].join('\n'),
      );
      return 'commit';
    case 'record': {
      const recorded = await recordAnswer(options.client, answer.posts).catch((error: unknown) => {
        if (error instanceof CliFailure) throw new CliFailure(error.exitCode, `${heading}: ${ranCommand}, not recorded (left for the group's next agent): ${error.message}`);
        throw error;
      });
      const reason = recorded.kind === 'refused' ? `\n  ${recorded.reason.replace(/\n/g, '\n  ')}\n  moving on` : '';
      options.log(`${heading}: ${ranCommand}, ${recorded.summary}${reason}`);
      return 'commit';
    }
    default:
      return unreachable(answer);
  }
}
