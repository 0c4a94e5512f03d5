import type { DomainEvent } from '../shared/decider';
import type { PackageBuildFact, PackageVersion } from '../package-build/package-build.decider';
import type { PackageGraphFact } from '../package-graph/package-graph.decider';
import { requestIdOf } from './request-id';

export type PackageBuildRequested = DomainEvent<
  'PackageBuildRequested',
  {
    requestId: string;
    package: string;
    /** Build against this upstream version: the build that triggered the request. */
    inputs: PackageVersion[];
    requestedBecause: string;
    requestedAt: string;
    /**
     * The packages built so far in this wave of dependency-driven builds, from the one that
     * started it. Absent from requests recorded before waves were followed.
     */
    wave?: string[];
  }
>;

/**
 * "When a package is successfully built, other packages downstream to it should immediately
 * also build, using the former's latest built version." Downstream comes from the package
 * graph recorded from pipdeptree. `triggeredBy` is the build event's id, `at` when it was recorded.
 *
 * A build that answers a request (`answered`, the request its `requestId` names) continues that
 * request's wave, and a wave never requests a package it already built: round a dependency
 * cycle (pip installs them) each package is rebuilt once, and the wave ends.
 */
export function downstreamBuildRequests(
  build: PackageBuildFact,
  triggeredBy: string,
  at: string,
  graph: PackageGraphFact | undefined,
  answered?: PackageBuildRequested['data'],
): PackageBuildRequested[] {
  if (build.outcome !== 'passed' || !graph) return [];
  const wave = [...waveBefore(build, answered), build.package];
  return graph.packages
    .filter((node) => !wave.includes(node.name) && node.dependencies.some((dependency) => dependency.name === build.package))
    .map((node) => node.name)
    .sort()
    .map((downstream) => ({
      type: 'PackageBuildRequested',
      data: {
        requestId: requestIdOf('package-build', triggeredBy, downstream),
        package: downstream,
        inputs: [{ package: build.package, version: build.version }],
        requestedBecause: `${build.package} ${build.version} passed and ${downstream} depends on it`,
        requestedAt: at,
        wave,
      },
    }));
}

/** The wave a build continues: none unless it is the build its request asked for. */
function waveBefore(build: PackageBuildFact, answered: PackageBuildRequested['data'] | undefined): string[] {
  if (answered === undefined || answered.requestId !== build.requestId || answered.package !== build.package) return [];
  return (answered.wave ?? answered.inputs.map((input) => input.package)).filter((name) => name !== build.package);
}
