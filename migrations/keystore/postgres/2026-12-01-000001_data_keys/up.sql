-- The key store: each person's data key, wrapped (encrypted) under a master
-- key from the configuration. This database is kept apart from the main one
-- so that a backup of the main database holds no usable keys.
-- Erasure (crypto-shredding) empties wrapped_key and nonce and sets
-- destroyed_at; the row stays as a tombstone so no new key is made for an
-- erased person.
CREATE TABLE data_keys (
    tenant_id     TEXT      NOT NULL,
    user_id       TEXT      NOT NULL,
    wrapped_key   BYTEA     NOT NULL,
    nonce         BYTEA     NOT NULL,
    -- Which master key wrapped it: the first 8 hex characters of its SHA-256.
    master_key_id TEXT      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    destroyed_at  TIMESTAMP NULL,
    PRIMARY KEY (tenant_id, user_id)
);
-- Rotation's question: which live keys are still under an older master key?
CREATE INDEX data_keys_master_key_idx ON data_keys (master_key_id);
