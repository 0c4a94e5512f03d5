import type { KafkaSettings } from '@provenance/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';

export interface TopicsLog {
  log(message: string): void;
  warn(message: string): void;
}

const LEADERS_TIMEOUT_MS = 30_000;

/** A topic the service reads or writes, and the `max.message.bytes` its largest message needs. */
export interface ServiceTopic {
  topic: string;
  maxMessageBytes: number;
}

/** The topics the service reads and writes (checkpoints among them): events' limit for all, the largest envelope's for attestations. */
export function topicsOf(settings: KafkaSettings): ServiceTopic[] {
  const topics = new Map<string, number>();
  for (const topic of [settings.factsTopic, settings.deadLetterTopic, settings.eventsTopic, settings.requestsTopic, settings.checkpointsTopic]) topics.set(topic, settings.topicMaxMessageBytes);
  topics.set(settings.attestationsTopic, Math.max(topics.get(settings.attestationsTopic) ?? 0, settings.attestationMaxMessageBytes));
  return [...topics].map(([topic, maxMessageBytes]) => ({ topic, maxMessageBytes }));
}

/**
 * Creates the service's topics that are missing (so no broker needs auto-creation), warns
 * about existing ones too small for their largest message (never changing them), and resolves
 * once every partition of every topic has a leader.
 */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings, log: TopicsLog): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = topicsOf(settings);
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) await createTopics(admin, missing, settings, log);
    await untilLeadersKnown(admin, topics.map(({ topic }) => topic));
    await warnAboutSmallTopics(admin, topics.filter(({ topic }) => existing.has(topic)), log);
  } finally {
    await admin.disconnect();
  }
}

async function createTopics(admin: Admin, topics: ServiceTopic[], settings: KafkaSettings, log: TopicsLog): Promise<void> {
  const limits = [...new Set(topics.map(({ maxMessageBytes }) => maxMessageBytes))];
  const shape = `${settings.topicPartitions} partitions, replication factor ${settings.replicationFactor}, max.message.bytes ${limits.length === 1 ? limits[0] : topics.map(({ topic, maxMessageBytes }) => `${maxMessageBytes} (${topic})`).join(', ')}`;
  let created: boolean;
  try {
    created = await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map(({ topic, maxMessageBytes }) => ({
        topic,
        numPartitions: settings.topicPartitions,
        replicationFactor: settings.replicationFactor,
        configEntries: [{ name: 'max.message.bytes', value: String(maxMessageBytes) }],
      })),
    });
  } catch (error) {
    const refusals = ((error as { errors?: CreateTopicError[] }).errors ?? []).filter((one) => one.type !== 'TOPIC_ALREADY_EXISTS');
    const why = refusals.length > 0 ? refusals.map((one) => `${one.topic}: ${one.message}`).join('; ') : (error as Error).message;
    throw new Error(`could not create topics (${shape}): ${why}`, { cause: error });
  }
  // false: another process created some of them meanwhile (TOPIC_ALREADY_EXISTS), which is fine.
  log.log(`created topics ${topics.map(({ topic }) => topic).join(', ')} (${shape})${created ? '' : '; some were created meanwhile by another process'}`);
}

interface CreateTopicError {
  type?: string;
  topic?: string;
  message: string;
}

/** Existing topics are the operator's: too small a limit is reported with the fix, not changed. */
async function warnAboutSmallTopics(admin: Admin, topics: ServiceTopic[], log: TopicsLog): Promise<void> {
  if (topics.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map(({ topic }) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] })),
  });
  for (const resource of resources) {
    const limit = Number(resource.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue);
    const needed = topics.find(({ topic }) => topic === resource.resourceName)?.maxMessageBytes ?? 0;
    if (!(limit < needed)) continue;
    log.warn(
      `topic ${resource.resourceName} has max.message.bytes=${limit}, less than the ${needed} its largest messages need (events: PROVENANCE_MAX_EVENT_BYTES plus envelope; attestations: an image's signed provenance): ` +
        `larger messages will be refused. The service does not change existing topics; raise it with ` +
        `kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${resource.resourceName} --add-config max.message.bytes=${needed}`,
    );
  }
}

async function untilLeadersKnown(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  let waitingFor = 'no metadata yet';
  while (Date.now() < deadline) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      const leaderless = described.flatMap(({ name, partitions }) => partitions.filter((one) => one.leader < 0).map((one) => `${name}/${one.partitionId}`));
      const absent = topics.filter((topic) => !described.some(({ name }) => name === topic));
      if (leaderless.length === 0 && absent.length === 0) return;
      waitingFor = [...absent.map((topic) => `${topic} (no metadata)`), ...leaderless.map((one) => `${one} (no leader)`)].join(', ');
    } catch (error) {
      waitingFor = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`topics not ready after ${LEADERS_TIMEOUT_MS / 1000} s: ${waitingFor}`);
}
