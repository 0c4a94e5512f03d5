import type {
  AqfRunCompleted,
  AqfRunStarted,
  CommitRecorded,
  ConfigurationApplied,
  DeploymentFinished,
  DeploymentStarted,
  ImageBaked,
  PackageBuildRecorded,
  PatchApplied,
  PinnedSetRecorded,
  ReleaseCandidatePromoted,
} from '@provenance/domain';
import type { RecordedEvent } from '@provenance/event-store';
import type { Projection, RowWrite } from '../projection';
import { PROVENANCE_FACTS_INDEXES, PROVENANCE_FACTS_SCHEMA, PROVENANCE_FACTS_TABLES } from './provenance-facts.schema';

type Data<E extends { data: unknown }> = E['data'];

const insert = (table: string, key: Record<string, unknown>, set: Record<string, unknown>): RowWrite => ({ table, key, set, mode: 'insert' });
const complete = (table: string, key: Record<string, unknown>, set: Record<string, unknown>): RowWrite => ({ table, key, set, mode: 'update' });

/** Row writes for each fact, by event type. Pure: the same event always gives the same rows. */
const EVOLVE: Record<string, (event: RecordedEvent, recordedAt: string) => RowWrite[]> = {
  CommitRecorded: (event, recordedAt) => {
    const c = event.data as Data<CommitRecorded>;
    return [
      insert('rm_commits', { repository: c.repository, sha: c.sha }, {
        parents: c.parents, branch: c.branch, author: c.author, message: c.message, committed_at: c.committedAt, recorded_at: recordedAt,
      }),
    ];
  },
  PackageBuildRecorded: (event, recordedAt) => {
    const b = event.data as Data<PackageBuildRecorded>;
    return [
      insert('rm_builds', { package: b.package, version: b.version }, {
        repository: b.repository, sha: b.sha, outcome: b.outcome, artifact_filename: b.artifact?.filename ?? null,
        artifact_sha256: b.artifact?.sha256 ?? null, build_url: b.buildUrl, built_against: b.builtAgainst,
        finished_at: b.finishedAt, recorded_at: recordedAt,
      }),
    ];
  },
  PinnedSetRecorded: (event, recordedAt) => {
    const p = event.data as unknown as Data<PinnedSetRecorded>;
    return [
      insert('rm_pinned_sets', { id: p.id }, { name: p.name, builds: p.builds, recorded_at: recordedAt }),
      ...p.requirements.map((r) =>
        insert('rm_pinned_requirements', { pinned_set_id: p.id, name: r.name }, {
          version: r.version, url: r.url, hashes: r.hashes,
          // A VCS or path requirement pins no version: it is the one of the build the set names.
          resolved_version: r.version ?? p.builds.find((build) => build.package === r.name)?.version ?? null,
        }),
      ),
    ];
  },
  ImageBaked: (event, recordedAt) => {
    const i = event.data as Data<ImageBaked>;
    return [
      insert('rm_images', { digest: i.digest }, {
        name: i.name, pinned_set_id: i.pinnedSetId, builder_id: i.builderId, build_url: i.buildUrl, baked_at: i.bakedAt, recorded_at: recordedAt,
      }),
    ];
  },
  ReleaseCandidatePromoted: (event, recordedAt) => [decision(event, recordedAt, true)],
  ReleaseCandidateRejected: (event, recordedAt) => [decision(event, recordedAt, false)],
  AqfRunStarted: (event, recordedAt) => {
    const r = event.data as Data<AqfRunStarted>;
    return [
      insert('rm_aqf_runs', { run_id: r.runId }, { image_digest: r.imageDigest, environment: r.environment, started_at: r.startedAt, recorded_at: recordedAt }),
    ];
  },
  AqfRunCompleted: (event, recordedAt) => {
    const r = event.data as Data<AqfRunCompleted>;
    return [
      complete('rm_aqf_runs', { run_id: r.runId }, {
        outcome: r.outcome, passed: r.passed, failed: r.failed, skipped: r.skipped, report_url: r.reportUrl,
        completed_at: r.completedAt, result_recorded_at: recordedAt,
      }),
    ];
  },
  DeploymentStarted: (event, recordedAt) => {
    const d = event.data as Data<DeploymentStarted>;
    return [
      insert('rm_deployments', { deployment_id: d.deploymentId }, {
        environment: d.environment, image_digest: d.imageDigest, nodes: d.nodes, config_repository: d.configRevision?.repository ?? null,
        config_sha: d.configRevision?.sha ?? null, started_at: d.startedAt, deployed_by: d.by, policy_violations: d.policyViolations,
        recorded_at: recordedAt, recorded_by: recordedBy(event),
      }),
    ];
  },
  DeploymentFinished: (event, recordedAt) => {
    const d = event.data as Data<DeploymentFinished>;
    return [
      complete('rm_deployments', { deployment_id: d.deploymentId }, { outcome: d.outcome, finished_at: d.finishedAt, result_recorded_at: recordedAt }),
    ];
  },
  PatchApplied: (event, recordedAt) => {
    const p = event.data as Data<PatchApplied>;
    return [
      insert('rm_patches', { environment: p.environment, patch_id: p.patchId }, {
        package: p.package, from_version: p.fromVersion, to_version: p.toVersion, nodes: p.nodes, reason: p.reason,
        applied_at: p.appliedAt, applied_by: p.by, recorded_at: recordedAt, recorded_by: recordedBy(event),
      }),
    ];
  },
  ConfigurationApplied: (event, recordedAt) => {
    const c = event.data as Data<ConfigurationApplied>;
    return [
      insert('rm_configurations', { environment: c.environment, repository: c.repository, sha: c.sha, applied_at: c.appliedAt }, {
        recorded_at: recordedAt, recorded_by: recordedBy(event),
      }),
    ];
  },
};

/** Who the log says recorded the fact (the authenticated caller), whatever `by` the fact claims. */
const recordedBy = (event: RecordedEvent) => event.metadata.actor ?? null;

function decision(event: RecordedEvent, recordedAt: string, promoted: boolean): RowWrite {
  const d = event.data as Data<ReleaseCandidatePromoted>;
  return insert('rm_candidate_decisions', { image_digest: d.imageDigest, revision: event.revision.toString() }, {
    promoted, automatic: d.automatic, decided_by: d.by, reason: d.reason, aqf_runs: d.aqfRuns, decided_at: d.decidedAt, recorded_at: recordedAt,
  });
}

export const provenanceFactsProjection: Projection = {
  name: 'provenance-facts',
  handles: new Set(Object.keys(EVOLVE)),
  schema: PROVENANCE_FACTS_SCHEMA,
  indexes: PROVENANCE_FACTS_INDEXES,
  tables: PROVENANCE_FACTS_TABLES,
  evolve: (event) => EVOLVE[event.type]?.(event, event.metadata.recordedAt) ?? [],
};
