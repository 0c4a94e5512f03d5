import type { PipelineStage } from '@provenance/domain';

/**
 * A stage request as published to the requests topic (`pipeline.requests`): key = stage,
 * headers `event-id`, `event-type`, `request-id`, `stage`; the value is this, as JSON.
 * `request` is the request event's data: what the agent needs (the package and its inputs,
 * the builds to pin, the pinned set to bake, the image and environment to verify).
 */
export interface StageRequestMessage {
  requestId: string;
  stage: PipelineStage;
  runId: string | null;
  requestedAt: string;
  request: Record<string, unknown>;
}

/** Request events by type, with the stage each asks for. */
export const STAGE_OF_REQUEST: Record<string, PipelineStage> = {
  PackageBuildRequested: 'package-build',
  PinningRequested: 'pinning',
  CandidateBuildRequested: 'candidate-build',
  AqfRunRequested: 'aqf-run',
};
