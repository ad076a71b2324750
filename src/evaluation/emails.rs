//! The email inviting a person to evaluate a delivered proposal.

use askama::Template;

use super::model::Reason;
use crate::accounts::User;
use crate::error::{Error, Result};
use crate::mail::{Email, Message};
use crate::proposals::Proposal;

#[derive(Template)]
#[template(path = "email/evaluation_invitation.txt")]
struct Text<'a> {
    place: &'a str,
    name: &'a str,
    title: &'a str,
    outcome: &'a str,
    because: &'a str,
    path: &'a str,
}

#[derive(Template)]
#[template(path = "email/evaluation_invitation.html")]
struct Html<'a> {
    place: &'a str,
    name: &'a str,
    title: &'a str,
    outcome: &'a str,
    because: &'a str,
    path: &'a str,
}

fn render(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("email template failed: {e}")))
}

/// Asks `person` whether the intended outcome of a delivered proposal
/// happened.
pub fn invitation(
    place: &str,
    person: &User,
    proposal: &Proposal,
    reason: Reason,
) -> Result<Message> {
    let path = format!("/proposals/{}/evaluation", proposal.id);
    let (name, title, outcome, because) = (
        person.display_name.as_str(),
        proposal.title.as_str(),
        proposal.intended_outcome.as_str(),
        reason.because(),
    );
    Ok(Message {
        to: Email::parse(&person.email).map_err(Error::Internal)?,
        subject: format!("{place}: did \u{201c}{title}\u{201d} make a difference?"),
        text: render(&Text {
            place,
            name,
            title,
            outcome,
            because,
            path: &path,
        })?,
        html: render(&Html {
            place,
            name,
            title,
            outcome,
            because,
            path: &path,
        })?,
        kind: "evaluation_invitation",
    })
}
