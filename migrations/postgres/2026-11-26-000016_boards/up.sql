-- Co-design boards: citizens and organisations redesigning a service
-- together. Who may do what lives in src/boards/service.rs; the database
-- keeps the vocabulary and refuses links across places.

CREATE TABLE boards (
    tenant_id        TEXT      NOT NULL,
    id               TEXT      NOT NULL,
    title            TEXT      NOT NULL,
    description      TEXT      NOT NULL,
    -- The service being redesigned, in the place's own words.
    service_area     TEXT      NOT NULL,
    -- Where the work is: the double diamond's four phases.
    phase            TEXT      NOT NULL CHECK (phase IN ('discover', 'define', 'develop', 'deliver')),
    -- 'public': anyone in the place reads it and may ask to join;
    -- 'private': only its members and the people invited see it.
    visibility       TEXT      NOT NULL CHECK (visibility IN ('public', 'private')),
    -- NULL once the person who started it erased their account.
    created_by       TEXT,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    last_activity_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX boards_recent ON boards (tenant_id, last_activity_at DESC, id DESC);
CREATE INDEX boards_by_creator ON boards (tenant_id, created_by);

-- People on a board in their own right: citizens, and facilitators.
CREATE TABLE board_members (
    tenant_id TEXT      NOT NULL,
    board_id  TEXT      NOT NULL,
    user_id   TEXT      NOT NULL,
    role      TEXT      NOT NULL CHECK (role IN ('facilitator', 'member')),
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, board_id, user_id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX board_members_by_user ON board_members (tenant_id, user_id);

-- Organisations on a board; their staff (the organisation's members) act
-- for them.
CREATE TABLE board_organisations (
    tenant_id       TEXT      NOT NULL,
    board_id        TEXT      NOT NULL,
    organisation_id TEXT      NOT NULL,
    joined_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, board_id, organisation_id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX board_organisations_by_organisation ON board_organisations (tenant_id, organisation_id);

-- Invitations (a facilitator asks a person or an organisation to join)
-- and join requests (a person asks, for themselves or for an organisation
-- they run). Exactly one of user_id and organisation_id names who would
-- join.
CREATE TABLE board_requests (
    tenant_id       TEXT      NOT NULL,
    id              TEXT      NOT NULL,
    board_id        TEXT      NOT NULL,
    kind            TEXT      NOT NULL CHECK (kind IN ('invitation', 'join_request')),
    user_id         TEXT,
    organisation_id TEXT,
    -- The role offered (organisations are always members).
    role            TEXT      NOT NULL CHECK (role IN ('facilitator', 'member')),
    message         TEXT,
    -- Who made it (a facilitator, or the person asking); NULL once erased.
    created_by      TEXT,
    status          TEXT      NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    created_at      TIMESTAMP NOT NULL,
    decided_at      TIMESTAMP,
    decided_by      TEXT,
    PRIMARY KEY (tenant_id, id),
    CHECK ((user_id IS NULL) <> (organisation_id IS NULL)),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id)
);
-- One open invitation or request per person, and per organisation.
CREATE UNIQUE INDEX board_requests_one_pending_person ON board_requests (tenant_id, board_id, user_id) WHERE status = 'pending';
CREATE UNIQUE INDEX board_requests_one_pending_organisation ON board_requests (tenant_id, board_id, organisation_id) WHERE status = 'pending';
CREATE INDEX board_requests_by_board ON board_requests (tenant_id, board_id, status, created_at);
CREATE INDEX board_requests_by_user ON board_requests (tenant_id, user_id);
CREATE INDEX board_requests_by_organisation ON board_requests (tenant_id, organisation_id);
CREATE INDEX board_requests_by_creator ON board_requests (tenant_id, created_by);
CREATE INDEX board_requests_by_decider ON board_requests (tenant_id, decided_by);

-- The public timeline of a board: created, phase changes, who joined and
-- left, links, workshops. `detail` is a JSON object for each kind.
CREATE TABLE board_events (
    tenant_id   TEXT      NOT NULL,
    board_id    TEXT      NOT NULL,
    id          TEXT      NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    kind        TEXT      NOT NULL,
    -- NULL for the platform itself, or once the person erased their account.
    actor_id    TEXT,
    -- The person the entry is about (who joined, left, was removed); NULL
    -- once they erased their account.
    subject_id  TEXT,
    -- The organisation the entry is about, if any.
    organisation_id TEXT,
    detail      TEXT      NOT NULL,
    PRIMARY KEY (tenant_id, board_id, id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX board_events_by_actor ON board_events (tenant_id, actor_id);
CREATE INDEX board_events_by_subject ON board_events (tenant_id, subject_id);
CREATE INDEX board_events_by_organisation ON board_events (tenant_id, organisation_id);

-- Proposals and assets a board works with, linked by a facilitator.
CREATE TABLE board_proposals (
    tenant_id   TEXT      NOT NULL,
    board_id    TEXT      NOT NULL,
    proposal_id TEXT      NOT NULL,
    linked_by   TEXT,
    linked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, board_id, proposal_id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, linked_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX board_proposals_by_proposal ON board_proposals (tenant_id, proposal_id);
CREATE INDEX board_proposals_by_linker ON board_proposals (tenant_id, linked_by);

CREATE TABLE board_assets (
    tenant_id TEXT      NOT NULL,
    board_id  TEXT      NOT NULL,
    asset_id  TEXT      NOT NULL,
    linked_by TEXT,
    linked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, board_id, asset_id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, linked_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX board_assets_by_asset ON board_assets (tenant_id, asset_id);
CREATE INDEX board_assets_by_linker ON board_assets (tenant_id, linked_by);

-- Workshops: co-design in a room (and often online too).
CREATE TABLE workshops (
    tenant_id          TEXT      NOT NULL,
    id                 TEXT      NOT NULL,
    board_id           TEXT      NOT NULL,
    title              TEXT      NOT NULL,
    starts_at          TIMESTAMP NOT NULL,
    ends_at            TIMESTAMP NOT NULL,
    -- Where, in words people can find (empty for online only).
    location           TEXT      NOT NULL,
    -- Step-free access, hearing loop, quiet room, toilets, transport...
    accessibility      TEXT      NOT NULL,
    online_url         TEXT,
    -- The facilitators' notes, once published for the board.
    notes              TEXT,
    notes_published_at TIMESTAMP,
    created_by         TEXT,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX workshops_by_board ON workshops (tenant_id, board_id, starts_at);
CREATE INDEX workshops_by_creator ON workshops (tenant_id, created_by);

-- Members' answers: coming or not, and what they need to take part
-- (personal: only the person and the board's facilitators read it).
CREATE TABLE workshop_rsvps (
    tenant_id    TEXT      NOT NULL,
    workshop_id  TEXT      NOT NULL,
    user_id      TEXT      NOT NULL,
    response     TEXT      NOT NULL CHECK (response IN ('yes', 'no', 'maybe')),
    access_needs TEXT,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, workshop_id, user_id),
    FOREIGN KEY (tenant_id, workshop_id) REFERENCES workshops (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX workshop_rsvps_by_user ON workshop_rsvps (tenant_id, user_id);

-- Who took part, recorded by a facilitator: in the room or online.
CREATE TABLE workshop_attendance (
    tenant_id   TEXT      NOT NULL,
    workshop_id TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    mode        TEXT      NOT NULL CHECK (mode IN ('in_person', 'online')),
    recorded_by TEXT,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, workshop_id, user_id),
    FOREIGN KEY (tenant_id, workshop_id) REFERENCES workshops (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX workshop_attendance_by_user ON workshop_attendance (tenant_id, user_id);
CREATE INDEX workshop_attendance_by_recorder ON workshop_attendance (tenant_id, recorded_by);
