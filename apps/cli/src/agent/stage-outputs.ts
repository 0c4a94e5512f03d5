import type { PipelineStage } from '@provenance/domain';

/**
 * What a stage command prints on stdout, one JSON object per stage, in lines short enough for
 * `--help`; `?` marks what it may leave out. The agent adds what the request already says.
 * Shown in `agent --help` and whenever a command prints something else.
 */
export const STAGE_OUTPUT_LINES: Record<PipelineStage, string[]> = {
  'package-build': [
    '{"version": "1.4.2", "repository": "https://github.com/ska-sa/katcomp",',
    ' "sha": "<full git sha>",',
    ' "artifact"?: {"filename": "katcomp-1.4.2-py3-none-any.whl", "sha256": "<64 hex>"},',
    ' "buildUrl"?: "<url>", "finishedAt"?: "<RFC 3339>"}',
  ],
  pinning: ['{"requirementsText": "<pip-compile output>", "name"?: "pinned-requirements.txt"}', 'or the pip-compile output itself'],
  'candidate-build': [
    '{"digest": "sha256:<64 hex>", "name": "autobuild-2026-11-25.tar.gz",',
    ' "builderId"?: "<id>", "buildUrl"?: "<url>", "bakedAt"?: "<RFC 3339>"}',
  ],
  'aqf-run': [
    '{"passed": 412, "failed": 0, "skipped"?: 3, "outcome"?: "passed|failed|error",',
    ' "runId"?: "<id>", "reportUrl"?: "<url>",',
    ' "startedAt"?: "<RFC 3339>", "completedAt"?: "<RFC 3339>"}',
  ],
};

/** The stage's output on one line, for messages. */
export const stageOutputOf = (stage: PipelineStage) => STAGE_OUTPUT_LINES[stage].map((line) => line.trim()).join(' ');
