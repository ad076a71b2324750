-- Evaluation and open data: the assets a proposal builds on, the area a
-- resident lives in, invitations to evaluate a delivered proposal and the
-- ratings given, and the licence of a place's open data.

-- The assets of the asset map a proposal builds on (its authors choose).
-- An asset that is erased with its owner's account leaves the list.
CREATE TABLE proposal_assets (
    tenant_id   TEXT      NOT NULL,
    proposal_id TEXT      NOT NULL,
    asset_id    TEXT      NOT NULL,
    linked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, asset_id),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX proposal_assets_by_asset ON proposal_assets (tenant_id, asset_id);

-- The area of the place a person says they live in (one of its areas).
-- Residents of a delivered proposal's area are invited to evaluate it.
-- When the area is removed the person chooses again.
CREATE TABLE resident_areas (
    tenant_id  TEXT      NOT NULL,
    user_id    TEXT      NOT NULL,
    area_id    TEXT      NOT NULL,
    chosen_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX resident_areas_by_area ON resident_areas (tenant_id, area_id);

-- The people invited to say whether a delivered proposal's intended
-- outcome happened: its supporters and the residents of its area when it
-- was delivered. Only they rate it.
CREATE TABLE evaluation_invitations (
    tenant_id   TEXT      NOT NULL,
    proposal_id TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    -- Why they were invited: 'supporter' or 'resident' (of its area).
    reason      TEXT      NOT NULL CHECK (reason IN ('supporter', 'resident')),
    invited_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, user_id),
    FOREIGN KEY (tenant_id, proposal_id) REFERENCES proposals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX evaluation_invitations_by_user ON evaluation_invitations (tenant_id, user_id);

-- One rating per invited person per proposal, changeable while the
-- evaluation is open. The key into the invitations makes "only invited
-- people rate" hold in the database too.
CREATE TABLE evaluation_ratings (
    tenant_id   TEXT      NOT NULL,
    proposal_id TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    -- 1 (it did not happen) to 5 (it fully happened).
    rating      INTEGER   NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     TEXT,
    -- Whether the person's name may appear beside their comment.
    show_name   BOOLEAN   NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, proposal_id, user_id),
    FOREIGN KEY (tenant_id, proposal_id, user_id)
        REFERENCES evaluation_invitations (tenant_id, proposal_id, user_id) ON DELETE CASCADE
);
CREATE INDEX evaluation_ratings_by_user ON evaluation_ratings (tenant_id, user_id);

-- The licence the place publishes its open data under (an SPDX id).
ALTER TABLE place_settings ADD COLUMN open_data_licence TEXT NOT NULL DEFAULT 'CC-BY-4.0';
