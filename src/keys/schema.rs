//! The key store's own schema, kept out of `db::schema`: it lives in
//! another database, migrated from `migrations/keystore/{sqlite,postgres}`.

diesel::table! {
    data_keys (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        wrapped_key -> Binary,
        nonce -> Binary,
        master_key_id -> Text,
        created_at -> Timestamp,
        destroyed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    signing_keys (kid) {
        kid -> Text,
        wrapped_seed -> Binary,
        nonce -> Binary,
        master_key_id -> Text,
        public_key -> Binary,
        created_at -> Timestamp,
        retired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    child_keys (tenant_id, name) {
        tenant_id -> Text,
        name -> Text,
        owner_id -> Text,
        wrapped_key -> Binary,
        created_at -> Timestamp,
        destroyed_at -> Nullable<Timestamp>,
    }
}
