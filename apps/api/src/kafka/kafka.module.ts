import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { FOLLOWER_CONTEXT, FollowerContext } from '@provenance/followers';
import { kafkaClient, KafkaSettings } from '@provenance/kafka';
import { ProjectionRunner, ProjectionsModule } from '@provenance/projections';
import type { Kafka } from 'kafkajs';
import { logLevel } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AttestationBundles } from '../attestations/attestation-bundles';
import { AttestationKeys } from '../attestations/attestation-keys';
import { AttestationPublisher } from './attestation-publisher';
import { CheckpointPublisher } from './checkpoint-publisher';
import { EventPublisher } from './event-publisher';
import { FactIngest } from './fact-ingest';
import { ensureTopics } from './kafka-topics';

const KAFKA_SETTINGS = Symbol('KafkaSettings');
/** The AttestationPublisher, or null when there is no signing key. */
const ATTESTATION_PUBLISHER = Symbol('AttestationPublisher');

/** Kafka as the health check sees it: `failed` is being retried, `reason` says why it is not up. */
export interface KafkaState {
  state: 'connecting' | 'connected' | 'failed';
  reason?: string;
  /** When this state began, ISO 8601. */
  since: string;
}

/**
 * Sets Kafka up with the application (missing topics, the publisher, the ingest) and keeps it
 * up: a start that fails is retried with backoff for as long as the application runs, and so is
 * an ingest that stopped for good. Facts over HTTP are recorded meanwhile.
 */
