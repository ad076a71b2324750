-- The mail room's outbox: every email is written here in the same
-- transaction as the action that causes it, and a worker delivers it.
-- tenant_id leads every key so the table can later be distributed by tenant.
CREATE TABLE outbox (
    tenant_id       TEXT      NOT NULL REFERENCES tenants (id),
    id              TEXT      NOT NULL,
    recipient       TEXT      NOT NULL,
    subject         TEXT      NOT NULL,
    body_text       TEXT      NOT NULL,
    body_html       TEXT      NOT NULL,
    -- The RFC 5322 Message-ID, fixed at queue time so a retried send is
    -- recognisable as the same message.
    message_id      TEXT      NOT NULL,
    kind            TEXT      NOT NULL,
    status          TEXT      NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER   NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    -- A worker's lease: which worker is sending the message, and until when.
    locked_by       TEXT      NULL,
    locked_until    TIMESTAMP NULL,
    last_error      TEXT      NULL,
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP NULL,
    PRIMARY KEY (tenant_id, id)
);
-- The worker's question: which messages are due?
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
