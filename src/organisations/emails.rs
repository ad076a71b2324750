//! The email that carries an invitation to join an organisation.

use askama::Template;

use super::invitations::LIFETIME_DAYS;
use super::model::{MemberRole, Organisation};
use crate::error::{Error, Result};
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

/// What the invitation email says, in both its parts.
struct Parts<'a> {
    place: &'a str,
    inviter: &'a str,
    organisation: &'a str,
    role: &'a str,
    meaning: &'a str,
    link: &'a str,
    days: i64,
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
pub fn meaning(role: MemberRole) -> &'static str {
    match role {
        MemberRole::Admin => "you will act for the organisation on this site, edit its profile and manage its members",
        MemberRole::Member => "you will act for the organisation on this site, for example on boards where it takes part",
    }
}

/// The phrase for a role: "an admin", "a member".
pub fn role_phrase(role: MemberRole) -> &'static str {
    match role {
        MemberRole::Admin => "an admin",
        MemberRole::Member => "a member",
    }
}

/// The invitation email. `inviter` is the admin's name when their profile
/// shows it to everyone.
pub fn invitation(
    tenant: &Tenant,
    org: &Organisation,
    inviter: Option<&str>,
    role: MemberRole,
    link: &str,
    to: Email,
) -> Result<Message> {
    let fallback = format!("One of the admins of {}", org.name);
    let inviter = inviter.unwrap_or(&fallback);
    let parts = Parts {
        place: &tenant.name,
        inviter,
        organisation: &org.name,
        role: role_phrase(role),
        meaning: meaning(role),
        link,
        days: LIFETIME_DAYS,
    };
    let text = render(&InvitationText { p: &parts })?;
    let html = render(&InvitationHtml { p: &parts })?;
    Ok(Message {
        to,
        subject: format!("{}: you are invited to join {}", tenant.name, org.name),
        text,
        html,
        kind: "organisation_invitation",
    })
}
