import { AqfRunResultDto, AqfRunStartDto, RunIdParam } from './aqf-run/aqf-run.dto';
import { CommitDto } from './commit/commit.dto';
import { DeploymentDto, DeploymentIdParam, DeploymentResultDto } from './deployment/deployment.dto';
import { ConfigurationDto, EnvironmentField, PatchDto } from './environment/environment.dto';
import { ImageDto } from './image/image.dto';
import { PackageBuildDto } from './package-build/package-build.dto';
import { PackageGraphDto } from './package-graph/package-graph.dto';
import { PinnedSetDto } from './pinned-set/pinned-set.dto';

/**
 * Every fact type: the DTO of its HTTP route's body and, for the routes that carry an id in their
 * path, the field and DTO of that id. A message of the type is the body plus `type` and that id.
 */
export const FACT_SCHEMAS = {
  commit: { body: CommitDto },
  build: { body: PackageBuildDto },
  'pinned-set': { body: PinnedSetDto },
  'package-graph': { body: PackageGraphDto },
  image: { body: ImageDto },
  'aqf-run': { body: AqfRunStartDto },
  'aqf-result': { body: AqfRunResultDto, path: { field: 'runId', dto: RunIdParam } },
  deployment: { body: DeploymentDto },
  'deployment-result': { body: DeploymentResultDto, path: { field: 'deploymentId', dto: DeploymentIdParam } },
  patch: { body: PatchDto, path: { field: 'environment', dto: EnvironmentField } },
  config: { body: ConfigurationDto, path: { field: 'environment', dto: EnvironmentField } },
} as const;

export type FactType = keyof typeof FACT_SCHEMAS;

export const FACT_TYPES = Object.keys(FACT_SCHEMAS) as FactType[];

export function isFactType(value: unknown): value is FactType {
  // Own keys only: `toString`, `constructor` or `__proto__` would otherwise find what every object inherits.
  return typeof value === 'string' && Object.hasOwn(FACT_SCHEMAS, value);
}

type FactSchema = { body: new () => object; path?: { field: string; dto: new () => object } };

/** A fact type's schema, as one shape for code that handles every type alike. */
export const schemaOf = (type: FactType): FactSchema => FACT_SCHEMAS[type];
