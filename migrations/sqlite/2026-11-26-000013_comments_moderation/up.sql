-- Comments on a subject (today a proposal; boards' discussion threads
-- later), threaded to a bounded depth, and moderation: flags, hidden
-- items, review requests and the history of every moderator's action.

-- Hidden by the moderators: hidden proposals leave lists and only their
-- authors and the moderators read them. The rest of the moderation state
-- lives in moderation_items.
ALTER TABLE proposals ADD COLUMN hidden_at TIMESTAMP;
CREATE INDEX proposals_hidden ON proposals (tenant_id, status) WHERE hidden_at IS NOT NULL;

CREATE TABLE comments (
    tenant_id    TEXT      NOT NULL,
    id           TEXT      NOT NULL,
    -- What the comment is on: ('proposal', a proposal's id); the subject's
    -- own room decides who may see it. No CHECK: boards add their kind
    -- without rebuilding the table (comments::model::Subject parses it).
    subject_kind TEXT      NOT NULL,
    subject_id   TEXT      NOT NULL,
    -- The comment it answers (NULL for the start of a thread) and the
    -- thread's first comment (its own id for the first).
    parent_id    TEXT,
    thread_id    TEXT      NOT NULL,
    -- 1 for the start of a thread, at most 3 (comments.rs MAX_DEPTH).
    depth        INTEGER   NOT NULL,
    -- NULL once the author erased their account.
    author_id    TEXT,
    -- Empty once deleted (a deleted comment with replies stays as "[deleted]").
    body         TEXT      NOT NULL,
    format       TEXT      NOT NULL CHECK (format IN ('plain', 'markdown')),
    created_at   TIMESTAMP NOT NULL,
    edited_at    TIMESTAMP,
    deleted_at   TIMESTAMP,
    hidden_at    TIMESTAMP,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES comments (tenant_id, id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
-- A page of threads: the first comments of a subject, oldest first.
CREATE INDEX comments_threads ON comments (tenant_id, subject_kind, subject_id, depth, created_at, id);
-- The replies of a page's threads.
CREATE INDEX comments_by_thread ON comments (tenant_id, thread_id, created_at);
CREATE INDEX comments_by_parent ON comments (tenant_id, parent_id);
CREATE INDEX comments_by_author ON comments (tenant_id, author_id);

-- The moderation state of a proposal or a comment, once anyone flagged it
-- or a moderator acted on it.
CREATE TABLE moderation_items (
    tenant_id           TEXT      NOT NULL REFERENCES tenants (id),
    -- 'proposal' or 'comment' (moderation::model::Item); no CHECK, so
    -- later rooms add kinds without rebuilding the table.
    subject_kind        TEXT      NOT NULL,
    subject_id          TEXT      NOT NULL,
    hidden_at           TIMESTAMP,
    -- The moderators' written reason, shown to the author.
    hidden_reason       TEXT,
    -- The author asked for a review of the current hiding (once per hide).
    review_requested_at TIMESTAMP,
    -- In the moderators' queue since (open flags or a review request);
    -- NULL when nothing waits.
    queued_at           TIMESTAMP,
    PRIMARY KEY (tenant_id, subject_kind, subject_id)
);
CREATE INDEX moderation_items_queue ON moderation_items (tenant_id, queued_at) WHERE queued_at IS NOT NULL;

-- A person's flag on an item; one open flag per person per item.
CREATE TABLE moderation_flags (
    tenant_id    TEXT      NOT NULL,
    id           TEXT      NOT NULL,
    subject_kind TEXT      NOT NULL,
    subject_id   TEXT      NOT NULL,
    flagged_by   TEXT      NOT NULL,
    reason       TEXT      NOT NULL CHECK (reason IN ('spam', 'abuse', 'personal_information', 'off_topic', 'other')),
    -- What the person wrote (required for 'other').
    note         TEXT,
    created_at   TIMESTAMP NOT NULL,
    -- Closed by a moderator: 'hidden' or 'dismissed'.
    resolved_at  TIMESTAMP,
    resolution   TEXT      CHECK (resolution IN ('hidden', 'dismissed')),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_kind, subject_id) REFERENCES moderation_items (tenant_id, subject_kind, subject_id),
    FOREIGN KEY (tenant_id, flagged_by) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX moderation_flags_one_open ON moderation_flags (tenant_id, subject_kind, subject_id, flagged_by) WHERE resolved_at IS NULL;
CREATE INDEX moderation_flags_by_person ON moderation_flags (tenant_id, flagged_by);

-- What happened to an item: hidden, restored, flags dismissed, review
-- asked for. The author sees this history; the audit log has it too.
CREATE TABLE moderation_actions (
    tenant_id    TEXT      NOT NULL,
    id           TEXT      NOT NULL,
    subject_kind TEXT      NOT NULL,
    subject_id   TEXT      NOT NULL,
    action       TEXT      NOT NULL CHECK (action IN ('hidden', 'restored', 'dismissed', 'review_requested')),
    -- NULL once the person erased their account.
    actor_id     TEXT,
    -- The written reason (hiding, restoring) or the author's note (review).
    reason       TEXT,
    occurred_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_kind, subject_id) REFERENCES moderation_items (tenant_id, subject_kind, subject_id),
    FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX moderation_actions_by_item ON moderation_actions (tenant_id, subject_kind, subject_id, occurred_at);
CREATE INDEX moderation_actions_by_actor ON moderation_actions (tenant_id, actor_id);
