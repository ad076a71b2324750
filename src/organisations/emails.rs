//! The email that carries an invitation to join an organisation.

use askama::Template;

use super::invitations::LIFETIME_DAYS;
use super::model::{MemberRole, Organisation};
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

/// What the invitation email says, in both its parts.
struct Parts<'a> {
    lang: Language,
    place: &'a str,
    /// Who invites them, to what, and what accepting means.
    intro: [String; 2],
    link: &'a str,
    /// How long the link works; what to do if it was not for them.
    outro: [String; 2],
}

#[derive(Template)]
#[template(path = "email/invitation.txt")]
struct InvitationText<'a> {
    p: &'a Parts<'a>,
}

#[derive(Template)]
#[template(path = "email/invitation.html")]
struct InvitationHtml<'a> {
    p: &'a Parts<'a>,
}

fn render(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("email template failed: {e}")))
}

/// What accepting a role means, in a sentence.
fn meaning(role: MemberRole, lang: Language) -> String {
    match role {
        MemberRole::Admin => lang.t("email-invitation-meaning-admin"),
        MemberRole::Member => lang.t("email-invitation-meaning-member"),
    }
}

/// The phrase for a role: "an admin", "a member".
fn role_phrase(role: MemberRole, lang: Language) -> String {
    match role {
        MemberRole::Admin => lang.t("email-invitation-as-admin"),
        MemberRole::Member => lang.t("email-invitation-as-member"),
    }
}

/// The invitation email, in `lang` (the invitee's, if they have an
/// account here, else the place's). `inviter` is the admin's name when
/// their profile shows it to everyone.
pub fn invitation(
    tenant: &Tenant,
    org: &Organisation,
    inviter: Option<&str>,
    role: MemberRole,
    link: &str,
    to: Email,
    lang: Language,
) -> Result<Message> {
    let fallback = lang.t1("email-invitation-an-admin", "org", org.name.as_str());
    let inviter = inviter.unwrap_or(&fallback);
    let (place, organisation) = (tenant.name.as_str(), org.name.as_str());
    let parts = Parts {
        lang,
        place,
        intro: [
            lang.t_args(
                "email-invitation-invited",
                &[
                    ("inviter", &inviter),
                    ("org", &organisation),
                    ("role", &role_phrase(role, lang)),
                    ("place", &place),
                ],
            ),
            lang.t2(
                "email-invitation-if-you-accept",
                "meaning",
                meaning(role, lang),
                "place",
                place,
            ),
        ],
        link,
        outro: [
            lang.t1("email-invitation-expiry", "days", LIFETIME_DAYS),
            lang.t1("email-invitation-not-expected", "org", organisation),
        ],
    };
    let text = render(&InvitationText { p: &parts })?;
    let html = render(&InvitationHtml { p: &parts })?;
    Ok(Message {
        to,
        subject: format!(
            "{}: {}",
            tenant.name,
            lang.t1("email-invitation-subject", "org", org.name.as_str())
        ),
        text,
        html,
        kind: "organisation_invitation",
    })
}
