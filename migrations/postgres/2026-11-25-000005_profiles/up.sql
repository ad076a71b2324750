-- What a person tells others about themselves, each field with the
-- visibility they chose. A person without a row has the defaults.
CREATE TABLE profiles (
    tenant_id     TEXT      NOT NULL,
    user_id       TEXT      NOT NULL,
    pronouns      TEXT,
    bio           TEXT,
    -- Free text until the place has areas; then an area of the tenant.
    neighbourhood TEXT,
    -- JSON arrays of short strings.
    skills        TEXT      NOT NULL,
    interests     TEXT      NOT NULL,
    -- JSON object: field name -> "public" | "members" | "private".
    visibility    TEXT      NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
