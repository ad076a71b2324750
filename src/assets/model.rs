//! Assets and their rules of form (no I/O): the kinds, the stored row,
//! what the API shows and takes, and the checks on what people send.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{AreaId, AssetId, OrganisationId, TenantId, UserId};
use crate::db::schema::assets;
use crate::error::{Problems, Words};
use crate::i18n::Language;

pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4000;
pub const AVAILABILITY_MAX: usize = 300;
/// Longest message relayed to an owner, in characters.
pub const MESSAGE_MAX: usize = 4000;

/// What sort of strength an asset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// Something a person can do: cooking, fixing bikes, listening.
    Skill,
    /// A room, hall, garden or kitchen people can use.
    Space,
    /// Something offered regularly: a food bank, advice sessions.
    Service,
    /// People who meet: a club, a choir, a tenants' association.
    Group,
    /// Things to borrow or share: tools, a minibus, a projector.
    Equipment,
}

impl AssetKind {
    pub const ALL: [AssetKind; 5] = [
        AssetKind::Skill,
        AssetKind::Space,
        AssetKind::Service,
        AssetKind::Group,
        AssetKind::Equipment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AssetKind::Skill => "skill",
            AssetKind::Space => "space",
            AssetKind::Service => "service",
            AssetKind::Group => "group",
            AssetKind::Equipment => "equipment",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            AssetKind::Skill => "Skill",
            AssetKind::Space => "Space",
            AssetKind::Service => "Service",
            AssetKind::Group => "Group",
            AssetKind::Equipment => "Equipment",
        }
    }

    /// A few words on what the kind covers, for forms.
    pub fn hint(self) -> &'static str {
        match self {
            AssetKind::Skill => "something a person can do, like cooking or fixing bikes",
            AssetKind::Space => "a room, hall, garden or kitchen people can use",
            AssetKind::Service => "something offered regularly, like advice sessions",
            AssetKind::Group => "people who meet, like a club or a choir",
            AssetKind::Equipment => "things to borrow or share, like tools or a minibus",
        }
    }
}

impl AssetKind {
    /// [`AssetKind::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            AssetKind::Skill => lang.t("assets-kind-skill"),
            AssetKind::Space => lang.t("assets-kind-space"),
            AssetKind::Service => lang.t("assets-kind-service"),
            AssetKind::Group => lang.t("assets-kind-group"),
            AssetKind::Equipment => lang.t("assets-kind-equipment"),
        }
    }

    /// [`AssetKind::hint`] in a person's language.
    pub fn hint_in(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            AssetKind::Skill => lang.t("assets-kind-skill-hint"),
            AssetKind::Space => lang.t("assets-kind-space-hint"),
            AssetKind::Service => lang.t("assets-kind-service-hint"),
            AssetKind::Group => lang.t("assets-kind-group-hint"),
            AssetKind::Equipment => lang.t("assets-kind-equipment-hint"),
        }
    }

    /// The kind as a word in a sentence ("skill"), in a person's language.
    pub fn word_in(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            AssetKind::Skill => lang.t("assets-kind-skill-word"),
            AssetKind::Space => lang.t("assets-kind-space-word"),
            AssetKind::Service => lang.t("assets-kind-service-word"),
            AssetKind::Group => lang.t("assets-kind-group-word"),
            AssetKind::Equipment => lang.t("assets-kind-equipment-word"),
        }
    }
}

/// A stored kind (`skill`) as a word in a person's language; an unknown
/// one as it is.
pub fn kind_word(kind: &str, lang: impl Into<Language>) -> String {
    match AssetKind::parse(kind) {
        Some(k) => k.word_in(lang),
        None => kind.to_owned(),
    }
}

/// A stored asset.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = assets)]
pub struct Asset {
    pub tenant_id: TenantId,
    pub id: AssetId,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub area_id: Option<AreaId>,
    pub organisation_id: Option<OrganisationId>,
    pub owner_id: Option<UserId>,
    pub availability: Option<String>,
    pub contactable: bool,
    pub search_text: String,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Asset {
    /// The kind, read leniently: a kind this version does not know reads
    /// as a service.
    pub fn kind(&self) -> AssetKind {
        AssetKind::parse(&self.kind).unwrap_or(AssetKind::Service)
    }

    pub fn withdrawn(&self) -> bool {
        self.withdrawn_at.is_some()
    }
}

/// What other rooms (proposals, boards) need to link to an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AssetSummary {
    #[schema(value_type = String)]
    pub id: AssetId,
    pub name: String,
    pub kind: AssetKind,
    #[schema(value_type = Option<String>)]
    pub area_id: Option<AreaId>,
    #[schema(value_type = Option<String>)]
    pub organisation_id: Option<OrganisationId>,
}

impl From<&Asset> for AssetSummary {
    fn from(a: &Asset) -> Self {
        Self {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind(),
            area_id: a.area_id.clone(),
            organisation_id: a.organisation_id.clone(),
        }
    }
}

