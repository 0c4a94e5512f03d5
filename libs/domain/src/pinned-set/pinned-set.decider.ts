import { Decider, DomainEvent, unreachable } from '../shared/decider';
import { recordOnce } from '../shared/record-once';
import type { PackageVersion } from '../package-build/package-build.decider';
import type { PinnedRequirement } from './pinned-requirement';

export type PinnedSetFact = {
  /** `sha256:` of the canonical form of the requirements (see pinned-set-id.ts). */
  id: string;
  name: string;
  requirements: PinnedRequirement[];
  /** The package builds the set was pinned from. */
  builds: PackageVersion[];
  indexUrl: string | null;
  extraIndexUrls: string[];
  requestId: string | null;
};

export type PinnedSetRecorded = DomainEvent<'PinnedSetRecorded', PinnedSetFact>;
export type PinnedSetEvent = PinnedSetRecorded;
export type RecordPinnedSet = { type: 'RecordPinnedSet'; fact: PinnedSetFact };
export type PinnedSetState = { recorded?: PinnedSetFact };

export const pinnedSetStreamId = (id: string) => `pinned-set-${id}`;

export const pinnedSetDecider: Decider<PinnedSetState, RecordPinnedSet, PinnedSetEvent> = {
  initialState: {},
  evolve(state, event) {
    switch (event.type) {
      case 'PinnedSetRecorded':
        return { recorded: event.data };
      default:
        return unreachable(event.type);
    }
  },
  decide(command, state) {
    // The id is the requirements' content; `via` annotations and index options are how the
    // file was written, not what was pinned, so they do not make a different set.
    return recordOnce(`pinned set ${command.fact.id}`, state.recorded, { type: 'PinnedSetRecorded', data: command.fact }, [
      'requirements',
      'indexUrl',
      'extraIndexUrls',
      'requestId',
    ]);
  },
};
