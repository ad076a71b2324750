-- Polls on boards: the poll and its options, who may vote and who did
-- (poll_voters), and the ballots themselves (poll_ballots). Ballot rows
-- never name a voter, for open and secret polls alike; see src/polls/mod.rs
-- for how secret ballots stay unlinkable.

CREATE TABLE polls (
    tenant_id            TEXT      NOT NULL,
    id                   TEXT      NOT NULL,
    board_id             TEXT      NOT NULL,
    question             TEXT      NOT NULL,
    -- More about the question, plain text ('' when none).
    details              TEXT      NOT NULL,
    method               TEXT      NOT NULL CHECK (method IN ('approval', 'consent', 'dot', 'score', 'ranked', 'budget', 'quadratic')),
    -- The method's limit: dots per voter (dot), the budget (budget), voice
    -- credits per voter (quadratic); NULL for the other methods.
    dots                 INTEGER,
    cap                  BIGINT,
    credits              INTEGER,
    rule                 TEXT      NOT NULL CHECK (rule IN ('majority', 'supermajority', 'no_blocks', 'parity')),
    -- The rule's threshold as a decimal (e.g. 0.6666666666666666 for two
    -- thirds), read back exactly by voting::Threshold::from_decimal.
    threshold            TEXT,
    quorum_citizens      BIGINT    NOT NULL,
    quorum_organisations BIGINT    NOT NULL,
    secret               BOOLEAN   NOT NULL,
    -- Results shown while the poll is open (never for secret polls).
    live_results         BOOLEAN   NOT NULL,
    -- The facilitator who created it; NULL once they erased their account.
    created_by           TEXT,
    created_at           TIMESTAMP NOT NULL,
    closes_at            TIMESTAMP,
    closed_at            TIMESTAMP,
    -- The facilitator who closed it early; NULL when it closed on time.
    closed_by            TEXT,
    -- At close: the result (JSON, the shape of GET /results) and the
    -- SHA-256 digest of the sorted ballots (polls::model::digest).
    result               TEXT,
    digest               TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, board_id) REFERENCES boards (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, closed_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX polls_by_board ON polls (tenant_id, board_id, created_at);
-- The closing sweep: open polls with a closing time.
CREATE INDEX polls_due ON polls (closes_at) WHERE closed_at IS NULL AND closes_at IS NOT NULL;
CREATE INDEX polls_by_creator ON polls (tenant_id, created_by);

CREATE TABLE poll_options (
    tenant_id TEXT    NOT NULL,
    id        TEXT    NOT NULL,
    poll_id   TEXT    NOT NULL,
    -- 0, 1, 2… in the order the facilitator gave them.
    position  INTEGER NOT NULL,
    label     TEXT    NOT NULL,
    -- Budget polls: what the option costs.
    cost      BIGINT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id)
);
CREATE UNIQUE INDEX poll_options_order ON poll_options (tenant_id, poll_id, position);

-- Ballot contents. No voter, no time, random ids; on SQLite WITHOUT ROWID so rows
-- are stored in id order, not in the order they arrived. Secret polls'
-- ballots are rewritten in sorted order with fresh ids when they close.
CREATE TABLE poll_ballots (
    tenant_id    TEXT NOT NULL,
    poll_id      TEXT NOT NULL,
    -- A random UUID (version 4), never time-ordered.
    id           TEXT NOT NULL,
    constituency TEXT NOT NULL CHECK (constituency IN ('citizen', 'organisation')),
    -- The ballot's canonical JSON (voting::Ballot serialised).
    content      TEXT NOT NULL,
    -- Secret polls while open: the SHA-256 of the receipt only the voter
    -- holds, with which they may replace this ballot. Cleared at close.
    receipt_hash TEXT,
    PRIMARY KEY (tenant_id, poll_id, id),
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id)
);
CREATE UNIQUE INDEX poll_ballots_receipts ON poll_ballots (tenant_id, poll_id, receipt_hash) WHERE receipt_hash IS NOT NULL;

-- Who may vote (the board's members when the poll opened, each in their
-- constituency) and whether they have.
CREATE TABLE poll_voters (
    tenant_id    TEXT    NOT NULL,
    poll_id      TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    constituency TEXT    NOT NULL CHECK (constituency IN ('citizen', 'organisation')),
    voted        BOOLEAN NOT NULL,
    -- The facilitator who cast the ballot for them (they took part in a
    -- workshop in person).
    assisted_by  TEXT,
    -- Open polls only: the voter's ballot, so they can replace it. Always
    -- NULL for secret polls, whose ballots nothing links to a voter.
    ballot_id    TEXT,
    PRIMARY KEY (tenant_id, poll_id, user_id),
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, assisted_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, poll_id, ballot_id) REFERENCES poll_ballots (tenant_id, poll_id, id)
);
CREATE INDEX poll_voters_by_user ON poll_voters (tenant_id, user_id);
CREATE INDEX poll_voters_by_helper ON poll_voters (tenant_id, assisted_by);
-- The foreign key from ballot_id: without it, removing a poll's ballots
-- (a secret poll's rewrite at close) checks every voter row per ballot.
CREATE INDEX poll_voters_by_ballot ON poll_voters (tenant_id, poll_id, ballot_id);
