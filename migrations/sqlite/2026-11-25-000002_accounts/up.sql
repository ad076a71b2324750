-- People's accounts. An account belongs to one tenant; the same email may
-- have accounts in several places. tenant_id leads every key so the schema
-- can be distributed by tenant.
CREATE TABLE users (
    tenant_id         TEXT      NOT NULL REFERENCES tenants (id),
    id                TEXT      NOT NULL,
    email             TEXT      NOT NULL,
    email_verified_at TIMESTAMP,
    -- NULL until the person sets one (accounts created by invitation).
    password_hash     TEXT,
    display_name      TEXT      NOT NULL,
    role              TEXT      NOT NULL DEFAULT 'citizen' CHECK (role IN ('citizen', 'moderator', 'admin')),
    platform_operator BOOLEAN   NOT NULL DEFAULT FALSE,
    totp_secret       TEXT,
    totp_last_step    BIGINT,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX users_email_key ON users (tenant_id, email);

-- A signed-in device: a browser (cookie) or an API client (refresh token
-- family). Only hashes of the secrets are stored.
CREATE TABLE sessions (
    tenant_id      TEXT      NOT NULL,
    id             TEXT      NOT NULL,
    user_id        TEXT      NOT NULL,
    kind           TEXT      NOT NULL CHECK (kind IN ('browser', 'api')),
    token_hash     TEXT      NOT NULL,
    -- TRUE once the second factor was given (or none is needed).
    fully_signed_in BOOLEAN  NOT NULL,
    user_agent     TEXT      NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    last_seen_at   TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (tenant_id, token_hash);
CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id);

-- Refresh tokens already exchanged: presenting one again means it was
-- stolen, and the whole session (family) is revoked.
CREATE TABLE spent_refresh_tokens (
    tenant_id  TEXT      NOT NULL,
    token_hash TEXT      NOT NULL,
    session_id TEXT      NOT NULL,
    spent_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX spent_refresh_tokens_session_idx ON spent_refresh_tokens (tenant_id, session_id);

-- Single-use links sent by email: verify an address, reset a password,
-- sign in without a password, confirm a new address, accept an invitation.
CREATE TABLE account_tokens (
    tenant_id  TEXT      NOT NULL,
    token_hash TEXT      NOT NULL,
    user_id    TEXT      NOT NULL,
    purpose    TEXT      NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'sign_in', 'change_email', 'set_password')),
    new_email  TEXT,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX account_tokens_user_idx ON account_tokens (tenant_id, user_id);

-- Second-factor recovery codes, hashed; each works once.
CREATE TABLE recovery_codes (
    tenant_id TEXT      NOT NULL,
    user_id   TEXT      NOT NULL,
    code_hash TEXT      NOT NULL,
    used_at   TIMESTAMP,
    PRIMARY KEY (tenant_id, user_id, code_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
