-- Tenants are places: a council's instance of the platform.
CREATE TABLE tenants (
    id               TEXT      NOT NULL PRIMARY KEY,
    slug             TEXT      NOT NULL,
    name             TEXT      NOT NULL,
    status           TEXT      NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    default_language TEXT      NOT NULL DEFAULT 'en',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);

-- Every hostname serves exactly one tenant; hosts are stored lowercase, without port.
CREATE TABLE tenant_hosts (
    host       TEXT      NOT NULL PRIMARY KEY,
    tenant_id  TEXT      NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX tenant_hosts_tenant_id_idx ON tenant_hosts (tenant_id);
