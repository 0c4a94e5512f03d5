import type { Message, Producer } from 'kafkajs';

/** Kafka's default request limit is 1 MiB; sends stay well under it. */
const MAX_SEND_BYTES = 512 * 1024;

/**
 * Sends the messages in order, acknowledged by every in-sync replica (acks = all). The broker
 * refuses a request over its size limit, so big batches go in several sends, in order.
 */
export async function sendInOrder(producer: Producer, messages: { topic: string; message: Message }[]): Promise<void> {
  for (const chunk of chunksOf(messages, MAX_SEND_BYTES)) {
    const topics = [...new Set(chunk.map(({ topic }) => topic))];
    await producer.sendBatch({
      acks: -1,
      topicMessages: topics.map((topic) => ({ topic, messages: chunk.filter((one) => one.topic === topic).map(({ message }) => message) })),
    });
  }
}

function chunksOf<T extends { message: Message }>(items: T[], maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let size = Infinity;
  for (const item of items) {
    const bytes = Buffer.byteLength(item.message.value as string) + 256;
    if (size + bytes > maxBytes) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1].push(item);
    size += bytes;
  }
  return chunks;
}
