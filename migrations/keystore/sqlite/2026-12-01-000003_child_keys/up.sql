-- Child keys: keys for single records (a story's own key), each wrapped
-- under its owner's data key, kept here beside the data keys so that a
-- backup of the main database never holds a usable key. Destroying one
-- (erasing that record) empties wrapped_key and sets destroyed_at: the
-- record's ciphertext, in every copy of the main database, is then
-- unreadable, while the owner's other records are untouched.
CREATE TABLE child_keys (
    tenant_id    TEXT      NOT NULL,
    -- What the key is for, e.g. 'story:<id>'; bound into the wrapping.
    name         TEXT      NOT NULL,
    -- The person whose data key wraps it.
    owner_id     TEXT      NOT NULL,
    wrapped_key  BLOB      NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    destroyed_at TIMESTAMP NULL,
    PRIMARY KEY (tenant_id, name)
);
CREATE INDEX child_keys_owner ON child_keys (tenant_id, owner_id);
