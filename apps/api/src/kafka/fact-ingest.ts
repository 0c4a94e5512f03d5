import { BadRequestException } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { KafkaSettings } from '@provenance/kafka';
import { FactRefused } from '@provenance/recording';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { commandOfFact } from '../intake/fact-intake';
import { factMessagesOf, problemsOf, UnrecordableMessage } from './message-facts';

const LANES = 16;

export interface IngestLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Facts from the facts topic, recorded through the same command path as the HTTP API. A
 * partition's batch is split into lanes by message key (messages with one key keep their
 * order), the lanes run at once, and the batch's offset is resolved only after every message in
 * it is durably appended or dead-lettered: a crash redelivers, and recording a fact again
 * changes nothing. A message that cannot be recorded goes to the dead-letter topic with the
 * reason and where it came from, so it never blocks its partition.
 */
export class FactIngest {
  private consumer?: Consumer;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly commandBus: CommandBus,
    private readonly log: IngestLog,
  ) {}

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: this.settings.ingestGroup, allowAutoTopicCreation: true });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.settings.factsTopic, fromBeginning: true });
    // Not awaited: joining the group waits out a crashed predecessor's session (up to 30 s),
    // which must not hold up the API's start.
    this.consumer
      .run({ eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3, eachBatch: (payload) => this.handleBatch(payload) })
      .catch((error: unknown) => this.log.error(`the fact ingest stopped: ${(error as Error).message}`));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    const lanes = new Map<string, KafkaMessage[]>();
    for (const message of batch.messages) {
      const lane = message.key?.toString('utf8') ?? `offset-${message.offset}`;
      lanes.set(lane, [...(lanes.get(lane) ?? []), message]);
    }
    const queue = [...lanes.values()];
    const worker = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const message of lane) await this.ingest(batch.topic, batch.partition, message);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, queue.length) }, worker));
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  private async ingest(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const headers = textHeaders(message.headers);
    const context = { actor: headers.actor ?? `kafka:${topic}`, correlationId: headers['message-id'] ?? `${topic}/${partition}/${message.offset}` };
    try {
      for (const fact of factMessagesOf(message.value, headers['content-type'])) {
        await this.record(fact, context);
      }
    } catch (error) {
      if (!(error instanceof UnrecordableMessage)) throw error;
      await this.deadLetter(topic, partition, message, error);
    }
  }

  private async record(fact: unknown, context: { actor: string; correlationId: string }): Promise<void> {
    try {
      await this.commandBus.execute(commandOf(fact, context));
    } catch (error) {
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
