-- The event log: one row per event, one row per stream holding its last revision.
--
-- Global order is (transaction_id, position), not position alone: an identity value is handed
-- out when the row is inserted, long before its transaction commits, so a row with a smaller
-- position can become visible after a row with a larger one. Readers only read rows whose
-- transaction is older than every transaction still running (see read_all in the adapter),
-- which makes that order final the moment a row is read.

CREATE TABLE streams (
  stream_id text   PRIMARY KEY,
  revision  bigint NOT NULL
);

CREATE TABLE events (
  stream_id      text        NOT NULL,
  revision       bigint      NOT NULL,
  position       bigint      GENERATED ALWAYS AS IDENTITY,
  transaction_id xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id       uuid        NOT NULL,
  type           text        NOT NULL,
  data           jsonb       NOT NULL,
  metadata       jsonb       NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (stream_id, revision),
  UNIQUE (stream_id, event_id)
);

CREATE INDEX events_in_log_order ON events (transaction_id, position);
