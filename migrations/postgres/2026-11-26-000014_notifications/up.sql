-- Notifications: who follows what, how each person wants to hear
-- (immediately, a daily or weekly digest, or not at all), what waits for
-- their next digest, and the List-Unsubscribe address of an email.

-- Who follows what. Today proposals; boards and stories add their own
-- subject_kind (no CHECK, so they need not rebuild the table).
CREATE TABLE follows (
    tenant_id    TEXT      NOT NULL,
    user_id      TEXT      NOT NULL,
    subject_kind TEXT      NOT NULL,
    subject_id   TEXT      NOT NULL,
    -- FALSE once the person stopped following: the row stays so that
    -- following automatically (as a supporter, say) does not start again.
    following    BOOLEAN   NOT NULL,
    -- Why they first followed: 'chosen', 'author', 'coauthor', 'supporter'
    -- (notifications::model::Reason; later rooms add theirs).
    reason       TEXT      NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id, subject_kind, subject_id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
-- A subject's followers, when something happens to it.
CREATE INDEX follows_by_subject ON follows (tenant_id, subject_kind, subject_id, following);
-- A person's list of what they follow, newest first.
CREATE INDEX follows_by_person ON follows (tenant_id, user_id, following, updated_at);

-- How a person wants to hear; no row means 'immediately'.
CREATE TABLE notification_settings (
    tenant_id      TEXT      NOT NULL,
    user_id        TEXT      NOT NULL,
    delivery       TEXT      NOT NULL CHECK (delivery IN ('immediately', 'daily', 'weekly', 'off')),
    -- When their last digest went out, so each goes once per day or week
    -- however many workers look.
    last_digest_at TIMESTAMP,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- What waits for a person's next digest: one row per notice; the digest
-- reads the subject again when it is sent (a comment deleted meanwhile is
-- left out) and deletes the rows in the same transaction as it queues
-- the email.
CREATE TABLE notification_digest_items (
    tenant_id    TEXT      NOT NULL,
    id           TEXT      NOT NULL,
    user_id      TEXT      NOT NULL,
    subject_kind TEXT      NOT NULL,
    subject_id   TEXT      NOT NULL,
    -- 'status_changed', 'new_comment', 'evaluation_invitation', …
    kind         TEXT      NOT NULL,
    -- The notice as JSON (notifications::model::Notice).
    notice       TEXT      NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX notification_digest_items_by_person ON notification_digest_items (tenant_id, user_id, created_at);

-- The address behind an email's List-Unsubscribe header (RFC 2369 and
-- RFC 8058 one-click): notices and digests carry one.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;

-- Authors, co-authors and supporters of existing proposals follow them,
-- as new ones will.
INSERT INTO follows (tenant_id, user_id, subject_kind, subject_id, following, reason, created_at, updated_at)
SELECT tenant_id, author_id, 'proposal', id, TRUE, 'author', created_at, created_at
FROM proposals WHERE author_id IS NOT NULL
ON CONFLICT DO NOTHING;
INSERT INTO follows (tenant_id, user_id, subject_kind, subject_id, following, reason, created_at, updated_at)
SELECT tenant_id, user_id, 'proposal', proposal_id, TRUE, 'coauthor', invited_at, invited_at
FROM proposal_coauthors WHERE status = 'accepted'
ON CONFLICT DO NOTHING;
INSERT INTO follows (tenant_id, user_id, subject_kind, subject_id, following, reason, created_at, updated_at)
SELECT tenant_id, user_id, 'proposal', proposal_id, TRUE, 'supporter', created_at, created_at
-- (SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT.)
FROM proposal_supports WHERE TRUE
ON CONFLICT DO NOTHING;
