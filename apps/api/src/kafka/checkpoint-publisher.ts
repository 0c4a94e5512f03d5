import { FollowerContext, Lease } from '@provenance/followers';
import { KafkaSettings } from '@provenance/kafka';
import { checkpointsBetween, StoredCheckpoint } from '@provenance/notary';
import type { Kafka, Message, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { sendInOrder } from './kafka-sends';

export const CHECKPOINT_PUBLISHER = 'checkpoint-publisher';
const PAGE = 100;

/** A signed checkpoint as published: key = the note's origin line, value = the signed note, `tree-size` header. */
export function checkpointMessage(checkpoint: Pick<StoredCheckpoint, 'treeSize' | 'note'>): Message {
  return { key: checkpoint.note.slice(0, checkpoint.note.indexOf('\n')), value: checkpoint.note, headers: { 'tree-size': String(checkpoint.treeSize) } };
}

/**
 * Publishes each signed checkpoint of the tamper-evident log to the checkpoints topic, oldest
 * first, as the notary stores them (`tree_checkpoints`): a poll of the rows after the largest
 * tree size sent, by the process holding the `checkpoint-publisher` lease. That size moves
 * (`tree_checkpoints_published`, never backwards) only after the broker acknowledged the
 * notes, so delivery is at least once: a crash, or a holder that lost its lease mid-send,
 * resends identical notes, which consumers deduplicate by `tree-size`.
 */
export class CheckpointPublisher {
  private producer?: Producer;
  private readonly lease: Lease;
  private timer?: NodeJS.Timeout;
  private sending?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly context: FollowerContext,
    private readonly pollMs = 1_000,
  ) {
    this.lease = new Lease(context, CHECKPOINT_PUBLISHER, {
      acquired: () => this.context.log.log(`${CHECKPOINT_PUBLISHER}: publishing checkpoints to ${settings.checkpointsTopic}`),
      lost: (reason) => this.context.log.log(`${CHECKPOINT_PUBLISHER}: standing by (${reason})`),
    });
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.stopped = false;
    await this.lease.start();
    this.timer = setInterval(() => void this.tick(), this.pollMs).unref();
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sending;
    await this.lease.stop();
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.sending || this.lease.heldGeneration === undefined) return;
    this.sending = this.publishNew()
      .catch((error: unknown) => this.context.log.error(`${CHECKPOINT_PUBLISHER}: could not publish checkpoints: ${(error as Error).message}; trying again`))
      .finally(() => (this.sending = undefined));
    await this.sending;
  }

  /** Sends the checkpoints after the last size acknowledged, a page at a time, moving that size after each acknowledgement. */
  async publishNew(): Promise<void> {
    const db = this.context.connection;
    const topic = this.settings.checkpointsTopic;
    for (;;) {
      if (this.stopped || this.lease.heldGeneration === undefined) return;
      const [row] = await db.query<{ tree_size: string }>('SELECT tree_size::text AS tree_size FROM tree_checkpoints_published WHERE topic = $1', [topic]);
      const page = await checkpointsBetween(db, row ? Number(row.tree_size) + 1 : 1, PAGE);
      if (page.length === 0) return;
      await sendInOrder(this.producer!, page.map((checkpoint) => ({ topic, message: checkpointMessage(checkpoint) })));
      await db.query(
        `INSERT INTO tree_checkpoints_published (topic, tree_size) VALUES ($1, $2)
         ON CONFLICT (topic) DO UPDATE SET tree_size = GREATEST(tree_checkpoints_published.tree_size, EXCLUDED.tree_size)`,
        [topic, String(page[page.length - 1].treeSize)],
      );
      if (page.length < PAGE) return;
    }
  }
}
