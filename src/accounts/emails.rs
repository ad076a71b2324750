//! The emails accounts send, each with a plain-text and an HTML part, in
//! the place's name.

use askama::Template;

use super::model::{LinkPurpose, User};
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

#[derive(Template)]
#[template(path = "email/link.txt")]
struct LinkText<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    w: &'a Wording,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/link.html")]
struct LinkHtml<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    w: &'a Wording,
    link: &'a str,
}

struct Wording {
    kind: &'static str,
    subject: String,
    intro: String,
    action: String,
    path: &'static str,
    expiry: String,
    not_you: String,
}

fn wording(purpose: LinkPurpose, lang: Language) -> Wording {
    match purpose {
        LinkPurpose::VerifyEmail => Wording {
            kind: "verify_email",
            subject: lang.t("email-verify-subject"),
            intro: lang.t("email-verify-intro"),
            action: lang.t("email-verify-action"),
            path: "/verify-email",
            expiry: lang.t("email-verify-expiry"),
            not_you: lang.t("email-verify-not-you"),
        },
        LinkPurpose::ResetPassword => Wording {
            kind: "reset_password",
            subject: lang.t("email-reset-subject"),
            intro: lang.t("email-reset-intro"),
            action: lang.t("email-reset-action"),
            path: "/reset-password",
            expiry: lang.t("email-reset-expiry"),
            not_you: lang.t("email-reset-not-you"),
        },
        LinkPurpose::SignIn => Wording {
            kind: "sign_in_link",
            subject: lang.t("email-sign-in-subject"),
            intro: lang.t("email-sign-in-intro"),
            action: lang.t("email-sign-in-action"),
            path: "/sign-in/link",
            expiry: lang.t("email-sign-in-expiry"),
            not_you: lang.t("email-sign-in-not-you"),
        },
        LinkPurpose::ChangeEmail => Wording {
            kind: "change_email",
            subject: lang.t("email-change-subject"),
            intro: lang.t("email-change-intro"),
            action: lang.t("email-change-action"),
            path: "/account/email/confirm",
            expiry: lang.t("email-change-expiry"),
            not_you: lang.t("email-change-not-you"),
        },
        LinkPurpose::SetPassword => Wording {
            kind: "set_password",
            subject: lang.t("email-set-password-subject"),
            intro: lang.t("email-set-password-intro"),
            action: lang.t("email-set-password-action"),
            path: "/reset-password",
            expiry: lang.t("email-set-password-expiry"),
            not_you: lang.t("email-set-password-not-you"),
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
    let lang = user.language(tenant);
    let w = wording(purpose, lang);
    let link = format!("{base_url}{}?token={token}", w.path);
    let text = render(&LinkText {
        lang,
        place: &tenant.name,
        name: &user.display_name,
        w: &w,
        link: &link,
    })?;
    let html = render(&LinkHtml {
        lang,
        place: &tenant.name,
        name: &user.display_name,
        w: &w,
        link: &link,
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
    lang: Language,
    place: &'a str,
    name: &'a str,
    body: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice.html")]
struct NoticeHtml<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    body: &'a str,
}

/// Tells the old address that someone asked to move the account.
pub fn email_change_requested(tenant: &Tenant, user: &User, new_email: &Email) -> Result<Message> {
    notice(
        tenant,
        user,
        |lang| {
            (
                lang.t("email-change-requested-subject"),
                lang.t1("email-change-requested-body", "email", new_email.as_str()),
            )
        },
        "email_change_notice",
    )
}

/// A short notice to a person about something that happened (no link),
/// for other rooms' emails. `words` gives the subject and the body in the
/// language the person reads (their choice, else the place's default).
pub fn notice(
    tenant: &Tenant,
    user: &User,
    words: impl FnOnce(Language) -> (String, String),
    kind: &'static str,
) -> Result<Message> {
    let lang = user.language(tenant);
    let (subject, body) = words(lang);
    Ok(Message {
        to: Email::parse(&user.email).map_err(Error::Internal)?,
        subject: format!("{}: {subject}", tenant.name),
        text: render(&NoticeText {
            lang,
            place: &tenant.name,
            name: &user.display_name,
            body: &body,
        })?,
        html: render(&NoticeHtml {
            lang,
            place: &tenant.name,
            name: &user.display_name,
            body: &body,
        })?,
        kind,
    })
}
