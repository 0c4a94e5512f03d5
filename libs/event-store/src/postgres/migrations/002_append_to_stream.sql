-- append_to_stream: one round trip per append, for one event or a batch.
--
-- Takes the stream's advisory lock, then moves the stream's revision (or creates its row), so
-- appends to one stream are serialised and a later revision always belongs to a transaction
-- with a larger id (the global log's order). Then:
--   1. idempotency: if the batch is exactly one earlier append (same ids, type, data, order),
--      return the recorded rows (already_recorded = true) and write nothing;
--   2. the expected revision;
--   3. one multi-row insert.
-- Refusals are raised, so the caller's transaction writes nothing:
--   PV001 expected revision conflict, DETAIL = {"expected": "...", "actual": "..."}
--   PV002 event id reused with other content or in another batch, DETAIL = {...}
-- p_expected_revision is 'any', 'no-stream', 'stream-exists' or a revision in decimal.
-- p_events is a JSON array of {"id", "type", "data", "metadata"}.
CREATE OR REPLACE FUNCTION append_to_stream(p_stream_id text, p_expected_revision text, p_events jsonb)
RETURNS TABLE (
  out_event_id       text,
  out_revision       text,
  out_transaction_id text,
  out_position       text,
  already_recorded   boolean
)
LANGUAGE plpgsql AS $$
DECLARE
  v_count    bigint := jsonb_array_length(p_events);
  v_current  bigint;
  v_new      boolean := false;
  v_found        bigint;
  v_same         bigint;
  v_transactions bigint;
  v_offsets      bigint;
  v_transaction  text;
  v_mismatch record;
BEGIN
  -- Serialise appenders to this stream BEFORE this transaction is given a transaction id: an
  -- advisory lock needs none. The UPDATE below assigns the id, so each appender gets its id
  -- only after the previous one committed, and a later revision always has a larger
  -- transaction id. Without this, two appenders could take ids in one order and the row lock
  -- in the other, and the global log (ordered by transaction id) would show a stream's
  -- revisions out of order. Different streams whose hashes collide merely wait for each other.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

  LOOP
    -- Taking the stream's row lock and moving its revision in one statement; a refusal below
    -- raises, which undoes it.
    UPDATE streams s SET revision = s.revision + v_count WHERE s.stream_id = p_stream_id
    RETURNING s.revision - v_count INTO v_current;
    EXIT WHEN FOUND;
    IF p_expected_revision NOT IN ('any', 'no-stream') THEN
      RAISE EXCEPTION USING ERRCODE = 'PV001', MESSAGE = 'expected revision conflict',
        DETAIL = json_build_object('expected', p_expected_revision, 'actual', 'no-stream')::text;
    END IF;
    -- Two appenders creating one stream: the loser waits for the winner's commit, inserts
    -- nothing and goes round again to update the row the winner made.
    INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, v_count - 1) ON CONFLICT DO NOTHING;
    IF FOUND THEN
      v_current := -1;
      v_new := true;
      EXIT;
    END IF;
  END LOOP;

  IF NOT v_new THEN
    -- A retry is idempotent only if it is exactly one earlier append: the same events, same
    -- content, same order, written by one transaction that wrote nothing else to this stream.
    SELECT count(*),
           count(*) FILTER (WHERE e.type = i.event->>'type' AND e.data = i.event->'data'),
           count(DISTINCT e.transaction_id::text),
           count(DISTINCT e.revision - i.ord),
           min(e.transaction_id::text)
      INTO v_found, v_same, v_transactions, v_offsets, v_transaction
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS i(event, ord)
      JOIN events e ON e.stream_id = p_stream_id AND e.event_id = (i.event->>'id')::uuid;

    IF v_found > 0 THEN
      IF v_found = v_count AND v_same = v_count AND v_transactions = 1 AND v_offsets = 1
         AND (SELECT count(*) FROM events e
               WHERE e.stream_id = p_stream_id AND e.transaction_id::text = v_transaction) = v_count THEN
        UPDATE streams SET revision = v_current WHERE stream_id = p_stream_id;
        RETURN QUERY
          SELECT e.event_id::text, e.revision::text, e.transaction_id::text, e.position::text, true
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS i(event, ord)
            JOIN events e ON e.stream_id = p_stream_id AND e.event_id = (i.event->>'id')::uuid
           ORDER BY i.ord;
        RETURN;
      END IF;
      SELECT e.event_id, e.revision, e.type AS recorded_type, e.data AS recorded_data,
             i.type AS attempted_type, i.data AS attempted_data
        INTO v_mismatch
        FROM jsonb_to_recordset(p_events) AS i(id uuid, type text, data jsonb)
        JOIN events e ON e.stream_id = p_stream_id AND e.event_id = i.id
       ORDER BY (e.type = i.type AND e.data = i.data), e.revision
       LIMIT 1;
      RAISE EXCEPTION USING ERRCODE = 'PV002', MESSAGE = 'event id conflict',
        DETAIL = json_build_object(
          'eventId', v_mismatch.event_id,
          'revision', v_mismatch.revision::text,
          'recordedType', v_mismatch.recorded_type,
          'recordedData', v_mismatch.recorded_data,
          'attemptedType', v_mismatch.attempted_type,
          'attemptedData', v_mismatch.attempted_data,
          'sameContent', (v_mismatch.recorded_type = v_mismatch.attempted_type
                          AND v_mismatch.recorded_data = v_mismatch.attempted_data),
          'alreadyRecorded', v_found,
          'batchSize', v_count)::text;
    END IF;

    IF p_expected_revision NOT IN ('any', 'stream-exists') THEN
      IF p_expected_revision = 'no-stream' OR p_expected_revision::bigint <> v_current THEN
        RAISE EXCEPTION USING ERRCODE = 'PV001', MESSAGE = 'expected revision conflict',
          DETAIL = json_build_object('expected', p_expected_revision, 'actual', v_current::text)::text;
      END IF;
    END IF;
  END IF;

  RETURN QUERY
    WITH inserted AS (
      INSERT INTO events (stream_id, revision, event_id, type, data, metadata)
      SELECT p_stream_id, v_current + i.ord, (i.event->>'id')::uuid, i.event->>'type', i.event->'data', i.event->'metadata'
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS i(event, ord)
       ORDER BY i.ord
      RETURNING event_id, revision, transaction_id, position
    )
    SELECT event_id::text, revision::text, transaction_id::text, position::text, false
      FROM inserted
     ORDER BY revision;

  -- No NOTIFY here: a notifying commit holds a database-wide lock until it has flushed, which
  -- serialises concurrent appenders. The adapter sends a coalesced NOTIFY after commit instead.
END;
$$;
