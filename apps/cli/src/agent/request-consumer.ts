import type { PipelineStage } from '@provenance/domain';
import { kafkaClient, KafkaSettings, type StageRequestMessage } from '@provenance/kafka';
import { CliFailure, EXIT } from '../exit-codes';
import { readStageRequest } from './read-stage-request';
import type { Disposition } from './stage-agent';

const HEARTBEAT_MS = 3_000;

export interface ConsumerOptions {
  settings: KafkaSettings;
  stage: PipelineStage;
  group: string;
  fromBeginning: boolean;
  /** Stop after this many requests of the stage were handled. */
  maxRequests?: number;
  log: (line: string) => void;
  /** Aborted to stop: by a signal, or by the consumer itself (enough requests, or a failure). */
  stop: AbortController;
}

export interface Consumed {
  handled: number;
  skipped: number;
}

/**
 * Feeds the stage's requests from the requests topic to `handle`, one at a time, committing
 * each message's offset once it is handled; messages of other stages and unreadable ones are
 * committed past. A request left uncommitted stops the consumer, so nothing after it is
 * committed either and the group's next agent starts there. Handler errors end the run.
 */
export async function consumeStageRequests(options: ConsumerOptions, handle: (message: StageRequestMessage) => Promise<Disposition>): Promise<Consumed> {
  const { settings, stage, stop } = options;
  const consumer = kafkaClient(settings, `provenance-agent-${stage}`).consumer({ groupId: options.group });
  const counts: Consumed = { handled: 0, skipped: 0 };
  let failure: Error | undefined;
  let inFlight: Promise<Disposition> | undefined;
  const crashed = new Promise<void>((resolve) =>
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      failure = new CliFailure(EXIT.unreachable, `the Kafka consumer stopped: ${payload.error.message}`);
      resolve();
    }),
  );
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: settings.requestsTopic, fromBeginning: options.fromBeginning });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw new CliFailure(EXIT.unreachable, `cannot reach Kafka at ${settings.brokers.join(',')}: ${(error as Error).message}`);
  }
  await consumer.run({
    autoCommit: false,
    eachMessage: async (payload) => {
      const { topic, partition, message } = payload;
      if (stop.signal.aborted) return;
      const past = [{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }];
      const read = readStageRequest(message, stage);
      if (read.kind !== 'request') {
        if (read.kind === 'other-stage') counts.skipped++;
        else options.log(`skipped the message at ${topic}[${partition}] offset ${message.offset}: ${read.problem}`);
        await consumer.commitOffsets(past);
        return;
      }
      let disposition: Disposition;
      // kafkajs heartbeats only between messages; a bake or an AQF run takes hours, far past the session timeout.
      const keepAlive = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_MS);
      inFlight = handle(read.message);
      try {
        disposition = await inFlight;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        stop.abort();
        return;
      } finally {
        clearInterval(keepAlive);
      }
      if (disposition === 'leave') return stop.abort();
      counts.handled++;
      try {
        await consumer.commitOffsets(past);
      } catch (error) {
        // Typically the group rebalanced while the command ran and gave the partition to another member.
        failure = new CliFailure(
          EXIT.unreachable,
          `request ${read.message.requestId} was answered, but its offset could not be committed (${(error as Error).message}); ` +
            'it will be delivered again, and recording it again is harmless',
        );
        return stop.abort();
      }
      if (options.maxRequests !== undefined && counts.handled >= options.maxRequests) stop.abort();
    },
  });
  await Promise.race([whenAborted(stop.signal), crashed]);
  // Disconnecting while a request is in hand makes kafkajs heartbeat as a member that has left.
  await inFlight?.catch(() => undefined);
  await consumer.disconnect();
  if (failure) throw failure;
  return counts;
}

const whenAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
