import { BadRequestException } from '@nestjs/common';
import type { CommandBus, ICommand } from '@nestjs/cqrs';
import { EventIdConflict, EventStore, InvalidAppend } from '@provenance/event-store';
import type { KafkaSettings } from '@provenance/kafka';
import { FactRefused, RecordFactCommand, recordNewStreams, startsItsStream } from '@provenance/recording';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { commandOfFact } from '../intake/fact-intake';
import { factMessagesOf, problemsOf, UnrecordableMessage } from './message-facts';

const LANES = 16;
const BULK = 500;

/** A message as received: the commands recording its facts, or why it cannot be recorded. */
interface Received {
  message: KafkaMessage;
  commands: ICommand[];
  unrecordable?: UnrecordableMessage;
}

export interface IngestLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Facts from the facts topic, recorded with the same commands as the HTTP API. In each
 * partition's batch, the facts that start their stream (commits, builds, pinned sets, images,
 * AQF starts) are appended together in one commit; what that cannot settle, and every other
 * fact, goes through the command path in lanes by message key (one key's messages in order,
 * the lanes at once). The batch's offset is resolved only after every message in it is durably
 * appended or dead-lettered: a crash redelivers, and recording a fact again changes nothing.
 * A message that cannot be recorded goes to the dead-letter topic with the reason and where it
 * came from, so it never blocks its partition.
 */
export class FactIngest {
  private consumer?: Consumer;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly commandBus: CommandBus,
    private readonly store: EventStore,
    private readonly log: IngestLog,
  ) {}

  /**
   * `onStopped` hears when consuming stops for good: kafkajs restarts the consumer after a
   * retriable error, but not after others (a failing store, say). Without it, that is logged.
   */
  async start(onStopped = (reason: string) => this.log.error(`the fact ingest stopped: ${reason}`)): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = this.kafka.consumer({ groupId: this.settings.ingestGroup, allowAutoTopicCreation: false });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) onStopped(payload.error.message);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.settings.factsTopic, fromBeginning: true });
    // Not awaited: joining the group waits out a crashed predecessor's session (up to 30 s),
    // which must not hold up the API's start.
    consumer
      .run({ eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3, eachBatch: (payload) => this.handleBatch(payload) })
      .catch((error: unknown) => onStopped((error as Error).message));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const heartbeat = () => payload.heartbeat();
    if (batch.messages.length === 0) return;
    const received = batch.messages.map((message) => this.receive(batch.topic, batch.partition, message));
    // Facts that start their stream go in bulk, one commit for them all; the rest in lanes.
    const [starters, others] = partition(received, (one) => one.commands.length > 0 && one.commands.every(startsItsStream));
    await this.recordStarters(starters, heartbeat);
    await inLanes(others, heartbeat, (one) => this.recordInTurn(one));
    for (const one of received) if (one.unrecordable) await this.deadLetter(batch.topic, batch.partition, one.message, one.unrecordable);
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await heartbeat();
  }

  /** A message's commands, or why it cannot be recorded. */
  private receive(topic: string, partition: number, message: KafkaMessage): Received {
    const headers = textHeaders(message.headers);
    const context = { actor: headers.actor ? `kafka:${topic}:${headers.actor}` : `kafka:${topic}`, correlationId: headers['message-id'] ?? `${topic}/${partition}/${message.offset}` };
    try {
      return { message, commands: factMessagesOf(message.value, headers['content-type']).map((fact) => commandOf(fact, context)) };
    } catch (error) {
      if (!(error instanceof UnrecordableMessage)) throw error;
      return { message, commands: [], unrecordable: error };
    }
  }

  private async recordStarters(starters: Received[], heartbeat: () => Promise<void>): Promise<void> {
    for (let from = 0; from < starters.length; from += BULK) {
      const chunk = starters.slice(from, from + BULK);
      const commands = chunk.flatMap((one) => one.commands as RecordFactCommand[]);
      // One item the store refuses as bad input refuses the whole call: then each goes alone.
      const results = await recordNewStreams(this.store, commands).catch((error: unknown) => {
        if (error instanceof InvalidAppend) return commands.map(() => undefined);
        throw error;
      });
      // Whatever the bulk could not settle (a stream that exists) takes the full path, in turn.
      let next = 0;
      const unsettled = chunk.filter((one) => {
        const own = results.slice(next, (next += one.commands.length));
        return own.some((result) => result === undefined);
      });
      await inLanes(unsettled, heartbeat, (one) => this.recordInTurn(one));
      await heartbeat();
    }
  }

  private async recordInTurn(one: Received): Promise<void> {
    try {
      for (const command of one.commands) await this.execute(command);
    } catch (error) {
      if (!(error instanceof UnrecordableMessage)) throw error;
      one.unrecordable = error;
    }
  }

  private async execute(command: ICommand): Promise<void> {
    try {
      await this.commandBus.execute(command);
    } catch (error) {
      if (error instanceof InvalidAppend) throw new UnrecordableMessage('invalid', [error.message]);
      if (error instanceof EventIdConflict) throw new UnrecordableMessage('refused', [`409 identity-conflict: ${error.message}`]);
      if (!(error instanceof FactRefused)) throw error;
      const status = error.refusal.kind === 'identity-conflict' ? '409' : '422';
      throw new UnrecordableMessage('refused', [`${status} ${error.refusal.kind === 'identity-conflict' ? 'identity-conflict' : error.refusal.rule}: ${error.message}`]);
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: UnrecordableMessage): Promise<void> {
    this.log.warn(`${topic}/${partition}@${message.offset} dead-lettered (${error.reason}): ${error.message}`);
    await this.producer!.send({
      topic: this.settings.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dead-letter-reason': error.reason,
            'dead-letter-error': error.message,
            'original-topic': topic,
            'original-partition': String(partition),
            'original-offset': message.offset,
          },
        },
      ],
    });
  }
}

/** The command for a fact message; bad input and refusals become an UnrecordableMessage. */
function commandOf(fact: unknown, context: { actor: string; correlationId: string }) {
  try {
    return commandOfFact(fact, context);
  } catch (error) {
    if (error instanceof BadRequestException) throw new UnrecordableMessage('invalid', problemsOf(error));
    throw error;
  }
}

function textHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value[0]?.toString() : value?.toString()]));
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Runs messages with one key in order, and up to LANES keys at once. */
async function inLanes(received: Received[], heartbeat: () => Promise<void>, work: (one: Received) => Promise<void>): Promise<void> {
  const lanes = new Map<string, Received[]>();
  for (const one of received) {
    // Keyless messages share one lane, so they keep the partition's order.
    const lane = one.message.key === null ? '' : `key:${one.message.key.toString('utf8')}`;
    lanes.set(lane, [...(lanes.get(lane) ?? []), one]);
  }
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const one of lane) {
        await work(one);
        // kafkajs sends it only when due; a long lane must not outlast the session.
        await heartbeat();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, queue.length) }, worker));
}
