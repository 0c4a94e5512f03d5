import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, LogPosition, RecordedEvent } from '@provenance/event-store';
import { FollowerContext, LogFollower } from '@provenance/followers';
import { FactRefused } from '@provenance/recording';
import { commandsFor, Saga } from './saga';

/**
 * Feeds the sagas from the durable global log, not from the in-memory event bus: for each
 * event in log order it collects the commands the sagas map it to and executes them one by
 * one, awaiting each, and moves the checkpoint past a batch only when every command of
 * the batch has completed. After a crash the batch is replayed; the commands are idempotent
 * (deterministic ids, deciders that find the step already taken), so nothing happens twice.
 * A command a rule refuses is logged and skipped; any other failure restarts from the checkpoint.
 */
export class SagaRunner {
  readonly follower: LogFollower;

  constructor(
    store: EventStore,
    context: FollowerContext,
    private readonly commandBus: CommandBus,
    private readonly sagas: Saga[],
    private readonly log: { warn(message: string): void },
    name = 'pipeline-sagas',
  ) {
    this.follower = new LogFollower(store, context, name, { beforeCheckpoint: (events) => this.handle(events) });
  }

  start(): Promise<void> {
    return this.follower.start();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /** Resolves once this process's sagas have handled the log up to `target`. */
  reached(target: LogPosition, timeoutMs = 30_000): Promise<void> {
    return this.follower.reached(target, timeoutMs);
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      for (const command of commandsFor(this.sagas, event)) {
        try {
          await this.commandBus.execute(command);
        } catch (error) {
          if (!(error instanceof FactRefused)) throw error;
          this.log.warn(`${command.constructor.name} for event ${event.id} (${event.type}) was refused: ${error.message}`);
        }
      }
    }
  }
}
