import type { PipelineStage } from '@provenance/domain';
import type { StageRequestMessage } from '@provenance/kafka';

export interface PackageVersion {
  package: string;
  version: string;
}

/** The parts of each stage's request the agent uses. */
export interface PackageBuildRequest {
  package: string;
  inputs: PackageVersion[];
}
export interface PinningRequest {
  builds: PackageVersion[];
}
export interface CandidateBuildRequest {
  pinnedSetId: string;
}
export interface AqfRunRequest {
  imageDigest: string;
  environment: string;
}

/** A Kafka message as kafkajs hands it over, as far as the agent reads it. */
export interface RequestRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export type ReadRequest =
  | { kind: 'request'; message: StageRequestMessage }
  | { kind: 'other-stage'; stage: string }
  | { kind: 'unreadable'; problem: string };

const REQUIRED: Record<PipelineStage, Record<string, 'text' | 'versions'>> = {
  'package-build': { package: 'text', inputs: 'versions' },
  pinning: { builds: 'versions' },
  'candidate-build': { pinnedSetId: 'text' },
  'aqf-run': { imageDigest: 'text', environment: 'text' },
};

const headerText = (value: Buffer | string | (Buffer | string)[] | undefined) =>
  value === undefined ? undefined : (Array.isArray(value) ? value[0] : value)?.toString();

const isVersions = (value: unknown) =>
  Array.isArray(value) && value.every((item: { package?: unknown; version?: unknown } | null) => typeof item?.package === 'string' && typeof item?.version === 'string');

/** The request in a message of the requests topic, if it is one for this stage and has what the stage needs. */
export function readStageRequest(record: RequestRecord, stage: PipelineStage): ReadRequest {
  const named = headerText(record.headers?.stage) ?? record.key?.toString();
  if (named !== undefined && named !== stage) return { kind: 'other-stage', stage: named };
  let value: Partial<StageRequestMessage>;
  try {
    value = JSON.parse(record.value?.toString() ?? '') as Partial<StageRequestMessage>;
  } catch {
    return { kind: 'unreadable', problem: 'its value is not JSON' };
  }
  if (typeof value?.requestId !== 'string' || !value.requestId) return { kind: 'unreadable', problem: 'it has no requestId' };
  if (value.stage !== stage) {
    if (named === undefined && typeof value.stage === 'string') return { kind: 'other-stage', stage: value.stage };
    return { kind: 'unreadable', problem: `its value says stage ${JSON.stringify(value.stage)}, its key or header ${stage}` };
  }
  const request = value.request;
  if (typeof request !== 'object' || request === null) return { kind: 'unreadable', problem: `request ${value.requestId} has no request data` };
  for (const [field, shape] of Object.entries(REQUIRED[stage])) {
    const ok = shape === 'text' ? typeof request[field] === 'string' && request[field] !== '' : isVersions(request[field]);
    if (!ok) return { kind: 'unreadable', problem: `request ${value.requestId} has no ${shape === 'text' ? field : `${field} (a list of {package, version})`}` };
  }
  const runId = typeof value.runId === 'string' ? value.runId : typeof request.runId === 'string' ? request.runId : null;
  return {
    kind: 'request',
    message: { requestId: value.requestId, stage, runId, requestedAt: String(value.requestedAt ?? ''), request },
  };
}
