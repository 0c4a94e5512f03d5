import type { LoggerService } from '@nestjs/common';
import { signedEnvelope, Statement, statementDigest } from '@provenance/attestations';
import type { EventStore, LogPosition, RecordedEvent, SqlQueryable } from '@provenance/event-store';
import { FollowerContext, LogFollower } from '@provenance/followers';
import type { KafkaSettings } from '@provenance/kafka';
import { attestableChangesOf, attestedSubjectsOf, nothingAttestable, ProjectionRunner, provenanceFactsProjection } from '@provenance/projections';
import type { SigningKey } from '@provenance/signing';
import type { Kafka, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { AttestationBundles } from '../attestations/attestation-bundles';
import { attestationMessage } from './attestation-message';
import { sendInOrder } from './kafka-sends';

/** The statements already on the topic, by digest: written with the checkpoint of the batch that sent them. */
const PUBLISHED_SCHEMA = `CREATE TABLE IF NOT EXISTS attestations_published (
  statement_digest text PRIMARY KEY,
  subject_digest text NOT NULL,
  predicate_type text NOT NULL,
  log_position text NOT NULL
)`;

/** How long a batch waits for the provenance read model to apply it before the follower retries. */
const READ_MODEL_WAIT_MS = 60_000;

type Sent = { statementDigest: string; subjectDigest: string; predicateType: string };

/**
 * Every new or changed signed statement goes to the attestations topic, for a store that
 * collects them (Archivista, GUAC). For each batch of the log that adds a fact a statement
 * rests on, it waits for the provenance read model to have applied the batch, rebuilds the
 * statements of the images concerned (or of a package build no image names), and sends the
 * ones whose digest was never sent, signed; those digests are remembered with the checkpoint,
 * which moves only after the broker acknowledged. Delivery is at least once: a crash resends
 * the last batch's envelopes, byte for byte (canonical JSON, deterministic Ed25519), and
 * consumers deduplicate by the `statement-digest` header. Of several processes, the one
 * holding the `attestation-publisher` lease publishes.
 */
export class AttestationPublisher {
  private producer?: Producer;
  readonly follower: LogFollower;
  /** What the batch in progress sent, remembered with its checkpoint. */
  private sent: Sent[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    store: EventStore,
    private readonly context: FollowerContext,
    private readonly projections: ProjectionRunner,
    private readonly bundles: AttestationBundles,
    private readonly key: SigningKey,
    private readonly log: LoggerService,
  ) {
    this.follower = new LogFollower(store, context, 'attestation-publisher', {
      prepare: () => context.connection.execScript(PUBLISHED_SCHEMA),
      beforeCheckpoint: (events) => this.publish(events),
      withCheckpoint: (tx, events) => this.remember(tx, events[events.length - 1].position),
    });
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await this.producer?.disconnect();
  }

  private async publish(events: RecordedEvent[]): Promise<void> {
    this.sent = [];
    const changes = attestableChangesOf(events);
    if (nothingAttestable(changes)) return;
    await this.projections.applied(provenanceFactsProjection.name, events[events.length - 1].position, READ_MODEL_WAIT_MS);
    const db = this.context.connection;
    const subjects = await attestedSubjectsOf(db, changes);
    const statements: Statement[] = [];
    for (const digest of subjects.images) statements.push(...(await this.bundles.imageStatements(db, digest)));
    statements.push(...(await this.bundles.buildStatements(db, subjects.loneBuilds)));
    const fresh = await this.unsent(db, statements);
    const messages = fresh.map((statement) => attestationMessage(statement, signedEnvelope(statement, this.key)));
    const fitting = messages.filter((message) => {
      const bytes = Buffer.byteLength(message.value as string);
      if (bytes <= this.settings.attestationMaxMessageBytes) return true;
      // Refused by the broker, it would hold back every later statement; it stays available over HTTP.
      this.log.error(`not publishing the ${String(message.headers!['predicate-type'])} statement about ${String(message.key)}: ${bytes} bytes is over the topic's ${this.settings.attestationMaxMessageBytes}`);
      return false;
    });
    await sendInOrder(this.producer!, fitting.map((message) => ({ topic: this.settings.attestationsTopic, message })));
    this.sent = fresh.map((statement) => ({ statementDigest: statementDigest(statement), subjectDigest: statement.subject[0].digest!.sha256, predicateType: statement.predicateType }));
  }

  /** The statements not sent before, each once, in order. */
  private async unsent(db: SqlQueryable, statements: Statement[]): Promise<Statement[]> {
    const byDigest = new Map(statements.map((statement) => [statementDigest(statement), statement]));
    if (byDigest.size === 0) return [];
    const rows = await db.query<{ statement_digest: string }>('SELECT statement_digest FROM attestations_published WHERE statement_digest = ANY($1)', [[...byDigest.keys()]]);
    for (const row of rows) byDigest.delete(row.statement_digest);
    return [...byDigest.values()];
  }

  private async remember(tx: SqlQueryable, position: LogPosition): Promise<void> {
    if (this.sent.length === 0) return;
    await tx.query(
      `INSERT INTO attestations_published (statement_digest, subject_digest, predicate_type, log_position)
       SELECT s."statementDigest", s."subjectDigest", s."predicateType", $2 FROM jsonb_to_recordset($1::jsonb) AS s("statementDigest" text, "subjectDigest" text, "predicateType" text)
       ON CONFLICT (statement_digest) DO NOTHING`,
      [JSON.stringify(this.sent), position],
    );
    this.sent = [];
  }
}
