-- How far the checkpoint publisher (apps/api/src/kafka/checkpoint-publisher.ts) has had the
-- tree's signed checkpoints acknowledged by Kafka, per topic: the largest tree size sent.
-- Moved only after the broker's acknowledgement and never backwards, so a crash resends
-- (identical notes, which consumers deduplicate by tree size) rather than skips.
CREATE TABLE tree_checkpoints_published (
  topic     text   PRIMARY KEY,
  tree_size bigint NOT NULL
);
