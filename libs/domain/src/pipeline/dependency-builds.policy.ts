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
  }
>;

/**
 * "When a package is successfully built, other packages downstream to it should immediately
 * also build, using the former's latest built version." Downstream comes from the package
 * graph recorded from pipdeptree. `triggeredBy` is the build event's id, `at` when it was recorded.
 */
export function downstreamBuildRequests(build: PackageBuildFact, triggeredBy: string, at: string, graph: PackageGraphFact | undefined): PackageBuildRequested[] {
  if (build.outcome !== 'passed' || !graph) return [];
  return graph.packages
    .filter((node) => node.dependencies.some((dependency) => dependency.name === build.package))
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
      },
    }));
}
