//! Organisations and memberships, with their rules of form (no I/O).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{OrganisationId, TenantId, UserId};
use crate::db::schema::organisations;
use crate::error::{Error, Problems, Result, Words};

pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4000;
pub const WEBSITE_MAX: usize = 500;
pub const AREAS_SERVED_MAX: usize = 500;

/// What sort of organisation it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// A public service: the council, the NHS, a school.
    Public,
    /// A charity or voluntary group.
    Voluntary,
    /// A business.
    Private,
    /// A community group of residents.
    Community,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 4] = [
        OrganisationKind::Public,
        OrganisationKind::Voluntary,
        OrganisationKind::Private,
        OrganisationKind::Community,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Public => "public",
            OrganisationKind::Voluntary => "voluntary",
            OrganisationKind::Private => "private",
            OrganisationKind::Community => "community",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::Public => "Public service",
            OrganisationKind::Voluntary => "Charity or voluntary group",
            OrganisationKind::Private => "Business",
            OrganisationKind::Community => "Community group",
        }
    }

    /// [`OrganisationKind::label`] in a person's language, for pages.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            OrganisationKind::Public => lang.t("organisations-kind-public"),
            OrganisationKind::Voluntary => lang.t("organisations-kind-voluntary"),
            OrganisationKind::Private => lang.t("organisations-kind-private"),
            OrganisationKind::Community => lang.t("organisations-kind-community"),
        }
    }
}

/// The label of a stored kind (`community`) in a person's language; a kind
/// this version does not know reads "Organisation".
pub fn kind_label(raw: &str, lang: impl Into<crate::i18n::Language>) -> String {
    let lang: crate::i18n::Language = lang.into();
    OrganisationKind::parse(raw).map_or_else(
        || lang.t("organisations-kind-unknown"),
        |k| k.label_in(lang),
    )
}

/// What a member may do for their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// Edits the profile and manages members.
    Admin,
    /// Acts for the organisation.
    Member,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Admin => "admin",
            MemberRole::Member => "member",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "admin" => Some(MemberRole::Admin),
            "member" => Some(MemberRole::Member),
            _ => None,
        }
    }
}

/// A stored organisation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub tenant_id: TenantId,
    pub id: OrganisationId,
    pub name: String,
    pub name_key: String,
    pub kind: String,
    pub description: String,
    pub website: Option<String>,
    pub areas_served: Option<String>,
    pub verified_at: Option<NaiveDateTime>,
    pub verified_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An organisation as the API shows it to anyone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub website: Option<String>,
    /// Free text for now, e.g. "Hillfields, Foleshill".
    pub areas_served: Option<String>,
    /// Recognised by the council.
    pub verified: bool,
    pub verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl From<&Organisation> for OrganisationView {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.clone(),
            description: o.description.clone(),
            website: o.website.clone(),
            areas_served: o.areas_served.clone(),
            verified: o.verified_at.is_some(),
            verified_at: o.verified_at,
            created_at: o.created_at,
        }
    }
}

/// A member as others may see them: the name only when the person's
/// profile shows it to the viewer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = OrganisationMemberView)]
pub struct MemberView {
    pub user_id: String,
    /// Absent when the person's profile does not show their name to you.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub role: String,
    pub joined_at: NaiveDateTime,
}

/// A new organisation, as asked for. Text fields arrive as strings so a
/// wrong value is a field error, not an unreadable body.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewOrganisation {
    pub name: String,
    /// `public`, `voluntary`, `private` or `community`.
    pub kind: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub areas_served: Option<String>,
}

/// Changes to an organisation's profile; absent fields stay, an empty
/// string clears an optional one.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub areas_served: Option<String>,
}

/// A checked profile, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub name: String,
    pub kind: OrganisationKind,
    pub description: String,
    pub website: Option<String>,
    pub areas_served: Option<String>,
}

impl Fields {
    /// Checks every field at once so all problems show together.
    pub fn check(
        name: &str,
        kind: &str,
        description: &str,
        website: Option<&str>,
        areas_served: Option<&str>,
    ) -> Result<Self> {
        let mut problems = Problems::default();
        let name = name.trim().to_owned();
        let length = name.chars().count();
        if !(NAME_MIN..=NAME_MAX).contains(&length) {
            problems.add(
                "name",
                "length",
                Words::of2(
                    "organisations-error-name-length",
                    "min",
                    NAME_MIN,
                    "max",
                    NAME_MAX,
                ),
            );
        }
        let kind = OrganisationKind::parse(kind);
        if kind.is_none() {
            problems.add(
                "kind",
                "invalid",
                Words::of("organisations-error-kind-invalid"),
            );
        }
        let description = description.trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX {
            problems.add(
                "description",
                "length",
                Words::of1(
                    "organisations-error-description-length",
                    "max",
                    DESCRIPTION_MAX,
                ),
            );
        }
        let website = website.map(str::trim).filter(|w| !w.is_empty());
        if let Some(w) = website {
            if !is_web_address(w) || w.len() > WEBSITE_MAX {
                problems.add(
                    "website",
                    "invalid",
                    Words::of("organisations-error-website-invalid"),
                );
            }
        }
        let areas_served = areas_served.map(str::trim).filter(|a| !a.is_empty());
        if areas_served.is_some_and(|a| a.chars().count() > AREAS_SERVED_MAX) {
            problems.add(
                "areas_served",
                "length",
                Words::of1("organisations-error-areas-length", "max", AREAS_SERVED_MAX),
            );
        }
        problems.into_result()?;
        Ok(Self {
            name,
            kind: kind.ok_or_else(|| Error::Internal("kind checked above".into()))?,
            description,
            website: website.map(str::to_owned),
            areas_served: areas_served.map(str::to_owned),
        })
    }
}

/// Only web pages: no `javascript:` or `data:` links on a profile.
fn is_web_address(raw: &str) -> bool {
    match url::Url::parse(raw) {
        Ok(url) => matches!(url.scheme(), "https" | "http") && url.host_str().is_some(),
        Err(_) => false,
    }
}

/// The key that keeps names unique within a place, whatever their case.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_checked_together() {
        let ok = Fields::check(
            " Hillfields Food Bank ",
            "voluntary",
            "We feed people.",
            Some("https://food.example.org"),
            Some("Hillfields"),
        )
        .unwrap();
        assert_eq!(ok.name, "Hillfields Food Bank");
        assert_eq!(ok.kind, OrganisationKind::Voluntary);
        let Err(Error::Validation(errors)) = Fields::check(
            "x",
            "club",
            &"a".repeat(DESCRIPTION_MAX + 1),
            Some("javascript:alert(1)"),
            None,
        ) else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "kind", "description", "website"]);
        assert!(Fields::check("ab", "public", "", Some("ftp://x.org"), None).is_err());
        assert!(Fields::check("ab", "public", "", Some(""), None).is_ok());
    }
}
