-- The place's story and context, told by its admins in Markdown.
CREATE TABLE place_stories (
    tenant_id  TEXT      NOT NULL PRIMARY KEY REFERENCES tenants (id),
    markdown   TEXT      NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
