-- append_with_new_stream: one stream's append and another stream's first events in one
-- transaction, written together or not at all (a fact and the Idempotency-Key claim made for it).
--
-- Both streams' advisory locks are taken first, in stream-id order (as append_to_new_streams
-- takes its items, so the two cannot deadlock), before this transaction has an id. So the first
-- stream may exist: as with append_to_stream alone, a later revision of either stream always
-- belongs to a transaction with a larger id.
--
-- The new stream is appended with 'no-stream'; an exact resend of its first events is already
-- recorded. Refusals are raised as by append_to_stream; one of the new stream's carries
-- "stream": "new" in its DETAIL, so the caller can say which stream refused.
-- `item` is 0 for the first stream's rows, 1 for the new stream's.
CREATE OR REPLACE FUNCTION append_with_new_stream(
  p_stream_id text, p_expected_revision text, p_events jsonb, p_new_stream_id text, p_new_events jsonb)
RETURNS TABLE (
  item               int,
  out_event_id       text,
  out_revision       text,
  out_transaction_id text,
  out_position       text,
  already_recorded   boolean
)
LANGUAGE plpgsql AS $$
DECLARE
  v_code   text;
  v_detail text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(least(p_stream_id COLLATE "C", p_new_stream_id COLLATE "C"), 0));
  PERFORM pg_advisory_xact_lock(hashtextextended(greatest(p_stream_id COLLATE "C", p_new_stream_id COLLATE "C"), 0));

  RETURN QUERY SELECT 0, a.* FROM append_to_stream(p_stream_id, p_expected_revision, p_events) AS a;
  BEGIN
    RETURN QUERY SELECT 1, a.* FROM append_to_stream(p_new_stream_id, 'no-stream', p_new_events) AS a;
  EXCEPTION WHEN SQLSTATE 'PV001' OR SQLSTATE 'PV002' THEN
    GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_detail = PG_EXCEPTION_DETAIL;
    RAISE EXCEPTION USING ERRCODE = v_code, MESSAGE = 'refused by the new stream',
      DETAIL = (v_detail::jsonb || '{"stream": "new"}'::jsonb)::text;
  END;
END;
$$;
