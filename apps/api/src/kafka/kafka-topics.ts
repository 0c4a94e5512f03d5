import type { KafkaSettings } from '@provenance/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';

export interface TopicsLog {
  log(message: string): void;
  warn(message: string): void;
}

const LEADERS_TIMEOUT_MS = 30_000;

/** The topics the service reads and writes. */
export function topicsOf(settings: KafkaSettings): string[] {
  return [...new Set([settings.factsTopic, settings.deadLetterTopic, settings.eventsTopic, settings.requestsTopic])];
}

/**
 * Creates the service's topics that are missing (so no broker needs auto-creation), warns
 * about existing ones too small for the largest event (never changing them), and resolves
 * once every partition of every topic has a leader.
 */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings, log: TopicsLog): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = topicsOf(settings);
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) await createTopics(admin, missing, settings, log);
    await untilLeadersKnown(admin, topics);
    await warnAboutSmallTopics(admin, topics.filter((topic) => existing.has(topic)), settings.topicMaxMessageBytes, log);
  } finally {
    await admin.disconnect();
  }
}

async function createTopics(admin: Admin, topics: string[], settings: KafkaSettings, log: TopicsLog): Promise<void> {
  const shape = `${settings.topicPartitions} partitions, replication factor ${settings.replicationFactor}, max.message.bytes ${settings.topicMaxMessageBytes}`;
  let created: boolean;
  try {
    created = await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: settings.topicPartitions,
        replicationFactor: settings.replicationFactor,
        configEntries: [{ name: 'max.message.bytes', value: String(settings.topicMaxMessageBytes) }],
      })),
    });
  } catch (error) {
    const refusals = ((error as { errors?: CreateTopicError[] }).errors ?? []).filter((one) => one.type !== 'TOPIC_ALREADY_EXISTS');
    const why = refusals.length > 0 ? refusals.map((one) => `${one.topic}: ${one.message}`).join('; ') : (error as Error).message;
    throw new Error(`could not create topics (${shape}): ${why}`, { cause: error });
  }
  // false: another process created some of them meanwhile (TOPIC_ALREADY_EXISTS), which is fine.
  log.log(`created topics ${topics.join(', ')} (${shape})${created ? '' : '; some were created meanwhile by another process'}`);
}

interface CreateTopicError {
  type?: string;
  topic?: string;
  message: string;
}

/** Existing topics are the operator's: too small a limit is reported with the fix, not changed. */
async function warnAboutSmallTopics(admin: Admin, topics: string[], needed: number, log: TopicsLog): Promise<void> {
  if (topics.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] })),
  });
  for (const resource of resources) {
    const limit = Number(resource.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue);
    if (!(limit < needed)) continue;
    log.warn(
      `topic ${resource.resourceName} has max.message.bytes=${limit}, less than the ${needed} the largest events need (PROVENANCE_MAX_EVENT_BYTES plus envelope): ` +
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
