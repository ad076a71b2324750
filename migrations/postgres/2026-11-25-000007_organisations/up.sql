-- Organisations of a place (public services, charities, businesses,
-- community groups) and the people who act for them.
CREATE TABLE organisations (
    tenant_id    TEXT      NOT NULL,
    id           TEXT      NOT NULL,
    name         TEXT      NOT NULL,
    -- The name lower-cased, so two organisations cannot differ by case only.
    name_key     TEXT      NOT NULL,
    kind         TEXT      NOT NULL CHECK (kind IN ('public', 'voluntary', 'private', 'community')),
    description  TEXT      NOT NULL,
    website      TEXT,
    -- Free text until the place has areas; then area ids of the tenant.
    areas_served TEXT,
    -- Set when a tenant admin recognises the organisation.
    verified_at  TIMESTAMP,
    verified_by  TEXT,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (tenant_id, name_key);

CREATE TABLE organisation_members (
    tenant_id       TEXT      NOT NULL,
    organisation_id TEXT      NOT NULL,
    user_id         TEXT      NOT NULL,
    role            TEXT      NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, organisation_id, user_id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX organisation_members_by_user ON organisation_members (tenant_id, user_id);

-- People asking to join; the organisation's admins accept or decline.
CREATE TABLE organisation_join_requests (
    tenant_id       TEXT      NOT NULL,
    organisation_id TEXT      NOT NULL,
    user_id         TEXT      NOT NULL,
    message         TEXT,
    status          TEXT      NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at      TIMESTAMP NOT NULL,
    decided_at      TIMESTAMP,
    decided_by      TEXT,
    PRIMARY KEY (tenant_id, organisation_id, user_id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX organisation_join_requests_by_user ON organisation_join_requests (tenant_id, user_id);
