import type { PipelineStage } from '@provenance/domain';
import type { SqlQueryable } from '@provenance/event-store';
import { iso } from '../provenance/packages.sql';

export type StageTimeouts = Record<PipelineStage, number>;

export interface StageRequestView {
  requestId: string;
  stage: PipelineStage;
  runId: string | null;
  /** The request's place in the log: pass it back as `after` to page on. */
  cursor: string;
  state: 'open' | 'answered' | 'timed-out';
  requestedAt: string;
  deadline: string;
  answer: string | null;
  answeredAt: string | null;
  /** The deadline it was reported timed out against (kept when a late answer came after). */
  timedOutAt: string | null;
  /** What the agent needs: the request event as recorded. */
  request: Record<string, unknown>;
}

export interface PipelineRunView {
  runId: string;
  state: 'running' | 'release-candidate' | 'rejected';
  startedAt: string;
  builds: { package: string; version: string; finishedAt: string }[];
  earliestCommitAt: string | null;
  imageDigest: string | null;
  endedAt: string | null;
  /** From the earliest commit in the run to its end as a release candidate or rejection. */
  leadTimeSeconds: number | null;
  stages: StageRequestView[];
}

type RequestRow = {
  request_id: string; stage: PipelineStage; run_id: string | null; position: string; request: Record<string, unknown>;
  requested_at: string; answer: string | null; answered_at: string | null; timed_out_at: string | null;
};
const REQUEST_COLUMNS = `request_id, stage, run_id, position, request, ${iso('requested_at')} AS requested_at, answer,
  ${iso('answered_at')} AS answered_at, ${iso('timed_out_at')} AS timed_out_at`;

type RunRow = {
  run_id: string; builds: PipelineRunView['builds']; earliest_commit_at: string | null; started_at: string;
  outcome: 'release-candidate' | 'rejected' | null; image_digest: string | null; ended_at: string | null; lead_time_seconds: string | null;
};
const RUN_COLUMNS = `run_id, builds, ${iso('earliest_commit_at')} AS earliest_commit_at, ${iso('started_at')} AS started_at, outcome,
  image_digest, ${iso('ended_at')} AS ended_at, lead_time_seconds`;

/** The pipeline's requests and runs, from its read model. */
export class PipelineQueries {
  constructor(private readonly db: SqlQueryable, private readonly timeouts: StageTimeouts) {}

  /** Requests after a cursor, oldest first: the agents' queue. */
  async requests(options: { stage?: PipelineStage; after?: string; limit: number }): Promise<StageRequestView[]> {
    const rows = await this.db.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM rm_pipeline_requests
        WHERE ($1::text IS NULL OR stage = $1) AND position > $2 ORDER BY position LIMIT $3`,
      [options.stage ?? null, options.after ?? '', options.limit],
    );
    return rows.map((row) => this.requestView(row));
  }

  async runs(limit: number): Promise<PipelineRunView[]> {
    const runs = await this.db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM rm_pipeline_runs ORDER BY position DESC LIMIT $1`, [limit]);
    return this.withStages(runs);
  }

  async run(runId: string): Promise<PipelineRunView | undefined> {
    const runs = await this.db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM rm_pipeline_runs WHERE run_id = $1`, [runId]);
    return (await this.withStages(runs))[0];
  }

  /** Runs still going that have a stage open past its deadline: the deadline watch checks them. */
  async runsPastADeadline(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ run_id: string }>(
      `SELECT DISTINCT r.run_id FROM rm_pipeline_requests r JOIN rm_pipeline_runs run ON run.run_id = r.run_id
        WHERE run.outcome IS NULL AND r.answered_at IS NULL AND r.timed_out_at IS NULL
          AND r.requested_at + make_interval(secs => (($2::jsonb) ->> r.stage)::int) < $1`,
      [now.toISOString(), JSON.stringify(this.timeouts)],
    );
    return rows.map((row) => row.run_id);
  }

  /** Package-build requests outside runs, unanswered past their deadline and not yet reported. */
  async buildRequestsPastTheirDeadline(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ request_id: string }>(
      `SELECT request_id FROM rm_pipeline_requests
        WHERE stage = 'package-build' AND answered_at IS NULL AND timed_out_at IS NULL
          AND requested_at + make_interval(secs => $2::int) < $1`,
      [now.toISOString(), this.timeouts['package-build']],
    );
    return rows.map((row) => row.request_id);
  }

  private async withStages(runs: RunRow[]): Promise<PipelineRunView[]> {
    if (runs.length === 0) return [];
    const requests = await this.db.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM rm_pipeline_requests WHERE run_id = ANY($1::text[]) ORDER BY position`,
      [runs.map((run) => run.run_id)],
    );
    return runs.map((run) => ({
      runId: run.run_id,
      state: run.outcome ?? 'running',
      startedAt: run.started_at,
      builds: run.builds,
      earliestCommitAt: run.earliest_commit_at,
      imageDigest: run.image_digest,
      endedAt: run.ended_at,
      leadTimeSeconds: run.lead_time_seconds === null ? null : Number(run.lead_time_seconds),
      stages: requests.filter((request) => request.run_id === run.run_id).map((request) => this.requestView(request)),
    }));
  }

  private requestView(row: RequestRow): StageRequestView {
    return {
      requestId: row.request_id,
      stage: row.stage,
      runId: row.run_id,
      cursor: row.position,
      state: row.answered_at ? 'answered' : row.timed_out_at ? 'timed-out' : 'open',
      requestedAt: row.requested_at,
      deadline: new Date(Date.parse(row.requested_at) + this.timeouts[row.stage] * 1000).toISOString(),
      answer: row.answer,
      answeredAt: row.answered_at,
      timedOutAt: row.timed_out_at,
      request: row.request,
    };
  }
}
