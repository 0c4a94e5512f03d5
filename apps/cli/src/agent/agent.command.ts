import { Command, InvalidArgumentError, Option } from 'commander';
import { PIPELINE_STAGES, PipelineStage } from '@provenance/domain';
import { kafkaSettingsOf } from '@provenance/kafka';
import { CliFailure, EXIT } from '../exit-codes';
import type { ProvenanceClient } from '../provenance-client';
import { AGENT_HELP } from './agent-help';
import { consumeStageRequests } from './request-consumer';
import { answerRequest } from './stage-agent';

interface AgentOptions {
  stage: PipelineStage;
  exec: string;
  group?: string;
  maxRequests?: number;
  fromBeginning: boolean;
}

function requestCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('--max-requests must be a whole number, 1 or more');
  return count;
}

/** `provenance agent`: answers one stage's requests from Kafka by running a command and recording what it reports. */
export function agentCommand(client: () => ProvenanceClient, env: NodeJS.ProcessEnv): Command {
  return new Command('agent')
    .description('answer one pipeline stage\'s requests from Kafka: run a command for each, record the fact it reports')
    .addOption(new Option('--stage <stage>', 'the stage to answer').choices(PIPELINE_STAGES).makeOptionMandatory())
    .requiredOption('--exec <command>', 'the command to run for each request, with sh -c')
    .option('--group <group>', 'the Kafka consumer group (default provenance-agent-<stage>)')
    .option('--max-requests <n>', 'stop after handling n requests of the stage (one-shot jobs, tests)', requestCount)
    .option('--from-beginning', 'a new group starts at the beginning of the topic', true)
    .option('--no-from-beginning', 'a new group starts at the end of the topic')
    .addHelpText('after', AGENT_HELP)
    .action((options: AgentOptions) => runAgent(options, client(), env));
}

async function runAgent(options: AgentOptions, client: ProvenanceClient, env: NodeJS.ProcessEnv): Promise<void> {
  const settings = kafkaSettingsOf(env);
  if (!settings) throw new CliFailure(EXIT.usage, 'KAFKA_BROKERS is not set: set KAFKA_BROKERS=host:port (several: host1:port,host2:port)');
  const log = (line: string) => console.error(line);
  const group = options.group ?? `provenance-agent-${options.stage}`;
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the ${options.stage} agent`);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  log(
    `${options.stage} agent: taking requests from ${settings.requestsTopic} at ${settings.brokers.join(',')} as group ${group}, ` +
      `recording to ${env.PROVENANCE_URL ?? 'http://127.0.0.1:3000'}`,
  );
  try {
    const consumed = await consumeStageRequests(
      { settings, stage: options.stage, group, fromBeginning: options.fromBeginning, maxRequests: options.maxRequests, log, stop },
      (message) => answerRequest(message, { command: options.exec, env, client, log, stop: stop.signal }),
    );
    log(`${options.stage} agent: stopped after ${consumed.handled} request(s); skipped ${consumed.skipped} of other stages`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
