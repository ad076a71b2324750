//! Typed ids: UUIDv7 generated in Rust, stored as text, one type per kind of
//! record so a `TenantId` can never be passed where a `UserId` is meant.

/// Declares an id newtype. The value is always a canonical lowercase UUID,
/// because the only ways in are `new()` and parsing.
#[macro_export]
macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
            serde::Serialize,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(uuid::Uuid::parse_str(s)?.to_string()))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                raw.parse().map_err(serde::de::Error::custom)
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.as_str().to_sql(out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let raw = String::from_sql(bytes)?;
                Ok(raw.parse()?)
            }
        }
    };
}

define_id!(
    /// A tenant: one place's instance of the platform.
    TenantId
);

define_id!(
    /// A person's account in one tenant.
    UserId
);

define_id!(
    /// A signed-in browser or API client.
    SessionId
);

define_id!(
    /// One email in the outbox.
    OutboxId
);

define_id!(
    /// An organisation of a tenant.
    OrganisationId
);

define_id!(
    /// An area of a place (a city, ward or neighbourhood).
    AreaId
);

define_id!(
    /// An invitation to join an organisation.
    InvitationId
);

define_id!(
    /// An asset of the asset map: a skill, space, service, group or
    /// equipment someone offers.
    AssetId
);

define_id!(
    /// A message relayed to an asset's owner (only its time and sender are
    /// kept).
    AssetMessageId
);

define_id!(
    /// A citizen's proposal.
    ProposalId
);

define_id!(
    /// One entry of a proposal's timeline or one kept revision of it.
    ProposalEntryId
);

define_id!(
    /// A comment on a proposal (or, later, a board's discussion).
    CommentId
);

define_id!(
    /// A flag someone raised on a proposal or comment, or one moderation
    /// action on it.
    ModerationId
);

define_id!(
    /// A co-design board.
    BoardId
);

define_id!(
    /// An invitation to a board, or a request to join one.
    BoardRequestId
);

define_id!(
    /// One entry of a board's timeline.
    BoardEntryId
);

define_id!(
    /// A board's workshop.
    WorkshopId
);

define_id!(
    /// A poll on a board.
    PollId
);

define_id!(
    /// One option of a poll.
    PollOptionId
);

define_id!(
    /// One ballot of a poll. Made with [`BallotId::random`], never `new`:
    /// a time-ordered id would tell when the ballot was cast.
    BallotId
);

impl BallotId {
    /// A random (version 4) UUID: it says nothing about when, or in what
    /// order, the ballot was cast.
    pub fn random() -> Self {
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(
            uuid::Builder::from_random_bytes(bytes)
                .into_uuid()
                .to_string(),
        )
    }
}

define_id!(
    /// A citizen's story (its text encrypted under its own key).
    StoryId
);

define_id!(
    /// One consent grant: a story, a purpose, an audience.
    ConsentId
);

define_id!(
    /// One logged use of a story.
    StoryUseId
);

define_id!(
    /// A request to use a story.
    ConsentRequestId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_uuids_and_normalise_case() {
        let id = TenantId::new();
        let upper: TenantId = id.as_str().to_uppercase().parse().unwrap();
        assert_eq!(upper, id);
        assert!("not-a-uuid".parse::<TenantId>().is_err());
        assert!("1; DROP TABLE tenants".parse::<TenantId>().is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Every text form of a UUID parses to the one canonical id, and
            /// the canonical text parses back to the same id; two different
            /// UUIDs never give the same id.
            #[test]
            fn ids_have_one_canonical_text(a in any::<u128>(), b in any::<u128>()) {
                let uuid = uuid::Uuid::from_u128(a);
                let id: TenantId = uuid.to_string().parse().unwrap();
                for form in [
                    uuid.to_string().to_uppercase(),
                    uuid.simple().to_string(),
                    uuid.braced().to_string(),
                    uuid.urn().to_string(),
                ] {
                    prop_assert_eq!(&form.parse::<TenantId>().unwrap(), &id);
                }
                prop_assert_eq!(id.as_str().parse::<TenantId>().unwrap(), id.clone());
                prop_assert_eq!(id.as_str(), uuid.hyphenated().to_string());
                if a != b {
                    let other: TenantId = uuid::Uuid::from_u128(b).to_string().parse().unwrap();
                    prop_assert_ne!(other, id);
                }
            }

            /// Text that is not a UUID is never an id (so it can never be
            /// looked up as one).
            #[test]
            fn non_uuids_are_refused(raw in "\\PC{0,48}") {
                prop_assume!(uuid::Uuid::parse_str(&raw).is_err());
                prop_assert!(raw.parse::<TenantId>().is_err());
                prop_assert!(serde_json::from_value::<TenantId>(serde_json::Value::String(raw)).is_err());
            }
        }
    }
}
