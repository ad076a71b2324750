-- Stories: lived experience shared on the citizen's terms. The text is
-- never stored in the clear: each story has its own key (kept in the key
-- store, wrapped under its author's data key), and `sealed` holds the
-- title and body encrypted under it (XChaCha20-Poly1305, bound to the
-- story's id and version). Erasing a story destroys its key.
CREATE TABLE stories (
    tenant_id                TEXT      NOT NULL,
    id                       TEXT      NOT NULL,
    author_id                TEXT      NOT NULL,
    area_id                  TEXT,
    -- A board the story is about. Boards are built in parallel: no foreign
    -- key yet; stories::service::board_exists checks it (MERGE POINT).
    board_id                 TEXT,
    -- Health or other special-category information (GDPR article 9):
    -- consent to it is explicit consent (eu-gdpr:A9-2-a).
    special_category         BOOLEAN   NOT NULL,
    -- Bumped by every change to the text; bound into the encryption.
    version                  INTEGER   NOT NULL,
    -- The title and body as the author wrote them, sealed. Empty once erased.
    sealed                   BYTEA     NOT NULL,
    -- The de-identified version the author prepared (names, dates, places
    -- removed), sealed; what anonymous consent shows once approved.
    deidentified             BYTEA,
    deidentified_approved_at TIMESTAMP,
    created_at               TIMESTAMP NOT NULL,
    updated_at               TIMESTAMP NOT NULL,
    -- Erased by its author: its key is destroyed; the row stays so the use
    -- log and withdrawn consents still make sense to the author.
    erased_at                TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id)
);
CREATE INDEX stories_author ON stories (tenant_id, author_id, created_at);
CREATE INDEX stories_area ON stories (tenant_id, area_id);
CREATE INDEX stories_board ON stories (tenant_id, board_id);

-- Consent grants: one story, one purpose, one audience, an attribution and
-- an expiry. `status` is what the citizen did (given, withdrawn); a given
-- grant past its expiry reads as expired.
CREATE TABLE story_consents (
    tenant_id      TEXT      NOT NULL,
    id             TEXT      NOT NULL,
    story_id       TEXT      NOT NULL,
    author_id      TEXT      NOT NULL,
    -- stories::model::Purpose (board_learning, organisation_report, ...).
    purpose        TEXT      NOT NULL,
    -- board, organisation, tenant or public; audience_id names the board
    -- or organisation.
    audience_kind  TEXT      NOT NULL CHECK (audience_kind IN ('board', 'organisation', 'tenant', 'public')),
    audience_id    TEXT,
    attribution    TEXT      NOT NULL CHECK (attribution IN ('named', 'first_name', 'anonymous')),
    status         TEXT      NOT NULL CHECK (status IN ('given', 'withdrawn')),
    -- For the record of processing: the W3C DPV purpose term and the
    -- legal basis (eu-gdpr:A9-2-a for special-category stories, else A6-1-a).
    dpv_purpose    TEXT      NOT NULL,
    legal_basis    TEXT      NOT NULL,
    -- Which version of the consent notice the citizen saw.
    notice_version TEXT      NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    withdrawn_at   TIMESTAMP,
    -- The request it answered, and the grant it renewed, if any.
    request_id     TEXT,
    renews_id      TEXT,
    -- When the "this ends in 30 days" reminder went.
    reminded_at    TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, renews_id) REFERENCES story_consents (tenant_id, id)
);
CREATE INDEX story_consents_story ON story_consents (tenant_id, story_id, status);
CREATE INDEX story_consents_audience ON story_consents (tenant_id, audience_kind, audience_id, status);
CREATE INDEX story_consents_author ON story_consents (tenant_id, author_id, status);
CREATE INDEX story_consents_expiry ON story_consents (status, expires_at);

-- The use log: every read of a story by someone other than its author,
-- written in the same transaction as the read, before the text is
-- returned. One hash chain per author (seq 1, 2, ...; each row's hash
-- covers its fields and the hash of the row before).
CREATE TABLE story_uses (
    tenant_id       TEXT      NOT NULL,
    id              TEXT      NOT NULL,
    author_id       TEXT      NOT NULL,
    seq             BIGINT    NOT NULL,
    story_id        TEXT      NOT NULL,
    story_version   INTEGER   NOT NULL,
    grant_id        TEXT      NOT NULL,
    -- Who read it (NULL: a visitor to a public page). No foreign key: the
    -- record outlives the reader's account.
    reader_id       TEXT,
    -- The organisation they acted for, if any (no foreign key, likewise).
    organisation_id TEXT,
    purpose         TEXT      NOT NULL,
    action          TEXT      NOT NULL CHECK (action IN ('view', 'excerpt', 'download', 'publish')),
    attribution     TEXT      NOT NULL,
    occurred_at     TIMESTAMP NOT NULL,
    prev_hash       TEXT      NOT NULL,
    hash            TEXT      NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id),
    FOREIGN KEY (tenant_id, grant_id) REFERENCES story_consents (tenant_id, id)
);
CREATE UNIQUE INDEX story_uses_chain ON story_uses (tenant_id, author_id, seq);
CREATE INDEX story_uses_story ON story_uses (tenant_id, story_id, occurred_at);
CREATE INDEX story_uses_grant ON story_uses (tenant_id, grant_id);
CREATE INDEX story_uses_reader ON story_uses (tenant_id, reader_id);

-- Requests to use a story: an organisation or a board's facilitator asks;
-- the author grants all, part, or declines.
CREATE TABLE story_consent_requests (
    tenant_id       TEXT      NOT NULL,
    id              TEXT      NOT NULL,
    story_id        TEXT      NOT NULL,
    author_id       TEXT      NOT NULL,
    -- NULL once the person who asked erased their account.
    requester_id    TEXT,
    organisation_id TEXT,
    board_id        TEXT,
    -- A JSON list of purposes.
    purposes        TEXT      NOT NULL,
    audience_kind   TEXT      NOT NULL CHECK (audience_kind IN ('board', 'organisation', 'tenant', 'public')),
    audience_id     TEXT,
    attribution     TEXT      NOT NULL CHECK (attribution IN ('named', 'first_name', 'anonymous')),
    duration_months INTEGER   NOT NULL,
    message         TEXT      NOT NULL,
    status          TEXT      NOT NULL CHECK (status IN ('requested', 'given', 'refused')),
    created_at      TIMESTAMP NOT NULL,
    decided_at      TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, requester_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
);
CREATE INDEX story_consent_requests_story ON story_consent_requests (tenant_id, story_id, status);
CREATE INDEX story_consent_requests_author ON story_consent_requests (tenant_id, author_id, status);
CREATE INDEX story_consent_requests_requester ON story_consent_requests (tenant_id, requester_id);
