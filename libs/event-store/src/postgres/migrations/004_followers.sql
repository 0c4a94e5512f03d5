-- Followers of the log (read models, sagas, the Kafka publisher, ...) keep their place here and
-- work only while they hold their lease, so that many processes on one database do each piece
-- of work once. See libs/followers.

CREATE TABLE follower_checkpoints (
  name text PRIMARY KEY,
  -- The last log position whose effects are done; NULL: nothing yet (or a rebuild started over).
  position text COLLATE "C",
  -- The lease generation that wrote it.
  generation bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Set while a read model is replayed from scratch: its tables are incomplete.
  rebuilding_since timestamptz
);

CREATE TABLE follower_leases (
  name text PRIMARY KEY,
  -- Grows by one with every new holder: the fence for checkpoint writes.
  generation bigint NOT NULL,
  holder text NOT NULL,
  host text NOT NULL,
  pid integer NOT NULL,
  acquired_at timestamptz NOT NULL,
  renewed_at timestamptz NOT NULL,
  -- Times come from the database's clock only, so processes on other hosts agree on them.
  expires_at timestamptz NOT NULL,
  -- What the holder last said it was doing: following, catching-up, failed: <why>.
  state text NOT NULL DEFAULT 'following'
);

-- Every checkpoint write, with the lease generation it was made under: the evidence that two
-- holders never applied a batch for one follower. Trimmed to the newest rows per follower.
CREATE TABLE follower_journal (
  name text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  generation bigint NOT NULL,
  holder text NOT NULL,
  after_position text COLLATE "C",
  through_position text COLLATE "C" NOT NULL,
  events integer NOT NULL,
  written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (name, seq)
);

-- Checkpoints kept before this migration, in tables the application created itself.
DO $$
BEGIN
  IF to_regclass('log_checkpoints') IS NOT NULL THEN
    INSERT INTO follower_checkpoints (name, position) SELECT name, position FROM log_checkpoints ON CONFLICT DO NOTHING;
    DROP TABLE log_checkpoints;
  END IF;
  IF to_regclass('projection_checkpoints') IS NOT NULL THEN
    INSERT INTO follower_checkpoints (name, position) SELECT name, position FROM projection_checkpoints ON CONFLICT DO NOTHING;
    DROP TABLE projection_checkpoints;
  END IF;
END $$;
