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

diesel::table! {
    outbox (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        kind -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(tenant_hosts -> tenants (tenant_id));
diesel::joinable!(outbox -> tenants (tenant_id));
diesel::allow_tables_to_appear_in_same_query!(tenants, tenant_hosts, outbox);
