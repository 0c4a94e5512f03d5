import type { CommandBus, ICommand, IEvent } from '@nestjs/cqrs';
import { SAGA_METADATA } from '@nestjs/cqrs/dist/decorators/constants';
import type { EventStore, LogPosition, RecordedEvent } from '@provenance/event-store';
import { FollowerContext, LogFollower } from '@provenance/followers';
import { FactRefused } from '@provenance/recording';
import { lastValueFrom, merge, Observable, of, toArray } from 'rxjs';
import { LoggedEvent } from './logged-event';

type SagaFunction = (events$: Observable<IEvent>) => Observable<ICommand>;

/** The `@Saga()` functions of an object, bound to it, in declaration order. */
export function sagasOf(holder: object): SagaFunction[] {
  const keys: string[] = Reflect.getMetadata(SAGA_METADATA, holder.constructor) ?? [];
  return keys.map((key) => ((holder as Record<string, SagaFunction>)[key] as SagaFunction).bind(holder));
}

/** The commands the sagas map one logged event to, in saga order. */
export function commandsFor(sagas: SagaFunction[], event: RecordedEvent): Promise<ICommand[]> {
  const event$ = of(new LoggedEvent(event));
  return lastValueFrom(merge(...sagas.map((saga) => saga(event$))).pipe(toArray()), { defaultValue: [] });
}

/**
 * Feeds `@Saga()` functions from the durable global log instead of the in-memory event bus:
 * for each event in log order it collects the commands the sagas map it to and executes them
 * one by one, awaiting each, and moves the checkpoint past a batch only when every command of
 * the batch has completed. After a crash the batch is replayed; the commands are idempotent
 * (deterministic ids, deciders that find the step already taken), so nothing happens twice.
 * A command a rule refuses is logged and skipped; any other failure restarts from the checkpoint.
 */
export class SagaRunner {
  private readonly sagas: SagaFunction[];
  readonly follower: LogFollower;

  constructor(
    store: EventStore,
    context: FollowerContext,
    private readonly commandBus: CommandBus,
    holders: object[],
    private readonly log: { warn(message: string): void },
    name = 'pipeline-sagas',
  ) {
    this.sagas = holders.flatMap(sagasOf);
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
      for (const command of await commandsFor(this.sagas, event)) {
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
