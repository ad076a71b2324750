-- Idempotency-Key on the API's POSTs: the first answer to a request, kept
-- 24 hours so a retry with the same key gets it again instead of doing the
-- work twice. Scoped by place and signed-in person; the key is the
-- client's own string. `body` is sealed under the person's data key (the
-- answer may hold their story), so erasing them shreds it with the rest.
CREATE TABLE idempotency_keys (
    tenant_id    TEXT      NOT NULL,
    user_id      TEXT      NOT NULL,
    idem_key     TEXT      NOT NULL,
    -- SHA-256 (hex) of the method, path with query, and body.
    fingerprint  TEXT      NOT NULL,
    method       TEXT      NOT NULL,
    path         TEXT      NOT NULL,
    -- in_flight while the first request runs, done once its answer is kept.
    state        TEXT      NOT NULL CHECK (state IN ('in_flight', 'done')),
    -- Which request holds an in-flight row (random), so only it completes
    -- or releases the row.
    claim        TEXT      NOT NULL,
    status       INTEGER,
    content_type TEXT,
    location     TEXT,
    body         BYTEA,
    created_at   TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    PRIMARY KEY (tenant_id, user_id, idem_key),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
-- The sweep deletes rows past 24 hours.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
