import { Decider, record, alreadyRecorded } from '../shared/decider';
import type { PackageBuildRequested } from './dependency-builds.policy';

export type RequestPackageBuild = { type: 'RequestPackageBuild'; request: PackageBuildRequested };

/** A package-build request outside any pipeline run lives in a stream of its own. */
export const buildRequestStreamId = (requestId: string) => `request-${requestId}`;

/**
 * A build request is made once: its id derives from the build that triggered it, so a replay
 * asks again with the same id and finds it already made.
 */
export const buildRequestDecider: Decider<PackageBuildRequested | undefined, RequestPackageBuild, PackageBuildRequested> = {
  initialState: undefined,
  evolve: (state, event) => state ?? event,
  decide: ({ request }, made) => (made ? alreadyRecorded(made) : record(request)),
};
