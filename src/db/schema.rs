//! The one schema both backends share. Portable types only: Text, BigInt,
//! Integer, Bool, Binary, Timestamp (UTC). Kept by hand in step with
//! `migrations/{sqlite,postgres}`; `tests/it/schema.rs` checks they agree.

diesel::table! {
    tenants (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        status -> Text,
        default_language -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tenant_hosts (host) {
        host -> Text,
        tenant_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(tenant_hosts -> tenants (tenant_id));
diesel::allow_tables_to_appear_in_same_query!(tenants, tenant_hosts);
