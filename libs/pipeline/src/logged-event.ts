import type { IEvent } from '@nestjs/cqrs';
import type { RecordedEvent } from '@provenance/event-store';
import { filter, map, type OperatorFunction } from 'rxjs';

/** An event read from the global log, as the sagas receive it. */
export class LoggedEvent implements IEvent {
  constructor(readonly recorded: RecordedEvent) {}
}

/** Keeps the logged events of these types, typed by their data. */
export function loggedOf<Data>(...types: string[]): OperatorFunction<IEvent, RecordedEvent & { data: Data }> {
  return (events$) =>
    events$.pipe(
      filter((event): event is LoggedEvent => event instanceof LoggedEvent && types.includes(event.recorded.type)),
      map((event) => event.recorded as RecordedEvent & { data: Data }),
    );
}
