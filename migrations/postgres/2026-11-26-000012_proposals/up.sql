-- Proposals: citizens' ideas, from draft to evaluated. The lifecycle's
-- rules live in src/proposals/model.rs; the database keeps the vocabulary.
CREATE TABLE proposals (
    tenant_id        TEXT      NOT NULL,
    id               TEXT      NOT NULL,
    -- The person who wrote it; NULL once they erased their account (a
    -- published proposal stays on the public record, "a former resident").
    author_id        TEXT,
    title            TEXT      NOT NULL,
    -- Markdown as written; rendered and sanitised when shown.
    body             TEXT      NOT NULL,
    -- What will be different for the people this is for.
    intended_outcome TEXT      NOT NULL,
    area_id          TEXT,
    status           TEXT      NOT NULL CHECK (status IN ('draft', 'published', 'in_codesign',
                         'accepted', 'not_taken_forward', 'in_delivery', 'delivered', 'evaluated')),
    -- Kept in step with proposal_supports in the same transaction, so lists
    -- sort by it through an index.
    support_count    BIGINT    NOT NULL DEFAULT 0,
    -- Title, outcome and body lower-cased, for the text filter.
    search_text      TEXT      NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    published_at     TIMESTAMP,
    -- Bumped by anything that makes the proposal "recently active"
    -- (publication, edits, status changes; comments later).
    last_activity_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id)
);
-- One index per sort, with and without a status filter, so a page of any
-- list is a short index walk even at 100,000 proposals in a place.
CREATE INDEX proposals_newest ON proposals (tenant_id, published_at DESC, id DESC);
CREATE INDEX proposals_status_newest ON proposals (tenant_id, status, published_at DESC, id DESC);
CREATE INDEX proposals_supported ON proposals (tenant_id, support_count DESC, id DESC);
CREATE INDEX proposals_status_supported ON proposals (tenant_id, status, support_count DESC, id DESC);
CREATE INDEX proposals_active ON proposals (tenant_id, last_activity_at DESC, id DESC);
CREATE INDEX proposals_status_active ON proposals (tenant_id, status, last_activity_at DESC, id DESC);
CREATE INDEX proposals_area ON proposals (tenant_id, area_id, published_at DESC, id DESC);
CREATE INDEX proposals_author ON proposals (tenant_id, author_id);

-- How many proposals a place has in each status, kept in step in the same
-- transactions as the proposals, so a list's total needs no count over
-- every row.
CREATE TABLE proposal_counts (
    tenant_id TEXT   NOT NULL REFERENCES tenants (id),
    status    TEXT   NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, status)
);

-- A small normalised set of lower-case words per proposal.
CREATE TABLE proposal_tags (
    tenant_id   TEXT NOT NULL,
    proposal_id TEXT NOT NULL,
    tag         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, tag),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX proposal_tags_by_tag ON proposal_tags (tenant_id, tag, proposal_id);

-- People the author invited to write with them: pending, accepted or declined.
CREATE TABLE proposal_coauthors (
    tenant_id    TEXT      NOT NULL,
    proposal_id  TEXT      NOT NULL,
    user_id      TEXT      NOT NULL,
    status       TEXT      NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    invited_at   TIMESTAMP NOT NULL,
    answered_at  TIMESTAMP,
    PRIMARY KEY (tenant_id, proposal_id, user_id),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX proposal_coauthors_by_user ON proposal_coauthors (tenant_id, user_id);

-- One support per person per proposal: the key makes repeats idempotent.
CREATE TABLE proposal_supports (
    tenant_id   TEXT      NOT NULL,
    proposal_id TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, user_id),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX proposal_supports_by_user ON proposal_supports (tenant_id, user_id);

-- Edits after publication: the version before each edit, who made it, when.
CREATE TABLE proposal_revisions (
    tenant_id        TEXT      NOT NULL,
    proposal_id      TEXT      NOT NULL,
    id               TEXT      NOT NULL,
    -- NULL once the editor erased their account.
    edited_by        TEXT,
    edited_at        TIMESTAMP NOT NULL,
    title            TEXT      NOT NULL,
    body             TEXT      NOT NULL,
    intended_outcome TEXT      NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, id),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, edited_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX proposal_revisions_by_editor ON proposal_revisions (tenant_id, edited_by);

-- The public timeline of a proposal. Other rooms append their own kinds
-- (moderation, evaluation...); `detail` is a JSON object for what they need.
CREATE TABLE proposal_events (
    tenant_id   TEXT      NOT NULL,
    proposal_id TEXT      NOT NULL,
    id          TEXT      NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    kind        TEXT      NOT NULL,
    -- NULL for the platform itself, or once the person erased their account.
    actor_id    TEXT,
    from_status TEXT,
    to_status   TEXT,
    -- The public reason or response given with the change.
    reason      TEXT,
    detail      TEXT      NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, id),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX proposal_events_by_actor ON proposal_events (tenant_id, actor_id);
