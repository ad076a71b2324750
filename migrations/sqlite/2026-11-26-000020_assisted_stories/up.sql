-- Assisted participation: staff of a recognised organisation help someone
-- in person to make an account, tell their story and choose consents. The
-- choices wait here until the person confirms them (with a code, or signed
-- in themselves); only then are grants given.
CREATE TABLE story_assists (
    tenant_id       TEXT      NOT NULL,
    id              TEXT      NOT NULL,
    citizen_id      TEXT      NOT NULL,
    -- NULL once the staff member erased their account.
    staff_id        TEXT,
    organisation_id TEXT      NOT NULL,
    story_id        TEXT      NOT NULL,
    -- The consents chosen, as a JSON list of grants; given on confirmation.
    grants          TEXT      NOT NULL,
    -- SHA-256 (hex) of the one-time confirmation code.
    code_hash       TEXT      NOT NULL,
    code_expires_at TIMESTAMP NOT NULL,
    attempts        INTEGER   NOT NULL DEFAULT 0,
    status          TEXT      NOT NULL CHECK (status IN ('waiting', 'confirmed', 'declined')),
    -- How it was confirmed: 'code' or 'signed_in'.
    confirmed_how   TEXT,
    decided_at      TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, citizen_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id)
);
CREATE INDEX story_assists_citizen ON story_assists (tenant_id, citizen_id);
CREATE INDEX story_assists_staff ON story_assists (tenant_id, staff_id);
CREATE INDEX story_assists_story ON story_assists (tenant_id, story_id);

-- Who helped: the staff member's id on the story and on the grants given
-- from what was chosen with them.
ALTER TABLE stories ADD COLUMN assisted_by TEXT;
ALTER TABLE story_consents ADD COLUMN assisted_by TEXT;
