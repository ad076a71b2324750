-- Consent receipts as issued: one per change of a story's consent (given,
-- changed, withdrawn), signed with the platform's Ed25519 key. The author
-- downloads them from "Your consents"; `token` is the compact JWT exactly
-- as signed. It holds no story text.
CREATE TABLE consent_receipts (
    tenant_id  TEXT      NOT NULL,
    -- The receipt's `jti` (and `consentReceiptID`).
    id         TEXT      NOT NULL,
    author_id  TEXT      NOT NULL,
    story_id   TEXT      NOT NULL,
    -- given, changed or withdrawn: what the receipt records overall.
    event      TEXT      NOT NULL CHECK (event IN ('given', 'changed', 'withdrawn')),
    -- The grants it covers and what happened to each, in words, for the
    -- author's list (purposes and audiences; never story text).
    summary    TEXT      NOT NULL,
    token      TEXT      NOT NULL,
    issued_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id)
);
CREATE INDEX consent_receipts_author ON consent_receipts (tenant_id, author_id, issued_at);

-- Which grants each receipt covers, with the digest of the story version
-- it named (kept so a later withdrawal's receipt names the same version,
-- even once the story is erased and can no longer be hashed).
CREATE TABLE consent_receipt_grants (
    tenant_id    TEXT NOT NULL,
    receipt_id   TEXT NOT NULL,
    grant_id     TEXT NOT NULL,
    -- given, changed or withdrawn: what happened to this grant.
    event        TEXT NOT NULL CHECK (event IN ('given', 'changed', 'withdrawn')),
    story_digest TEXT NOT NULL,
    PRIMARY KEY (tenant_id, receipt_id, grant_id),
    FOREIGN KEY (tenant_id, receipt_id) REFERENCES consent_receipts (tenant_id, id),
    FOREIGN KEY (tenant_id, grant_id) REFERENCES story_consents (tenant_id, id)
);
CREATE INDEX consent_receipt_grants_grant ON consent_receipt_grants (tenant_id, grant_id);

-- Exports of stories shared with an organisation or a board: who took
-- one, when, and exactly which grants it relied on (live at that moment).
-- The stories' text is never stored here; each story exported is also a
-- `download` in its author's use log.
CREATE TABLE story_exports (
    tenant_id     TEXT      NOT NULL,
    id            TEXT      NOT NULL,
    exporter_id   TEXT,
    audience_kind TEXT      NOT NULL CHECK (audience_kind IN ('board', 'organisation')),
    audience_id   TEXT      NOT NULL,
    -- How many stories it held.
    stories       INTEGER   NOT NULL,
    -- JSON array of the grant ids relied on.
    grant_ids     TEXT      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, exporter_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX story_exports_audience ON story_exports (tenant_id, audience_kind, audience_id, created_at);
