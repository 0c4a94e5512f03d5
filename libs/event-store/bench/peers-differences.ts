/**
 * What bench:peers prints under its figures: how the two stores differ where it bears on the
 * numbers. Each line was checked against emmett-postgresql 0.42.0's source and a run against it
 * (update them with the version in package.json).
 */
export const whatDiffers = [
  'Appends: ours is one autocommit statement: to a stream that exists, a prepared INSERT ... SELECT (one for a single event, one for a batch) that writes only when nothing is unusual, else the plpgsql function append_to_stream (first appends, conflicts, resends); emmett opens a transaction around its emt_append_to_stream call (BEGIN, SELECT, COMMIT: three round trips).',
  'Ours takes a per-stream advisory lock before the transaction gets its id, so a stream\'s revisions are in log order; emmett relies on the stream row\'s UPDATE ... WHERE stream_position = expected and on the primary key.',
  'Resends: ours recognises a batch already recorded (same event ids and content) and answers with its first positions, writing nothing; emmett appends a resent message id again (checked: the stream then holds it twice).',
  'Expected "no stream": ours refuses an append expecting no stream to an existing stream; emmett 0.42.0 passes STREAM_DOES_NOT_EXIST to SQL as "no check" and appends (checked).',
  'Ours NOTIFYs listeners after its commits, at most once per 20 ms per process; emmett sends no notification: its consumers poll, pausing 50 ms between pages and backing off to 1 s when idle (its defaults; this bench reads with readMessagesBatch directly, without those pauses).',
  'Global order: both order the log by (transaction id, position) and read only below the oldest running transaction. Ours pages by that pair on an index (events_in_log_order); emmett pages by global_position alone (a sequence value) and has no index for the order, so each page scans and sorts the partition, and an event whose position is below the page\'s last one but whose transaction is later can be skipped or read twice.',
  'emmett\'s connection library (dumbo) sets pg\'s type parsers for the whole process (int8 as BigInt, JSON with a reviver): emmett runs in a worker thread of its own here so that our rows are parsed as they are in production.',
];
