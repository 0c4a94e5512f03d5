-- The tamper-evident log (libs/notary, libs/transparency): every event is a leaf of an RFC 9162
-- Merkle tree over SHA-256, numbered in global log order, and the tree's head is signed
-- regularly as a C2SP checkpoint.

-- One row per leaf. The leaf itself is the event as the audit API serves it (without its log
-- position), so it is not copied here: a verifier re-serialises the event and compares hashes.
CREATE TABLE tree_leaves (
  leaf_index bigint PRIMARY KEY,
  stream_id  text   NOT NULL,
  revision   bigint NOT NULL,
  event_id   uuid   NOT NULL,
  leaf_hash  bytea  NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX tree_leaves_event_id ON tree_leaves (event_id);

-- The complete (perfect) subtrees above the leaves, each written once when its last leaf
-- arrives: the node at (level, node_index) covers leaves [node_index * 2^level, (node_index + 1) * 2^level).
-- Right-edge nodes are never stored; they are folded from these, so a proof reads O(log n) rows.
CREATE TABLE tree_nodes (
  level      smallint NOT NULL,
  node_index bigint   NOT NULL,
  hash       bytea    NOT NULL,
  PRIMARY KEY (level, node_index)
);

-- Every signed tree head, kept: a C2SP signed note holding origin, size and root.
CREATE TABLE tree_checkpoints (
  tree_size bigint PRIMARY KEY,
  root_hash bytea NOT NULL,
  note      text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
