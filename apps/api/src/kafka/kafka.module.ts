import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, SQL_CONNECTION, SqlCheckpoints, SqlConnection } from '@provenance/event-store';
import { kafkaClient, KafkaSettings } from '@provenance/kafka';
import { EventPublisher } from './event-publisher';
import { FactIngest } from './fact-ingest';

const KAFKA_SETTINGS = Symbol('KafkaSettings');

/** Starts the ingest and the publisher with the application, and stops them with it. */
@Injectable()
export class KafkaLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly ingest: FactIngest, private readonly publisher: EventPublisher, @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings) {}

  private starting?: Promise<void>;

  /** Not awaited: the HTTP API runs while Kafka is unreachable; kafkajs keeps retrying. */
  onApplicationBootstrap(): void {
    const logger = new Logger('kafka');
    this.starting = (async () => {
      await this.publisher.start();
      await this.ingest.start();
      logger.log(`consuming ${this.settings.factsTopic}, publishing ${this.settings.eventsTopic} and ${this.settings.requestsTopic} on ${this.settings.brokers.join(',')}`);
    })().catch((error: unknown) => logger.error(`Kafka did not start: ${(error as Error).message}; facts over HTTP are still recorded, restart to retry Kafka`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.starting;
    await this.ingest.stop();
    await this.publisher.stop();
  }
}

/** Kafka in (facts) and out (events, stage requests), when KAFKA_BROKERS is set. */
@Module({})
export class KafkaModule {
  static forRoot(settings: KafkaSettings): DynamicModule {
    const kafka = kafkaClient(settings);
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA_SETTINGS, useValue: settings },
        {
          provide: FactIngest,
          useFactory: (commandBus: CommandBus, store: EventStore) => new FactIngest(kafka, settings, commandBus, store, new Logger('kafka-ingest')),
          inject: [CommandBus, EVENT_STORE],
        },
        {
          provide: EventPublisher,
          useFactory: (store: EventStore, connection: SqlConnection) =>
            new EventPublisher(kafka, settings, store, new SqlCheckpoints(connection), new Logger('kafka-publisher')),
          inject: [EVENT_STORE, SQL_CONNECTION],
        },
        KafkaLifecycle,
      ],
      exports: [FactIngest, EventPublisher],
    };
  }
}
