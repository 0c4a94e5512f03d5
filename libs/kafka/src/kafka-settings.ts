import { Kafka, logLevel } from 'kafkajs';

/** Where Kafka is and which topics the service uses; from the environment, with documented defaults. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Facts in: the HTTP shape with a `type`, or CDEvents. */
  factsTopic: string;
  /** Messages that could not be recorded, with the reason and where they came from in headers. */
  deadLetterTopic: string;
  /** Every recorded event, keyed by stream id. */
  eventsTopic: string;
  /** Stage requests for the pipeline's agents, keyed by stage. */
  requestsTopic: string;
  /** The consumer group of the fact ingest. */
  ingestGroup: string;
}

export const KAFKA_DEFAULTS = {
  clientId: 'release-provenance',
  factsTopic: 'provenance.facts',
  deadLetterTopic: 'provenance.facts.dead-letter',
  eventsTopic: 'provenance.events',
  requestsTopic: 'pipeline.requests',
  ingestGroup: 'provenance-ingest',
} as const;

/** The variables Kafka is configured by (ProvenanceConfig has them, validated; so does process.env). */
export type KafkaEnvironment = Partial<
  Record<'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'KAFKA_FACTS_TOPIC' | 'KAFKA_DEAD_LETTER_TOPIC' | 'KAFKA_EVENTS_TOPIC' | 'KAFKA_REQUESTS_TOPIC' | 'KAFKA_INGEST_GROUP', string>
>;

/** The settings these variables give, or undefined when KAFKA_BROKERS is unset (Kafka off). */
export function kafkaSettingsOf(env: KafkaEnvironment): KafkaSettings | undefined {
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) return undefined;
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID || KAFKA_DEFAULTS.clientId,
    factsTopic: env.KAFKA_FACTS_TOPIC || KAFKA_DEFAULTS.factsTopic,
    deadLetterTopic: env.KAFKA_DEAD_LETTER_TOPIC || KAFKA_DEFAULTS.deadLetterTopic,
    eventsTopic: env.KAFKA_EVENTS_TOPIC || KAFKA_DEFAULTS.eventsTopic,
    requestsTopic: env.KAFKA_REQUESTS_TOPIC || KAFKA_DEFAULTS.requestsTopic,
    ingestGroup: env.KAFKA_INGEST_GROUP || KAFKA_DEFAULTS.ingestGroup,
  };
}

/**
 * A kafkajs client that keeps retrying through a broker restart (kafkajs's defaults give up
 * after about 5 s; a restarted single-node broker takes longer to come back).
 */
export function kafkaClient(settings: Pick<KafkaSettings, 'brokers' | 'clientId'>, clientId = settings.clientId): Kafka {
  return new Kafka({
    clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 30 },
  });
}
