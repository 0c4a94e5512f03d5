-- append_to_new_streams: many streams' first appends in one round trip and one commit.
--
-- p_items is a JSON array of {"streamId", "events"}. Each item is append_to_stream(streamId,
-- 'no-stream', events) in a subtransaction of its own, so an item whose stream exists is
-- refused (PV001, or PV002 for a reused event id) without undoing the others; an exact resend
-- of a stream's first append is already recorded, as with append_to_stream.
--
-- Items are taken in stream-id order, so two of these calls lock streams in one order and
-- cannot deadlock. Only new streams: this transaction has its id before it locks a later item's
-- stream, so appending to an existing stream here could put that stream's revisions out of
-- order in the global log; 'no-stream' refuses exactly those.
--
-- One row per event written (or already recorded), or one row per refused item with the
-- refusal's SQLSTATE and DETAIL; `item` is the item's 0-based index in p_items.
CREATE OR REPLACE FUNCTION append_to_new_streams(p_items jsonb)
RETURNS TABLE (
  item               int,
  out_event_id       text,
  out_revision       text,
  out_transaction_id text,
  out_position       text,
  already_recorded   boolean,
  refusal_code       text,
  refusal_detail     text
)
LANGUAGE plpgsql AS $$
DECLARE
  v_item   record;
  v_code   text;
  v_detail text;
BEGIN
  FOR v_item IN
    SELECT (i.ord - 1)::int AS n, i.value->>'streamId' AS stream_id, i.value->'events' AS events
      FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(value, ord)
     ORDER BY i.value->>'streamId' COLLATE "C", i.ord
  LOOP
    BEGIN
      RETURN QUERY
        SELECT v_item.n, a.out_event_id, a.out_revision, a.out_transaction_id, a.out_position, a.already_recorded, NULL::text, NULL::text
          FROM append_to_stream(v_item.stream_id, 'no-stream', v_item.events) AS a;
    EXCEPTION WHEN SQLSTATE 'PV001' OR SQLSTATE 'PV002' THEN
      GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_detail = PG_EXCEPTION_DETAIL;
      RETURN QUERY SELECT v_item.n, NULL::text, NULL::text, NULL::text, NULL::text, NULL::boolean, v_code, v_detail;
    END;
  END LOOP;
END;
$$;
