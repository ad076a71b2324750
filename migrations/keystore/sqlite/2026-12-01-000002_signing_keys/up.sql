-- The platform's Ed25519 signing keys (consent receipts). The seed is
-- wrapped under the master key like a data key; the public key is kept in
-- the clear for the published key set. Retired keys stay, so receipts
-- signed before a rotation still verify.
CREATE TABLE signing_keys (
    kid           TEXT      NOT NULL PRIMARY KEY,
    wrapped_seed  BLOB      NOT NULL,
    nonce         BLOB      NOT NULL,
    master_key_id TEXT      NOT NULL,
    public_key    BLOB      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    retired_at    TIMESTAMP NULL
);
