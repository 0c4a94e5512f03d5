import { Decider, DomainEvent, record, unreachable } from '../shared/decider';
import type { PackageVersion } from '../package-build/package-build.decider';
import { requestIdOf, runRequestIdOf } from './request-id';

/** A leaf package's latest passed build, as the fan-in saw it. */
export type LeafBuild = PackageVersion & { finishedAt: string };

export type LeafBuildNoted = DomainEvent<'LeafBuildNoted', LeafBuild>;
export type PinningRequested = DomainEvent<'PinningRequested', { requestId: string; runId: string; builds: LeafBuild[] }>;
export type FanInEvent = LeafBuildNoted | PinningRequested;

export type NoteLeafBuild = { type: 'NoteLeafBuild'; build: LeafBuild; leafPackages: string[] };
export type FanInState = { latest: Record<string, LeafBuild>; lastRequested?: LeafBuild[] };

/** One stream gathers the leaf builds for every pipeline run. */
export const FAN_IN_STREAM_ID = 'pipeline-fan-in';

/**
 * Fan-in: when every leaf package has a passed build, and at least one is newer than in the
 * last pinning requested, request pinning naming exactly those builds. A build that arrives
 * late (finished before the one already noted) changes nothing. An empty decision means
 * nothing to record.
 */
export const fanInDecider: Decider<FanInState, NoteLeafBuild, FanInEvent> = {
  initialState: { latest: {} },
  evolve(state, event) {
    switch (event.type) {
      case 'LeafBuildNoted':
        return { ...state, latest: { ...state.latest, [`leaf:${event.data.package}`]: event.data } };
      case 'PinningRequested':
        return { ...state, lastRequested: event.data.builds };
      default:
        return unreachable(event);
    }
  },
  decide({ build, leafPackages }, state) {
    if (!leafPackages.includes(build.package)) return record<FanInEvent>();
    const noted = state.latest[`leaf:${build.package}`];
    if (noted && (noted.version === build.version || noted.finishedAt >= build.finishedAt)) return record<FanInEvent>();

    const latest = { ...state.latest, [`leaf:${build.package}`]: build };
    const builds = leafPackages.map((leaf) => latest[`leaf:${leaf}`]);
    const events: FanInEvent[] = [{ type: 'LeafBuildNoted', data: build }];
    if (builds.every(Boolean) && isNewer(builds, state.lastRequested)) {
      const runId = requestIdOf('run', ...builds.map((b) => `${b.package}==${b.version}`));
      events.push({ type: 'PinningRequested', data: { requestId: runRequestIdOf(runId, 'pinning'), runId, builds } });
    }
    return record(...events);
  },
};

function isNewer(builds: LeafBuild[], lastRequested: LeafBuild[] | undefined): boolean {
  if (!lastRequested) return true;
  return builds.some((build) => {
    const before = lastRequested.find((requested) => requested.package === build.package);
    return !before || build.finishedAt > before.finishedAt;
  });
}
