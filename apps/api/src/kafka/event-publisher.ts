import type { EventStore, LogPosition, RecordedEvent } from '@provenance/event-store';
import { FollowerContext, LogFollower } from '@provenance/followers';
import { KafkaSettings, STAGE_OF_REQUEST, StageRequestMessage } from '@provenance/kafka';
import type { Kafka, Message, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { toRecordedEventDto } from '../audit/recorded-event.dto';
import { sendInOrder } from './kafka-sends';

/**
 * The log is the outbox: every recorded event goes to the events topic (key = stream id, so a
 * stream's events stay in order in one partition; `event-id` and `event-type` headers), and
 * every stage request also goes to the requests topic (key = stage). The checkpoint moves past
 * a batch only after the broker acknowledged all of it, so delivery is at least once: after a
 * crash the last batch may be published again, and consumers deduplicate by `event-id`.
 * Of several processes, the one holding the `kafka-publisher` lease publishes.
 */
export class EventPublisher {
  private producer?: Producer;
  readonly follower: LogFollower;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    store: EventStore,
    context: FollowerContext,
  ) {
    this.follower = new LogFollower(store, context, 'kafka-publisher', { beforeCheckpoint: (events) => this.publish(events) });
  }

  async start(): Promise<void> {
    // One request in flight keeps a stream's events in order through retries.
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await this.producer?.disconnect();
  }

  /** Resolves once this process has had every event up to `target` acknowledged by the broker. */
  reached(target: LogPosition, timeoutMs = 30_000): Promise<void> {
    return this.follower.reached(target, timeoutMs);
  }

  private async publish(events: RecordedEvent[]): Promise<void> {
    const messages = [
      ...events.map((event) => ({ topic: this.settings.eventsTopic, message: eventMessage(event) })),
      ...events.filter((event) => event.type in STAGE_OF_REQUEST).map((event) => ({ topic: this.settings.requestsTopic, message: requestMessage(event) })),
    ];
    await sendInOrder(this.producer!, messages);
  }
}

function eventMessage(event: RecordedEvent): Message {
  return {
    key: event.streamId,
    value: JSON.stringify(toRecordedEventDto(event)),
    headers: { 'event-id': event.id, 'event-type': event.type, 'stream-id': event.streamId, 'log-position': event.position },
  };
}

function requestMessage(event: RecordedEvent): Message {
  const stage = STAGE_OF_REQUEST[event.type];
  const data = event.data as Record<string, unknown> & { requestId: string; runId?: string; requestedAt?: string };
  const message: StageRequestMessage = {
    requestId: data.requestId,
    stage,
    runId: data.runId ?? null,
    requestedAt: data.requestedAt ?? event.metadata.recordedAt,
    request: data,
  };
  return {
    key: stage,
    value: JSON.stringify(message),
    headers: { 'event-id': event.id, 'event-type': event.type, 'request-id': data.requestId, stage },
  };
}
