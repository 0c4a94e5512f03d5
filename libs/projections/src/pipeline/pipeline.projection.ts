import type {
  AqfRunRequested,
  CandidateBuildRequested,
  PackageBuildFact,
  PackageBuildRequested,
  PinningRequested,
  PipelineRunEnded,
  PipelineRunStarted,
  StageAnswered,
  StageTimedOut,
} from '@provenance/domain';
import type { RecordedEvent } from '@provenance/event-store';
import type { Projection, RowWrite } from '../projection';

/**
 * The pipeline's read model: every stage request (the agents' queue, paged by log position)
 * and every pipeline run with its outcome.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_pipeline_requests (
  request_id text PRIMARY KEY, stage text NOT NULL, run_id text, position text COLLATE "C" NOT NULL, request jsonb NOT NULL,
  requested_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL,
  answer text, answered_at timestamptz, timed_out_at timestamptz);

CREATE TABLE IF NOT EXISTS rm_pipeline_runs (
  run_id text PRIMARY KEY, position text COLLATE "C" NOT NULL, builds jsonb NOT NULL, earliest_commit_at timestamptz,
  started_at timestamptz NOT NULL, outcome text, image_digest text, ended_at timestamptz, lead_time_seconds bigint)`;

const INDEXES = [
  'CREATE INDEX IF NOT EXISTS rm_pipeline_requests_stage ON rm_pipeline_requests (stage, position)',
  'CREATE INDEX IF NOT EXISTS rm_pipeline_requests_run ON rm_pipeline_requests (run_id)',
];

type Data<E extends { data: unknown }> = E['data'];

const request = (event: RecordedEvent, stage: string, runId: string | null, requestedAt: string): RowWrite => ({
  table: 'rm_pipeline_requests',
  key: { request_id: (event.data as { requestId: string }).requestId },
  set: { stage, run_id: runId, position: event.position, request: event.data, requested_at: requestedAt, recorded_at: event.metadata.recordedAt },
  mode: 'insert',
});
const answer = (requestId: string, set: Record<string, unknown>): RowWrite => ({ table: 'rm_pipeline_requests', key: { request_id: requestId }, set, mode: 'update' });

const EVOLVE: Record<string, (event: RecordedEvent) => RowWrite[]> = {
  PackageBuildRequested: (event) => [request(event, 'package-build', null, (event.data as Data<PackageBuildRequested>).requestedAt)],
  PinningRequested: (event) => [request(event, 'pinning', (event.data as Data<PinningRequested>).runId, event.metadata.recordedAt)],
  CandidateBuildRequested: (event) => {
    const data = event.data as Data<CandidateBuildRequested>;
    return [request(event, 'candidate-build', data.runId, data.requestedAt)];
  },
  AqfRunRequested: (event) => {
    const data = event.data as Data<AqfRunRequested>;
    return [request(event, 'aqf-run', data.runId, data.requestedAt)];
  },
  StageAnswered: (event) => {
    const data = event.data as Data<StageAnswered>;
    return [answer(data.requestId, { answer: data.answer, answered_at: data.answeredAt })];
  },
  StageTimedOut: (event) => {
    const data = event.data as Data<StageTimedOut>;
    return [answer(data.requestId, { timed_out_at: data.deadline })];
  },
  // A package build outside any run answers its request by naming it.
  PackageBuildRecorded: (event) => {
    const build = event.data as unknown as PackageBuildFact;
    if (!build.requestId) return [];
    return [answer(build.requestId, { answer: `${build.package} ${build.version} ${build.outcome}`, answered_at: event.metadata.recordedAt })];
  },
  PipelineRunStarted: (event) => {
    const data = event.data as Data<PipelineRunStarted>;
    return [
      {
        table: 'rm_pipeline_runs',
        key: { run_id: data.runId },
        set: { position: event.position, builds: data.builds, earliest_commit_at: data.earliestCommitAt, started_at: data.startedAt },
        mode: 'insert',
      },
    ];
  },
  PipelineRunEnded: (event) => {
    const data = event.data as Data<PipelineRunEnded>;
    return [
      {
        table: 'rm_pipeline_runs',
        key: { run_id: data.runId },
        set: { outcome: data.outcome, image_digest: data.imageDigest, ended_at: data.endedAt, lead_time_seconds: data.leadTimeSeconds },
        mode: 'update',
      },
    ];
  },
};

export const pipelineProjection: Projection = {
  name: 'pipeline',
  handles: new Set(Object.keys(EVOLVE)),
  schema: SCHEMA,
  indexes: INDEXES,
  tables: ['rm_pipeline_requests', 'rm_pipeline_runs'],
  evolve: (event) => EVOLVE[event.type](event),
};