@Injectable()
export class KafkaLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private static readonly FIRST_RETRY_MS = 1_000;
  private static readonly MAX_RETRY_MS = 30_000;

  private readonly logger = new Logger('kafka');
  /** For the topics step: fails within seconds, and quietly (the loop reports), while the broker is unreachable. */
  private readonly setupClient: Kafka;
  private current: KafkaState = { state: 'connecting', since: new Date().toISOString() };
  private readonly shutdown = new AbortController();
  private running?: Promise<void>;
  private markLost?: (reason: string) => void;

  constructor(
    private readonly ingest: FactIngest,
    private readonly publisher: EventPublisher,
    @Inject(ATTESTATION_PUBLISHER) private readonly attestations: AttestationPublisher | null,
    private readonly checkpoints: CheckpointPublisher,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
  ) {
    this.setupClient = kafkaClient(settings, settings.clientId, { retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 4 }, logLevel: logLevel.NOTHING });
  }

  /** Not awaited: the HTTP API runs while Kafka is unreachable. */
  onApplicationBootstrap(): void {
    this.running = this.keepConnected();
  }

  state(): KafkaState {
    return { ...this.current };
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    this.markLost?.('shutting down');
    await this.running;
  }

  private async keepConnected(): Promise<void> {
    let failures = 0;
    while (!this.shutdown.signal.aborted) {
      const lost = new Promise<string>((resolve) => (this.markLost = resolve));
      try {
        await this.startOnce(this.markLost!);
      } catch (error) {
        await this.stopClients();
        if (this.shutdown.signal.aborted) break;
        const delay = this.retryDelay(failures++);
        this.enter('failed', this.messageOf(error));
        this.logger.error(`Kafka did not start: ${this.messageOf(error)}; retrying in ${(delay / 1000).toFixed(1)} s (facts over HTTP are still recorded)`);
        await sleep(delay, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
        continue;
      }
      if (this.shutdown.signal.aborted) break;
      failures = 0;
      this.enter('connected');
      const published = [this.settings.eventsTopic, this.settings.requestsTopic, ...(this.attestations ? [this.settings.attestationsTopic] : []), this.settings.checkpointsTopic];
      this.logger.log(`consuming ${this.settings.factsTopic}, publishing ${published.join(', ')} on ${this.settings.brokers.join(',')}`);
      const reason = await lost;
      if (this.shutdown.signal.aborted) break;
      this.enter('connecting', reason);
      this.logger.error(`Kafka stopped: ${reason}; starting it again`);
      await this.stopClients();
    }
    await this.stopClients();
  }

  /** Each step checks for shutdown first, so stopping waits for one step at most. */
  private async startOnce(onLost: (reason: string) => void): Promise<void> {
    const steps = [
      () => ensureTopics(this.setupClient, this.settings, this.logger),
      () => this.publisher.start(),
      () => this.attestations?.start(),
      () => this.checkpoints.start(),
      () => this.ingest.start(onLost),
    ];
    for (const step of steps) {
      if (this.shutdown.signal.aborted) return;
      await step();
    }
  }

  private async stopClients(): Promise<void> {
    await this.ingest.stop().catch((error: unknown) => this.logger.warn(`stopping the fact ingest: ${this.messageOf(error)}`));
    await this.publisher.stop().catch((error: unknown) => this.logger.warn(`stopping the publisher: ${this.messageOf(error)}`));
    await this.attestations?.stop().catch((error: unknown) => this.logger.warn(`stopping the attestation publisher: ${this.messageOf(error)}`));
    await this.checkpoints.stop().catch((error: unknown) => this.logger.warn(`stopping the checkpoint publisher: ${this.messageOf(error)}`));
  }

  /** 1 s doubling to 30 s, each within ±25 % so that restarted services do not retry in step. */
  private retryDelay(failures: number): number {
    const base = Math.min(KafkaLifecycle.FIRST_RETRY_MS * 2 ** failures, KafkaLifecycle.MAX_RETRY_MS);
    return Math.min(Math.round(base * (0.75 + Math.random() / 2)), KafkaLifecycle.MAX_RETRY_MS);
  }

  /** A state's `since` changes only when the state does; the reason is always the latest. */
  private enter(state: KafkaState['state'], reason?: string): void {
    const since = state === this.current.state ? this.current.since : new Date().toISOString();
    this.current = reason === undefined ? { state, since } : { state, reason, since };
  }

  private messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Kafka in (facts) and out (events, stage requests, signed statements, the log's checkpoints), when KAFKA_BROKERS is set. */
@Module({})
export class KafkaModule {
  static forRoot(settings: KafkaSettings): DynamicModule {
    const kafka = kafkaClient(settings);
    return {
      module: KafkaModule,
      imports: [ProjectionsModule],
      providers: [
        { provide: KAFKA_SETTINGS, useValue: settings },
        {
          provide: FactIngest,
          useFactory: (commandBus: CommandBus, store: EventStore) => new FactIngest(kafka, settings, commandBus, store, new Logger('kafka-ingest')),
          inject: [CommandBus, EVENT_STORE],
        },
        {
          provide: EventPublisher,
          useFactory: (store: EventStore, context: FollowerContext) => new EventPublisher(kafka, settings, store, context),
          inject: [EVENT_STORE, FOLLOWER_CONTEXT],
        },
        {
          provide: ATTESTATION_PUBLISHER,
          useFactory: (store: EventStore, context: FollowerContext, projections: ProjectionRunner, keys: AttestationKeys, bundles: AttestationBundles) => {
            const logger = new Logger('attestation-publisher');
            if (!keys.key) {
              logger.warn(`not publishing signed statements to ${settings.attestationsTopic}: ${keys.whyNotSigning}`);
              return null;
            }
            return new AttestationPublisher(kafka, settings, store, context, projections, bundles, keys.key, logger);
          },
          inject: [EVENT_STORE, FOLLOWER_CONTEXT, ProjectionRunner, AttestationKeys, AttestationBundles],
        },
        {
          provide: CheckpointPublisher,
          useFactory: (context: FollowerContext) => new CheckpointPublisher(kafka, settings, context),
          inject: [FOLLOWER_CONTEXT],
        },
        KafkaLifecycle,
      ],
      exports: [FactIngest, EventPublisher, KafkaLifecycle],
    };
  }
}