/// An asset as the API and the pages show it. The owner's email address is
/// never part of it: people reach owners through the contact form.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssetView {
    pub id: String,
    pub name: String,
    /// `skill`, `space`, `service`, `group` or `equipment`.
    pub kind: String,
    pub description: String,
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    /// Set when an organisation offers it.
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
    /// The person offering a personal asset (absent for an organisation's).
    pub owner_id: Option<String>,
    /// The person's name, when their profile shows it to you.
    pub owner_name: Option<String>,
    /// Free text, e.g. "Tuesdays 10–2".
    pub availability: Option<String>,
    /// Whether people may write to the owner through the platform.
    pub contactable: bool,
    /// Only its owners ever see a withdrawn asset.
    pub withdrawn: bool,
    /// Whether you may edit or withdraw it.
    pub yours: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A new asset, as asked for. Text fields arrive as strings so a wrong
/// value is a field error, not an unreadable body.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewAsset {
    #[serde(default)]
    pub name: String,
    /// `skill`, `space`, `service`, `group` or `equipment`.
    #[serde(default)]
    pub kind: String,
    /// Plain text.
    #[serde(default)]
    pub description: String,
    /// An area of this place.
    #[serde(default)]
    pub area_id: Option<String>,
    /// An organisation you are a member of, to offer it on its behalf.
    #[serde(default)]
    pub organisation_id: Option<String>,
    /// Free text, e.g. "Tuesdays 10–2".
    #[serde(default)]
    pub availability: Option<String>,
    /// Whether people may write to you (or the organisation's admins)
    /// through the platform; true unless you say otherwise.
    #[serde(default)]
    pub contactable: Option<bool>,
}

/// Changes to an asset; absent fields stay. An empty availability clears
/// it, and `area_id: null` (or empty) takes the asset out of its area. Who
/// offers it stays as registered.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AssetChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub area_id: Option<Option<String>>,
    pub availability: Option<String>,
    pub contactable: Option<bool>,
}

/// Tells "sent as null" (`Some(None)`) from "not sent" (`None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A checked name, kind, description and availability, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub name: String,
    pub kind: AssetKind,
    pub description: String,
    pub availability: Option<String>,
}

impl Fields {
    /// Checks every field, recording each problem, so all show together.
    pub fn check(
        problems: &mut Problems,
        name: &str,
        kind: &str,
        description: &str,
        availability: Option<&str>,
    ) -> Option<Self> {
        let name = name.trim().to_owned();
        let length = name.chars().count();
        if !(NAME_MIN..=NAME_MAX).contains(&length) {
            problems.add(
                "name",
                "length",
                Words::of2("assets-error-name-length", "min", NAME_MIN, "max", NAME_MAX),
            );
        }
        let kind = AssetKind::parse(kind);
        if kind.is_none() {
            problems.add("kind", "invalid", Words::of("assets-error-kind"));
        }
        let description = description.trim().to_owned();
        if description.is_empty() {
            problems.add(
                "description",
                "required",
                Words::of("assets-error-description-required"),
            );
        } else if description.chars().count() > DESCRIPTION_MAX {
            problems.add(
                "description",
                "length",
                Words::of1("assets-error-description-length", "max", DESCRIPTION_MAX),
            );
        }
        let availability = availability.map(str::trim).filter(|a| !a.is_empty());
        if availability.is_some_and(|a| a.chars().count() > AVAILABILITY_MAX) {
            problems.add(
                "availability",
                "length",
                Words::of1("assets-error-availability-length", "max", AVAILABILITY_MAX),
            );
        }
        Some(Self {
            name,
            kind: kind?,
            description,
            availability: availability.map(str::to_owned),
        })
    }

    /// What text search looks in, lower-cased here (not by the database)
    /// so both backends match the same way.
    pub fn search_text(&self) -> String {
        [
            self.name.as_str(),
            self.description.as_str(),
            self.availability.as_deref().unwrap_or_default(),
        ]
        .join("\n")
        .to_lowercase()
    }
}

/// A checked message for an asset's owner: trimmed, not empty, bounded.
pub fn check_message(problems: &mut Problems, raw: &str) -> String {
    let message = raw.trim();
    if message.is_empty() {
        problems.add(
            "message",
            "required",
            Words::of("assets-error-message-required"),
        );
    } else if message.chars().count() > MESSAGE_MAX {
        problems.add(
            "message",
            "length",
            Words::of1("assets-error-message-length", "max", MESSAGE_MAX),
        );
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn fields_are_checked_together() {
        let mut p = Problems::default();
        let ok = Fields::check(
            &mut p,
            " Bike repair ",
            "Skill",
            " I fix bikes. ",
            Some(" Saturdays "),
        )
        .unwrap();
        assert!(p.into_result().is_ok());
        assert_eq!(ok.name, "Bike repair");
        assert_eq!(ok.kind, AssetKind::Skill);
        assert_eq!(ok.availability.as_deref(), Some("Saturdays"));
        assert_eq!(ok.search_text(), "bike repair\ni fix bikes.\nsaturdays");

        let mut p = Problems::default();
        assert!(Fields::check(&mut p, "x", "castle", "", Some(&"a".repeat(301))).is_none());
        let Err(Error::Validation(errors)) = p.into_result() else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "kind", "description", "availability"]);
    }

    #[test]
    fn messages_are_bounded() {
        let mut p = Problems::default();
        assert_eq!(check_message(&mut p, "  Hello  "), "Hello");
        assert!(p.into_result().is_ok());
        for bad in ["   ".to_owned(), "x".repeat(MESSAGE_MAX + 1)] {
            let mut p = Problems::default();
            check_message(&mut p, &bad);
            assert!(p.into_result().is_err());
        }
    }
}
