/** An event as the domain speaks it: a past-tense type and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** Why a command was refused. `identity-conflict` is HTTP 409, `rule-violated` 422. */
export type Refusal =
  | { kind: 'identity-conflict'; message: string; recorded: object; attempted: object; differences: Difference[] }
  | { kind: 'rule-violated'; rule: string; message: string };

export interface Difference {
  field: string;
  recorded: unknown;
  attempted: unknown;
}

/**
 * What a decider makes of a command: new events; nothing new, because the command repeats a
 * recorded fact (`existing` is that fact's event, so callers can answer with its position);
 * or a refusal.
 */
export type Decision<Event extends DomainEvent<string, object>> =
  | { outcome: 'record'; events: Event[] }
  | { outcome: 'already-recorded'; existing: Event }
  | { outcome: 'refused'; refusal: Refusal };

/** One aggregate: its state folded from its events, and the rules that turn a command into events. */
export interface Decider<State, Command, Event extends DomainEvent<string, object>> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Decision<Event>;
}

/** The state a stream's events add up to, event by event from the decider's initial state. */
export function fold<State, Event extends DomainEvent<string, object>>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

export const record = <Event extends DomainEvent<string, object>>(...events: Event[]): Decision<Event> => ({ outcome: 'record', events });
export const alreadyRecorded = <Event extends DomainEvent<string, object>>(existing: Event): Decision<Event> => ({
  outcome: 'already-recorded',
  existing,
});
export const refuse = (rule: string, message: string): { outcome: 'refused'; refusal: Refusal } => ({
  outcome: 'refused',
  refusal: { kind: 'rule-violated', rule, message },
});

export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
