import { fold, type Decider, type DomainEvent, type Refusal } from '@provenance/domain';

/**
 * Decider tests in the team's form:
 *   spec.given([...events]).when(command).then([...events])
 * or .thenAlreadyRecorded(existing) or .thenRefused({ kind, rule, ... }).
 */
export function deciderSpec<State, Command, Event extends DomainEvent<string, object>>(decider: Decider<State, Command, Event>) {
  return {
    given(events: Event[]) {
      const state = fold(decider, events);
      return {
        when(command: Command) {
          const decision = decider.decide(command, state);
          return {
            then(expected: Event[]) {
              expect(decision).toEqual({ outcome: 'record', events: expected });
            },
            thenAlreadyRecorded(existing: Event) {
              expect(decision).toEqual({ outcome: 'already-recorded', existing });
            },
            thenRefused(expected: Partial<Refusal> & Record<string, unknown>) {
              expect(decision).toMatchObject({ outcome: 'refused', refusal: expected });
            },
            get decision() {
              return decision;
            },
          };
        },
      };
    },
  };
}
