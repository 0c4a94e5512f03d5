/**
 * A fact as the HTTP API takes it: the request body of one recording route plus, for the two
 * result routes, the id that route carries in its path. `type` names the route; every other
 * field has the name, format and optionality of the route's DTO (`apps/api/src/<fact>/*.dto.ts`),
 * which validates the message before it is recorded. Optional fields are left out, never `undefined`.
 */
export type FactMessage =
  | CommitFactMessage
  | PackageBuildFactMessage
  | ImageFactMessage
  | AqfRunStartFactMessage
  | AqfRunResultFactMessage
  | DeploymentFactMessage
  | DeploymentResultFactMessage;

export type FactType = FactMessage['type'];

/** `POST /api/v1/commits` (CommitDto). */
export type CommitFactMessage = {
  type: 'commit';
  repository: string;
  sha: string;
  parents: string[];
  branch?: string;
  author: string;
  message: string;
  committedAt: string;
};

export type PackageVersion = { package: string; version: string };

/** `POST /api/v1/builds` (PackageBuildDto). */
export type PackageBuildFactMessage = PackageVersion & {
  type: 'build';
  repository: string;
  sha: string;
  outcome: 'passed' | 'failed';
  /** The built file; present when the build passed. */
  artifact?: { filename: string; sha256: string };
  buildUrl?: string;
  builtAgainst?: PackageVersion[];
  finishedAt: string;
  requestId?: string;
};

/** `POST /api/v1/images` (ImageDto). */
export type ImageFactMessage = {
  type: 'image';
  digest: string;
  name: string;
  pinnedSetId: string;
  builderId?: string;
  buildUrl?: string;
  bakedAt: string;
  requestId?: string;
};

/** `POST /api/v1/aqf-runs` (AqfRunStartDto). */
export type AqfRunStartFactMessage = {
  type: 'aqf-run';
  runId: string;
  imageDigest: string;
  environment: string;
  startedAt: string;
  requestId?: string;
};

/** `POST /api/v1/aqf-runs/:runId/result` (AqfRunResultDto, and `runId` from the path). */
export type AqfRunResultFactMessage = {
  type: 'aqf-result';
  runId: string;
  outcome: 'passed' | 'failed' | 'error';
  passed: number;
  failed: number;
  skipped: number;
  reportUrl?: string;
  completedAt: string;
};

/** `POST /api/v1/deployments` (DeploymentDto). */
export type DeploymentFactMessage = {
  type: 'deployment';
  deploymentId: string;
  environment: string;
  imageDigest: string;
  nodes: string[];
  configRevision?: { repository: string; sha: string };
  startedAt: string;
  by?: string;
};

/** `POST /api/v1/deployments/:deploymentId/result` (DeploymentResultDto, and `deploymentId` from the path). */
export type DeploymentResultFactMessage = {
  type: 'deployment-result';
  deploymentId: string;
  outcome: 'succeeded' | 'failed';
  finishedAt: string;
};
