-- append_to_stream, again (002 says what it does), with two faults of 002 mended:
--   1. The retry check looked up the batch's ids by a join the planner ran as a scan of the
--      whole stream, so an append cost more the longer its stream was (5 ms at 8,000 events).
--      Every lookup is now by the batch's own ids (event_id = ANY), a probe of the
--      (stream_id, event_id) index per event, and whether a recorded batch's transaction wrote
--      anything else to the stream is read from its two neighbouring revisions.
--   2. The rows came back ordered by revision as text ("10" before "9"): a batch crossing a
--      power of ten answered with the wrong last revision. They are ordered by number now.
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
  v_ids      uuid[];
  v_first    bigint;
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
    v_ids := ARRAY(SELECT (event->>'id')::uuid FROM jsonb_array_elements(p_events) AS event);
    SELECT count(*),
           count(*) FILTER (WHERE e.type = i.event->>'type' AND e.data = i.event->'data'),
           count(DISTINCT e.transaction_id::text),
           count(DISTINCT e.revision - i.ord),
           min(e.transaction_id::text),
           min(e.revision)
      INTO v_found, v_same, v_transactions, v_offsets, v_transaction, v_first
      FROM events e
      JOIN jsonb_array_elements(p_events) WITH ORDINALITY AS i(event, ord) ON e.event_id = (i.event->>'id')::uuid
     WHERE e.stream_id = p_stream_id AND e.event_id = ANY (v_ids);

    IF v_found > 0 THEN
      IF v_found = v_count AND v_same = v_count AND v_transactions = 1 AND v_offsets = 1
         -- A transaction's appends to one stream hold its lock to commit, so they are
         -- contiguous: it wrote nothing else here if neither neighbouring revision is its.
         AND NOT EXISTS (SELECT 1 FROM events e
                          WHERE e.stream_id = p_stream_id AND e.revision IN (v_first - 1, v_first + v_count)
                            AND e.transaction_id::text = v_transaction) THEN
        UPDATE streams SET revision = v_current WHERE stream_id = p_stream_id;
        RETURN QUERY
          SELECT e.event_id::text, e.revision::text, e.transaction_id::text, e.position::text, true
            FROM events e
            JOIN jsonb_array_elements(p_events) WITH ORDINALITY AS i(event, ord) ON e.event_id = (i.event->>'id')::uuid
           WHERE e.stream_id = p_stream_id AND e.event_id = ANY (v_ids)
           ORDER BY i.ord;
        RETURN;
      END IF;
      SELECT e.event_id, e.revision, e.type AS recorded_type, e.data AS recorded_data,
             i.type AS attempted_type, i.data AS attempted_data
        INTO v_mismatch
        FROM jsonb_to_recordset(p_events) AS i(id uuid, type text, data jsonb)
        JOIN events e ON e.stream_id = p_stream_id AND e.event_id = i.id AND e.event_id = ANY (v_ids)
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
     ORDER BY inserted.revision;

  -- No NOTIFY here: a notifying commit holds a database-wide lock until it has flushed, which
  -- serialises concurrent appenders. The adapter sends a coalesced NOTIFY after commit instead.
END;
$$;
