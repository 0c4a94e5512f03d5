import type { ICommand } from '@nestjs/cqrs';
import type { RecordedEvent } from '@provenance/event-store';

/** A saga: the commands one event from the log leads to (none for most events). */
export type Saga = (event: RecordedEvent) => ICommand[];

/** An event from the log, typed by its data. */
export type Logged<Data> = RecordedEvent & { data: Data };

/** A saga that reacts to events of these types only. */
export function onLogged<Data>(types: string[], react: (event: Logged<Data>) => ICommand[]): Saga {
  return (event) => (types.includes(event.type) ? react(event as Logged<Data>) : []);
}

/** The commands the sagas map one logged event to, in saga order. */
export function commandsFor(sagas: Saga[], event: RecordedEvent): ICommand[] {
  return sagas.flatMap((saga) => saga(event));
}
