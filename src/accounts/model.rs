//! Account records and the roles people hold.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::ids::{SessionId, TenantId, UserId};
use crate::db::schema::{account_tokens, sessions, users};

/// What a person may do in their tenant. Every account starts as a
/// citizen; admins appoint moderators and other admins.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[schema(as = AccountRole)]
pub enum Role {
    Citizen,
    Moderator,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "citizen" => Some(Role::Citizen),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Citizen => "Citizen",
            Role::Moderator => "Moderator",
            Role::Admin => "Admin",
        }
    }

    /// [`Role::label`] in a person's language, for pages.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Role::Citizen => lang.t("role-citizen"),
            Role::Moderator => lang.t("role-moderator"),
            Role::Admin => lang.t("role-admin"),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, primary_key(tenant_id, id))]
pub struct User {
    pub tenant_id: TenantId,
    pub id: UserId,
    pub email: String,
    pub email_verified_at: Option<NaiveDateTime>,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub role: String,
    pub platform_operator: bool,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// `en` or `cy` if the person chose; none follows the place's default.
    pub language: Option<String>,
}

impl User {
    /// The language we write to this person in (emails).
    pub fn language(&self, tenant: &crate::tenancy::Tenant) -> crate::i18n::Language {
        crate::i18n::Language::for_person(self.language.as_deref(), &tenant.default_language)
    }

    pub fn role(&self) -> Role {
        // The column has a CHECK constraint; anything else gets least power.
        Role::parse(&self.role).unwrap_or(Role::Citizen)
    }

    pub fn email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    pub fn has_second_factor(&self) -> bool {
        self.totp_secret.is_some()
    }

    /// Admins and platform operators must use a second factor.
    pub fn must_use_second_factor(&self) -> bool {
        self.role() == Role::Admin || self.platform_operator
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub(crate) struct NewUser<'a> {
    pub tenant_id: &'a TenantId,
    pub id: &'a UserId,
    pub email: &'a str,
    pub email_verified_at: Option<NaiveDateTime>,
    pub password_hash: Option<&'a str>,
    pub display_name: &'a str,
    pub role: &'a str,
    pub platform_operator: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub language: Option<&'a str>,
}

/// Browser sessions use a cookie; API sessions a rotating refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Browser,
    Api,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Browser => "browser",
            SessionKind::Api => "api",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub tenant_id: TenantId,
    pub id: SessionId,
    pub user_id: UserId,
    pub kind: String,
    pub token_hash: String,
    pub fully_signed_in: bool,
    pub user_agent: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    /// The sealed authenticator key this session is setting up, if any.
    pub pending_totp_secret: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
pub(crate) struct NewSession<'a> {
    pub tenant_id: &'a TenantId,
    pub id: &'a SessionId,
    pub user_id: &'a UserId,
    pub kind: &'a str,
    pub token_hash: &'a str,
    pub fully_signed_in: bool,
    pub user_agent: &'a str,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Why a single-use email link was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    VerifyEmail,
    ResetPassword,
    SignIn,
    ChangeEmail,
    SetPassword,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::VerifyEmail => "verify_email",
            LinkPurpose::ResetPassword => "reset_password",
            LinkPurpose::SignIn => "sign_in",
            LinkPurpose::ChangeEmail => "change_email",
            LinkPurpose::SetPassword => "set_password",
        }
    }

    /// How long a link stays valid.
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            // ASVS 6.5.5: out-of-band codes live at most 10 minutes.
            LinkPurpose::SignIn => chrono::Duration::minutes(10),
            LinkPurpose::ResetPassword => chrono::Duration::hours(1),
            LinkPurpose::VerifyEmail | LinkPurpose::ChangeEmail => chrono::Duration::hours(48),
            LinkPurpose::SetPassword => chrono::Duration::days(7),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = account_tokens)]
pub struct AccountToken {
    pub tenant_id: TenantId,
    pub token_hash: String,
    pub user_id: UserId,
    pub purpose: String,
    pub new_email: Option<String>,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = account_tokens)]
pub(crate) struct NewAccountToken<'a> {
    pub tenant_id: &'a TenantId,
    pub token_hash: &'a str,
    pub user_id: &'a UserId,
    pub purpose: &'a str,
    pub new_email: Option<&'a str>,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}
