//! The emails of notifications: one notice, or a digest grouped by
//! proposal or board; each with a plain-text and an HTML part, a link to the
//! settings and an unsubscribe link that works without signing in.

use askama::Template;

use super::model::{Subject, DIGEST_KIND};
use crate::accounts::User;
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

/// What one notice says to one person.
#[derive(Debug, Clone)]
pub struct Entry {
    pub subject: Subject,
    /// The subject's title.
    pub title: String,
    /// The email's subject line when it goes alone.
    pub email_subject: String,
    /// One sentence: what happened.
    pub headline: String,
    /// What the detail is ("The reason given", "They wrote").
    pub detail_label: String,
    /// The reason, the comment's words, the intended outcome.
    pub detail: Option<String>,
    /// The link's words.
    pub action: String,
    pub link: String,
}

/// A digest's updates about one subject.
#[derive(Debug, Clone)]
pub struct Group {
    pub subject: Subject,
    pub title: String,
    pub link: String,
    /// Stops emails about this subject (signed, no sign-in).
    pub unfollow: String,
    pub entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "email/notification.txt")]
struct NoticeText<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    e: &'a Entry,
    because: &'a str,
    settings: &'a str,
    unsubscribe: &'a str,
}

#[derive(Template)]
#[template(path = "email/notification.html")]
struct NoticeHtml<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    e: &'a Entry,
    because: &'a str,
    settings: &'a str,
    unsubscribe: &'a str,
}

#[derive(Template)]
#[template(path = "email/digest.txt")]
struct DigestText<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    period: &'a str,
    groups: &'a [Group],
    count: usize,
    settings: &'a str,
    unsubscribe: &'a str,
}

#[derive(Template)]
#[template(path = "email/digest.html")]
struct DigestHtml<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    period: &'a str,
    groups: &'a [Group],
    count: usize,
    settings: &'a str,
    unsubscribe: &'a str,
}

fn render(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("email template failed: {e}")))
}

fn address(user: &User) -> Result<Email> {
    Email::parse(&user.email).map_err(Error::Internal)
}

/// One notice, as it happens.
pub fn notice(
    tenant: &Tenant,
    user: &User,
    entry: &Entry,
    because: &str,
    settings: &str,
    unsubscribe: &str,
    kind: &'static str,
) -> Result<Message> {
    let lang = user.language(tenant);
    Ok(Message {
        to: address(user)?,
        subject: format!("{}: {}", tenant.name, entry.email_subject),
        text: render(&NoticeText {
            lang,
            place: &tenant.name,
            name: &user.display_name,
            e: entry,
            because,
            settings,
            unsubscribe,
        })?,
        html: render(&NoticeHtml {
            lang,
            place: &tenant.name,
            name: &user.display_name,
            e: entry,
            because,
            settings,
            unsubscribe,
        })?,
        kind,
    })
}

/// A digest: every update since the last, grouped by proposal or board.
pub fn digest(
    tenant: &Tenant,
    user: &User,
    period: &str,
    groups: &[Group],
    settings: &str,
    unsubscribe: &str,
) -> Result<Message> {
    let lang = user.language(tenant);
    let count: usize = groups.iter().map(|g| g.entries.len()).sum();
    let about = if groups.len() == 1 {
        lang.t1("email-digest-about-one", "title", groups[0].title.as_str())
    } else {
        let kinds = |k: &str| groups.iter().filter(|g| g.subject.kind() == k).count();
        match (kinds("proposal"), kinds("board")) {
            (p, 0) => lang.t1("email-digest-about-proposals", "n", p),
            (0, b) => lang.t1("email-digest-about-boards", "n", b),
            _ => lang.t1("email-digest-about-both", "n", groups.len()),
        }
    };
    Ok(Message {
        to: address(user)?,
        subject: format!(
            "{}: {}",
            tenant.name,
            lang.t2("email-digest-subject", "count", count, "about", about)
        ),
        text: render(&DigestText {
            lang,
            place: &tenant.name,
            name: &user.display_name,
            period,
            groups,
            count,
            settings,
            unsubscribe,
        })?,
        html: render(&DigestHtml {
            lang,
            place: &tenant.name,
            name: &user.display_name,
            period,
            groups,
            count,
            settings,
            unsubscribe,
        })?,
        kind: DIGEST_KIND,
    })
}
