-- Version 1: the log. Keep in step with ../postgres/0001_log.sql: the two
-- backends hold the same tables, columns and constraints.

-- Every entry, in order. `entry` is the entry's bytes, opaque to the store;
-- `leaf_hash` is SHA-256(0x00 || entry) as computed when it was appended, and
-- `seal` a keyed hash of (index, leaf_hash) under a key only the instance's
-- checkpoint signer holds (see src/seal.rs). Verification recomputes both
-- from `entry`: the stored copies only help to name the first bad index.
CREATE TABLE log_entries (
    idx       INTEGER PRIMARY KEY CHECK (idx >= 0),
    entry     BLOB    NOT NULL,
    leaf_hash BLOB    NOT NULL CHECK (length(leaf_hash) = 32),
    seal      BLOB    NOT NULL CHECK (length(seal) = 32)
) STRICT;

-- Every checkpoint the instance signed, by tree size: the C2SP signed note.
CREATE TABLE log_checkpoints (
    size INTEGER PRIMARY KEY CHECK (size >= 0),
    note TEXT    NOT NULL
) STRICT;

-- The log's identity: its origin and the verifier key of its checkpoints.
CREATE TABLE log_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
