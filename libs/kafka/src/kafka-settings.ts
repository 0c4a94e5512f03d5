import { Kafka, KafkaConfig, logLevel } from 'kafkajs';

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
  /** Signed statements (DSSE envelopes) as they are made, keyed by their subject's digest. */
  attestationsTopic: string;
  /** The tamper-evident log's signed checkpoints (C2SP signed notes), keyed by the log's origin line. */
  checkpointsTopic: string;
  /** The consumer group of the fact ingest. */
  ingestGroup: string;
  /** Partitions of each topic the service creates when it is missing. */
  topicPartitions: number;
  /** Replication factor of each topic the service creates when it is missing. */
  replicationFactor: number;
  /** `max.message.bytes` the topics need: the largest event with its envelope (topicMaxMessageBytesOf). */
  topicMaxMessageBytes: number;
  /** `max.message.bytes` the attestations topic needs: the largest envelope (ATTESTATION_MAX_MESSAGE_BYTES or the events' limit). */
  attestationMaxMessageBytes: number;
}

export const KAFKA_DEFAULTS = {
  clientId: 'release-provenance',
  factsTopic: 'provenance.facts',
  deadLetterTopic: 'provenance.facts.dead-letter',
  eventsTopic: 'provenance.events',
  requestsTopic: 'pipeline.requests',
  attestationsTopic: 'provenance.attestations',
  checkpointsTopic: 'provenance.checkpoints',
  ingestGroup: 'provenance-ingest',
  topicPartitions: 3,
  replicationFactor: 1,
  maxEventBytes: 1024 * 1024,
} as const;

/** Kafka's own default `max.message.bytes`; the publisher's sends (up to 512 KiB) are sized for it. */
const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
/**
 * Room beside the event's own JSON: its id, stream id (also key and header), position and
 * headers take a few KiB at most; the rest is for a dead letter's headers.
 */
const ENVELOPE_BYTES = 64 * 1024;

/** The `max.message.bytes` a topic needs to carry events of up to `maxEventBytes`. */
export function topicMaxMessageBytesOf(maxEventBytes: number): number {
  return Math.max(KAFKA_DEFAULT_MAX_MESSAGE_BYTES, maxEventBytes + ENVELOPE_BYTES);
}

/**
 * An image's provenance statement lists every pinned requirement (an in-house one with its
 * wheel and source commit: under 500 bytes in the envelope, base64 included), so it is not
 * bounded by one event's size. 8 MiB holds one of over 16,000 in-house requirements; 150 take
 * about 70 KiB (attestation-message.unit.spec.ts).
 */
export const ATTESTATION_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** The variables Kafka is configured by (ProvenanceConfig has them, validated; so does process.env). */
export type KafkaEnvironment = Partial<
  Record<'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'KAFKA_FACTS_TOPIC' | 'KAFKA_DEAD_LETTER_TOPIC' | 'KAFKA_EVENTS_TOPIC' | 'KAFKA_REQUESTS_TOPIC' | 'KAFKA_ATTESTATIONS_TOPIC' | 'KAFKA_CHECKPOINTS_TOPIC' | 'KAFKA_INGEST_GROUP', string> &
    Record<'KAFKA_TOPIC_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR' | 'PROVENANCE_MAX_EVENT_BYTES', string | number>
>;

/** The settings these variables give, or undefined when KAFKA_BROKERS is unset (Kafka off). */
export function kafkaSettingsOf(env: KafkaEnvironment): KafkaSettings | undefined {
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) return undefined;
  const topicMaxMessageBytes = topicMaxMessageBytesOf(wholeNumber(env.PROVENANCE_MAX_EVENT_BYTES) ?? KAFKA_DEFAULTS.maxEventBytes);
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID || KAFKA_DEFAULTS.clientId,
    factsTopic: env.KAFKA_FACTS_TOPIC || KAFKA_DEFAULTS.factsTopic,
    deadLetterTopic: env.KAFKA_DEAD_LETTER_TOPIC || KAFKA_DEFAULTS.deadLetterTopic,
    eventsTopic: env.KAFKA_EVENTS_TOPIC || KAFKA_DEFAULTS.eventsTopic,
    requestsTopic: env.KAFKA_REQUESTS_TOPIC || KAFKA_DEFAULTS.requestsTopic,
    attestationsTopic: env.KAFKA_ATTESTATIONS_TOPIC || KAFKA_DEFAULTS.attestationsTopic,
    checkpointsTopic: env.KAFKA_CHECKPOINTS_TOPIC || KAFKA_DEFAULTS.checkpointsTopic,
    ingestGroup: env.KAFKA_INGEST_GROUP || KAFKA_DEFAULTS.ingestGroup,
    topicPartitions: wholeNumber(env.KAFKA_TOPIC_PARTITIONS) ?? KAFKA_DEFAULTS.topicPartitions,
    replicationFactor: wholeNumber(env.KAFKA_REPLICATION_FACTOR) ?? KAFKA_DEFAULTS.replicationFactor,
    topicMaxMessageBytes,
    attestationMaxMessageBytes: Math.max(topicMaxMessageBytes, ATTESTATION_MAX_MESSAGE_BYTES),
  };
}

/** A positive whole number given as text or number, else undefined (the default applies). */
function wholeNumber(value: string | number | undefined): number | undefined {
  const number = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(number) && number >= 1 ? number : undefined;
}

/**
 * A kafkajs client that keeps retrying through a broker restart (kafkajs's defaults give up
 * after about 5 s; a restarted single-node broker takes longer to come back). The retries are
 * finite on purpose: a call that cannot reach the broker fails after about 80 s rather than
 * hanging, and whoever called it decides what next (the API's KafkaLifecycle starts over).
 * `overrides` replace the retry or log level, e.g. for a client that should fail fast.
 */
export function kafkaClient(
  settings: Pick<KafkaSettings, 'brokers' | 'clientId'>,
  clientId = settings.clientId,
  overrides: Pick<KafkaConfig, 'retry' | 'logLevel'> = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 30 },
    ...overrides,
  });
}
