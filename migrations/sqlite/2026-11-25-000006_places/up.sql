-- The areas of a place: a hierarchy (city -> ward -> neighbourhood), each
-- with an optional point. Coordinates are whole micro-degrees (BIGINT), the
-- same on both backends, so no floating-point column differs between them.
CREATE TABLE areas (
    tenant_id        TEXT      NOT NULL REFERENCES tenants (id),
    id               TEXT      NOT NULL,
    parent_id        TEXT,
    name             TEXT      NOT NULL,
    kind             TEXT      NOT NULL
        CHECK (kind IN ('city', 'ward', 'neighbourhood', 'other')),
    description      TEXT,
    latitude_micro   BIGINT,
    longitude_micro  BIGINT,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES areas (tenant_id, id)
);

-- Names are unique among siblings. NULL parents are distinct in unique
-- indexes on both backends, so the service checks top-level names too.
CREATE UNIQUE INDEX areas_sibling_name ON areas (tenant_id, parent_id, name);

-- What a place's admins set about it, beyond its name and language (which
-- live in `tenants`). A place without a row has the defaults.
CREATE TABLE place_settings (
    tenant_id     TEXT      NOT NULL PRIMARY KEY REFERENCES tenants (id),
    -- '#rrggbb', white text on it passing WCAG AA (4.5:1); NULL: the default.
    brand_colour  TEXT,
    updated_at    TIMESTAMP NOT NULL
);
