-- More of a place's settings: who to contact, who its email comes from,
-- how a person becomes a verified resident, and how many supports a
-- proposal needs.
ALTER TABLE place_settings ADD COLUMN contact_email TEXT;
-- Both NULL: email comes from the installation's address, in the place's name.
ALTER TABLE place_settings ADD COLUMN mail_sender_name TEXT;
ALTER TABLE place_settings ADD COLUMN mail_sender_address TEXT;
-- The routes to residency the place allows, comma-separated in a fixed
-- order: 'verified_email' (no check beyond a confirmed address) or any of
-- 'postcode', 'vouching', 'manual'.
ALTER TABLE place_settings ADD COLUMN residency_routes TEXT NOT NULL DEFAULT 'verified_email';
ALTER TABLE place_settings ADD COLUMN support_threshold BIGINT NOT NULL DEFAULT 50;

-- The postcodes of a place (normalised: upper case, one space before the
-- inward code). Not personal: a list of places on the map.
CREATE TABLE postcodes (
    tenant_id   TEXT      NOT NULL REFERENCES tenants (id),
    postcode    TEXT      NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, postcode)
);

-- That a person was verified as a resident, and by which route. Never the
-- postcode they gave, nor the organisation that vouched for them.
CREATE TABLE residency_verifications (
    tenant_id   TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    route       TEXT      NOT NULL CHECK (route IN ('postcode', 'vouching', 'manual')),
    verified_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- A person asking the place's admins to approve them by hand.
CREATE TABLE residency_requests (
    tenant_id   TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    note        TEXT,
    status      TEXT      NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
    reason      TEXT,
    created_at  TIMESTAMP NOT NULL,
    decided_at  TIMESTAMP,
    decided_by  TEXT,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX residency_requests_by_status ON residency_requests (tenant_id, status, created_at);

-- One-time codes a recognised organisation hands to people it vouches
-- for. Only a hash of the code is kept, and nothing links a used code to
-- whoever used it.
CREATE TABLE vouching_codes (
    tenant_id       TEXT      NOT NULL,
    code_hash       TEXT      NOT NULL,
    organisation_id TEXT      NOT NULL,
    issued_at       TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP,
    PRIMARY KEY (tenant_id, code_hash),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX vouching_codes_by_organisation ON vouching_codes (tenant_id, organisation_id);

-- Failed attempts at a postcode or code, counted to slow down guessing.
CREATE TABLE residency_attempts (
    tenant_id    TEXT      NOT NULL,
    user_id      TEXT      NOT NULL,
    id           TEXT      NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
