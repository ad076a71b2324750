-- The asset map: the skills, spaces, services, groups and equipment that
-- people and organisations of a place offer.
CREATE TABLE assets (
    tenant_id       TEXT      NOT NULL REFERENCES tenants (id),
    id              TEXT      NOT NULL,
    name            TEXT      NOT NULL,
    kind            TEXT      NOT NULL
        CHECK (kind IN ('skill', 'space', 'service', 'group', 'equipment')),
    description     TEXT      NOT NULL,
    area_id         TEXT,
    -- Set for an organisation's asset: its admins manage it and get its mail.
    organisation_id TEXT,
    -- Who registered it: the owner of a personal asset. Cleared on erasure
    -- for an organisation's asset (a personal asset is deleted instead).
    owner_id        TEXT,
    availability    TEXT,
    -- Whether people may write to the owner through the contact form.
    contactable     BOOLEAN   NOT NULL,
    -- Name, description and availability lower-cased, so search matches
    -- without regard to case the same way on both backends.
    search_text     TEXT      NOT NULL,
    -- Withdrawn assets leave every list; only their owners still see them.
    withdrawn_at    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX assets_by_area ON assets (tenant_id, area_id);
CREATE INDEX assets_by_owner ON assets (tenant_id, owner_id);
CREATE INDEX assets_by_organisation ON assets (tenant_id, organisation_id);

-- Who wrote to which asset's owner, and when: for the rate limit and the
-- sender's own data. The message itself is only in the owner's email.
CREATE TABLE asset_messages (
    tenant_id  TEXT      NOT NULL,
    id         TEXT      NOT NULL,
    asset_id   TEXT      NOT NULL,
    sender_id  TEXT      NOT NULL,
    sent_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, sender_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX asset_messages_by_sender ON asset_messages (tenant_id, sender_id, sent_at);

-- An email may name where replies go (a relayed message whose sender chose
-- to share their address).
ALTER TABLE outbox ADD COLUMN reply_to TEXT;
