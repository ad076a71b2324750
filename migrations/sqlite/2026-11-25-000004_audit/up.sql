-- The audit room's log: per tenant, append-only and hash-chained. Each
-- event stores the hash of the one before it (`prev_hash`, 64 zeros for
-- the first) and its own `hash` over a canonical encoding (see
-- `src/audit/mod.rs`), so an edited or removed row breaks the chain.
-- `detail` is a JSON object of ids, roles, slugs and counts only: never
-- personal data, because the log cannot be edited to erase it.
CREATE TABLE audit_events (
    tenant_id   TEXT      NOT NULL REFERENCES tenants (id),
    seq         BIGINT    NOT NULL,
    id          TEXT      NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    kind        TEXT      NOT NULL,
    actor_id    TEXT      NULL,
    subject_id  TEXT      NULL,
    detail      TEXT      NOT NULL,
    prev_hash   TEXT      NOT NULL,
    hash        TEXT      NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX audit_events_id_idx ON audit_events (tenant_id, id);
-- A person's own events, for their My data page.
CREATE INDEX audit_events_subject_idx ON audit_events (tenant_id, subject_id);
