/**
 * The provenance read model: every fact as rows, each stamped with `recorded_at` (when the log
 * learnt it) beside its own occurred-at times, so a query can ask about any moment as the log
 * knew it at any other moment. Facts are immutable, so rows are only ever added or completed.
 */
export const PROVENANCE_FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_commits (
  repository text NOT NULL, sha text NOT NULL, parents jsonb NOT NULL, branch text, author text NOT NULL,
  message text NOT NULL, committed_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL,
  PRIMARY KEY (repository, sha));

CREATE TABLE IF NOT EXISTS rm_builds (
  package text NOT NULL, version text NOT NULL, repository text NOT NULL, sha text NOT NULL, outcome text NOT NULL,
  artifact_filename text, artifact_sha256 text, build_url text, built_against jsonb NOT NULL,
  finished_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL,
  PRIMARY KEY (package, version));

CREATE TABLE IF NOT EXISTS rm_pinned_sets (
  id text PRIMARY KEY, name text NOT NULL, builds jsonb NOT NULL, recorded_at timestamptz NOT NULL);

CREATE TABLE IF NOT EXISTS rm_pinned_requirements (
  pinned_set_id text NOT NULL, name text NOT NULL, version text, url text, hashes jsonb NOT NULL,
  resolved_version text,
  PRIMARY KEY (pinned_set_id, name));

CREATE TABLE IF NOT EXISTS rm_images (
  digest text PRIMARY KEY, name text NOT NULL, pinned_set_id text NOT NULL, builder_id text, build_url text,
  baked_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL);

CREATE TABLE IF NOT EXISTS rm_candidate_decisions (
  image_digest text NOT NULL, revision bigint NOT NULL, promoted boolean NOT NULL, automatic boolean NOT NULL,
  decided_by text NOT NULL, reason text, aqf_runs jsonb NOT NULL, decided_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (image_digest, revision));

CREATE TABLE IF NOT EXISTS rm_aqf_runs (
  run_id text PRIMARY KEY, image_digest text NOT NULL, environment text NOT NULL, started_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL, outcome text, passed integer, failed integer, skipped integer, report_url text,
  completed_at timestamptz, result_recorded_at timestamptz);

CREATE TABLE IF NOT EXISTS rm_deployments (
  deployment_id text PRIMARY KEY, environment text NOT NULL, image_digest text NOT NULL, nodes jsonb NOT NULL,
  config_repository text, config_sha text, started_at timestamptz NOT NULL, deployed_by text NOT NULL,
  policy_violations jsonb NOT NULL, recorded_at timestamptz NOT NULL, recorded_by text,
  outcome text, finished_at timestamptz, result_recorded_at timestamptz);

CREATE TABLE IF NOT EXISTS rm_patches (
  environment text NOT NULL, patch_id text NOT NULL, package text NOT NULL, from_version text NOT NULL,
  to_version text NOT NULL, nodes jsonb NOT NULL, reason text NOT NULL, applied_at timestamptz NOT NULL,
  applied_by text NOT NULL, recorded_at timestamptz NOT NULL, recorded_by text,
  PRIMARY KEY (environment, patch_id));

CREATE TABLE IF NOT EXISTS rm_configurations (
  environment text NOT NULL, repository text NOT NULL, sha text NOT NULL, applied_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL, recorded_by text,
  PRIMARY KEY (environment, repository, sha, applied_at));

-- recorded_by (the authenticated actor, beside the "by" a caller claims) came later: tables made
-- before it gain the column, and their rows show NULL until the read model is rebuilt. Checked
-- first, because ALTER TABLE would lock the table on every start.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rm_deployments', 'rm_patches', 'rm_configurations'] LOOP
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = t AND column_name = 'recorded_by') THEN
      EXECUTE format('ALTER TABLE %I ADD COLUMN recorded_by text', t);
    END IF;
  END LOOP;
  -- resolved_version (the version pinned, or the one of the build the set names) came later
  -- too; unlike recorded_by it is derived from rows already here, so it is filled in at once.
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = 'rm_pinned_requirements' AND column_name = 'resolved_version') THEN
    ALTER TABLE rm_pinned_requirements ADD COLUMN resolved_version text;
    UPDATE rm_pinned_requirements r
       SET resolved_version = COALESCE(r.version, (SELECT x->>'version' FROM rm_pinned_sets s, jsonb_array_elements(s.builds) x
                                                    WHERE s.id = r.pinned_set_id AND x->>'package' = r.name LIMIT 1));
  END IF;
END $$;

-- Retired: each had the same columns as a text_pattern_ops index above, which answers the same lookups.
DROP INDEX IF EXISTS rm_builds_by_commit, rm_aqf_runs_by_image, rm_deployments_by_image;
`;

/** Secondary indexes, kept apart so a rebuild can drop them and build them once at the end. */
export const PROVENANCE_FACTS_INDEXES = [
  `CREATE INDEX IF NOT EXISTS rm_commits_by_time ON rm_commits (repository, committed_at)`,
  `CREATE INDEX IF NOT EXISTS rm_pinned_requirements_by_package ON rm_pinned_requirements (name, version)`,
  `CREATE INDEX IF NOT EXISTS rm_pinned_requirements_by_resolved_version ON rm_pinned_requirements (name, resolved_version)`,
  `CREATE INDEX IF NOT EXISTS rm_images_by_pinned_set ON rm_images (pinned_set_id)`,
  `CREATE INDEX IF NOT EXISTS rm_deployments_by_environment ON rm_deployments (environment, started_at)`,
  `CREATE INDEX IF NOT EXISTS rm_patches_by_time ON rm_patches (environment, applied_at)`,
  // For ids people shorten (shas, digests): LIKE 'prefix%' is a range read of these in any collation.
  // They answer equality too, so the builds, AQF runs and deployments of a commit or an image are
  // found by them; an index of the same columns in the default operator class would be written for nothing.
  `CREATE INDEX IF NOT EXISTS rm_commits_by_sha_prefix ON rm_commits (repository, sha text_pattern_ops)`,
  `CREATE INDEX IF NOT EXISTS rm_builds_by_sha_prefix ON rm_builds (repository, sha text_pattern_ops)`,
  `CREATE INDEX IF NOT EXISTS rm_images_by_digest_prefix ON rm_images (digest text_pattern_ops)`,
  `CREATE INDEX IF NOT EXISTS rm_deployments_by_image_prefix ON rm_deployments (image_digest text_pattern_ops)`,
  `CREATE INDEX IF NOT EXISTS rm_aqf_runs_by_image_prefix ON rm_aqf_runs (image_digest text_pattern_ops)`,
  `CREATE INDEX IF NOT EXISTS rm_patches_by_version ON rm_patches (package, to_version)`,
  `CREATE INDEX IF NOT EXISTS rm_configurations_by_time ON rm_configurations (environment, applied_at)`,
];

export const PROVENANCE_FACTS_TABLES = [
  'rm_commits',
  'rm_builds',
  'rm_pinned_sets',
  'rm_pinned_requirements',
  'rm_images',
  'rm_candidate_decisions',
  'rm_aqf_runs',
  'rm_deployments',
  'rm_patches',
  'rm_configurations',
] as const;
