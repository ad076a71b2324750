//! The emails accounts send, each with a plain-text and an HTML part, in
//! the place's name.

use askama::Template;

use super::model::{LinkPurpose, User};
use crate::error::{Error, Result};
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

#[derive(Template)]
#[template(path = "email/link.txt")]
struct LinkText<'a> {
    place: &'a str,
    name: &'a str,
    intro: &'a str,
    link: &'a str,
    expiry: &'a str,
    not_you: &'a str,
}

#[derive(Template)]
#[template(path = "email/link.html")]
struct LinkHtml<'a> {
    place: &'a str,
    name: &'a str,
    intro: &'a str,
    action: &'a str,
    link: &'a str,
    expiry: &'a str,
    not_you: &'a str,
}

struct Wording {
    kind: &'static str,
    subject: &'static str,
    intro: &'static str,
    action: &'static str,
    path: &'static str,
    expiry: &'static str,
    not_you: &'static str,
}

fn wording(purpose: LinkPurpose) -> Wording {
    match purpose {
        LinkPurpose::VerifyEmail => Wording {
            kind: "verify_email",
            subject: "Confirm your email address",
            intro: "Thank you for joining. Please confirm this is your email address, so you can take part.",
            action: "Confirm my email address",
            path: "/verify-email",
            expiry: "This link works once and for 48 hours.",
            not_you: "If you did not create an account, you can ignore this email; nothing will happen.",
        },
        LinkPurpose::ResetPassword => Wording {
            kind: "reset_password",
            subject: "Choose a new password",
            intro: "Someone (we hope you) asked to reset the password of your account.",
            action: "Choose a new password",
            path: "/reset-password",
            expiry: "This link works once and for one hour. Choosing a new password signs you out everywhere.",
            not_you: "If you did not ask for this, you can ignore this email; your password has not changed.",
        },
        LinkPurpose::SignIn => Wording {
            kind: "sign_in_link",
            subject: "Your sign-in link",
            intro: "Here is the link you asked for to sign in without a password.",
            action: "Sign me in",
            path: "/sign-in/link",
            expiry: "This link works once and for 10 minutes.",
            not_you: "If you did not ask for this, you can ignore this email; nobody can sign in without the link.",
        },
        LinkPurpose::ChangeEmail => Wording {
            kind: "change_email",
            subject: "Confirm your new email address",
            intro: "You asked to use this address for your account. Please confirm it.",
            action: "Use this address",
            path: "/account/email/confirm",
            expiry: "This link works once and for 48 hours.",
            not_you: "If you did not ask for this, you can ignore this email; nothing will change.",
        },
        LinkPurpose::SetPassword => Wording {
            kind: "set_password",
            subject: "You have been invited",
            intro: "An account has been made for you. Choose a password to start using it.",
            action: "Choose my password",
            path: "/reset-password",
            expiry: "This link works once and for 7 days.",
            not_you: "If you were not expecting this, you can ignore this email.",
        },
    }
}

fn render(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("email template failed: {e}")))
}

/// The email carrying a single-use link.
pub fn link(
    tenant: &Tenant,
    base_url: &str,
    user: &User,
    purpose: LinkPurpose,
    token: &str,
    to: Email,
) -> Result<Message> {
    let w = wording(purpose);
    let link = format!("{base_url}{}?token={token}", w.path);
    let text = render(&LinkText {
        place: &tenant.name,
        name: &user.display_name,
        intro: w.intro,
        link: &link,
        expiry: w.expiry,
        not_you: w.not_you,
    })?;
    let html = render(&LinkHtml {
        place: &tenant.name,
        name: &user.display_name,
        intro: w.intro,
        action: w.action,
        link: &link,
        expiry: w.expiry,
        not_you: w.not_you,
    })?;
    Ok(Message {
        to,
        subject: format!("{}: {}", tenant.name, w.subject),
        text,
        html,
        kind: w.kind,
    })
}

#[derive(Template)]
#[template(path = "email/notice.txt")]
struct NoticeText<'a> {
    place: &'a str,
    name: &'a str,
    body: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice.html")]
struct NoticeHtml<'a> {
    place: &'a str,
    name: &'a str,
    body: &'a str,
}

/// Tells the old address that someone asked to move the account.
pub fn email_change_requested(tenant: &Tenant, user: &User, new_email: &Email) -> Result<Message> {
    let body = format!(
        "Someone asked to change the email address of your account to {new_email}. If it was you, follow the link we sent to that address. If it was not you, sign in and change your password: your account is still using this address."
    );
    Ok(Message {
        to: Email::parse(&user.email).map_err(Error::Internal)?,
        subject: format!(
            "{}: a change to your email address was requested",
            tenant.name
        ),
        text: render(&NoticeText {
            place: &tenant.name,
            name: &user.display_name,
            body: &body,
        })?,
        html: render(&NoticeHtml {
            place: &tenant.name,
            name: &user.display_name,
            body: &body,
        })?,
        kind: "email_change_notice",
    })
}

/// A short notice to a person about something that happened (no link),
/// for other rooms' emails.
pub fn notice(
    tenant: &Tenant,
    user: &User,
    subject: &str,
    body: &str,
    kind: &'static str,
) -> Result<Message> {
    Ok(Message {
        to: Email::parse(&user.email).map_err(Error::Internal)?,
        subject: format!("{}: {subject}", tenant.name),
        text: render(&NoticeText {
            place: &tenant.name,
            name: &user.display_name,
            body,
        })?,
        html: render(&NoticeHtml {
            place: &tenant.name,
            name: &user.display_name,
            body,
        })?,
        kind,
    })
}
