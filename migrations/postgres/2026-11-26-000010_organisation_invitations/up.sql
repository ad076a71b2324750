-- Invitations to join an organisation, sent by its admins to an email
-- address. The link's secret is stored only as a hash. At most one
-- invitation per address and organisation is pending at a time: inviting
-- again refreshes it.
CREATE TABLE organisation_invitations (
    tenant_id       TEXT      NOT NULL,
    id              TEXT      NOT NULL,
    organisation_id TEXT      NOT NULL,
    -- The address invited, in lower case as accounts store theirs.
    email           TEXT      NOT NULL,
    role            TEXT      NOT NULL CHECK (role IN ('admin', 'member')),
    -- SHA-256 of the link's secret; a new one on every (re)send.
    token_hash      TEXT      NOT NULL,
    -- The admin who sent it; cleared when their account is erased.
    invited_by      TEXT,
    status          TEXT      NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    decided_at      TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX organisation_invitations_token ON organisation_invitations (tenant_id, token_hash);
CREATE UNIQUE INDEX organisation_invitations_one_pending
    ON organisation_invitations (tenant_id, organisation_id, email) WHERE status = 'pending';
CREATE INDEX organisation_invitations_by_email ON organisation_invitations (tenant_id, email);
CREATE INDEX organisation_invitations_by_inviter ON organisation_invitations (tenant_id, invited_by);

-- When each invitation email went out, for the per-organisation daily
-- limit (no addresses, no people: only that an email was sent).
CREATE TABLE organisation_invitation_sends (
    tenant_id       TEXT      NOT NULL,
    id              TEXT      NOT NULL,
    organisation_id TEXT      NOT NULL,
    sent_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX organisation_invitation_sends_by_organisation
    ON organisation_invitation_sends (tenant_id, organisation_id, sent_at);
