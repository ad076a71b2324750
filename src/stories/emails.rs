//! The emails of the stories room. None carries a story's text or title:
//! the outbox is a table of the main database, and stories are never
//! stored there in the clear. Stories are named by a short reference.

use askama::Template;

use crate::accounts::User;
use crate::db::ids::StoryId;
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

#[derive(Template)]
#[template(path = "email/story_notice.txt")]
struct NoticeText<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    intro: &'a [String],
    items: &'a [String],
    outro: &'a [String],
    link: Option<&'a str>,
    link_text: &'a str,
}

#[derive(Template)]
#[template(path = "email/story_notice.html")]
struct NoticeHtml<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    intro: &'a [String],
    items: &'a [String],
    outro: &'a [String],
    link: Option<&'a str>,
    link_text: &'a str,
}

fn render(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("email template failed: {e}")))
}

/// What one email says.
struct Notice {
    subject: String,
    intro: Vec<String>,
    items: Vec<String>,
    outro: Vec<String>,
    link: Option<String>,
    link_text: String,
    kind: &'static str,
}

fn message(tenant: &Tenant, to: &User, n: Notice) -> Result<Message> {
    let lang = to.language(tenant);
    let (place, name) = (tenant.name.as_str(), to.display_name.as_str());
    Ok(Message {
        to: Email::parse(&to.email).map_err(Error::Internal)?,
        subject: format!("{place}: {}", n.subject),
        text: render(&NoticeText {
            lang,
            place,
            name,
            intro: &n.intro,
            items: &n.items,
            outro: &n.outro,
            link: n.link.as_deref(),
            link_text: &n.link_text,
        })?,
        html: render(&NoticeHtml {
            lang,
            place,
            name,
            intro: &n.intro,
            items: &n.items,
            outro: &n.outro,
            link: n.link.as_deref(),
            link_text: &n.link_text,
        })?,
        kind: n.kind,
    })
}

/// A short reference to a story, for emails (never its title).
pub fn reference(id: &StoryId) -> String {
    id.as_str()
        .rsplit('-')
        .next()
        .unwrap_or(id.as_str())
        .to_uppercase()
}

/// To an organisation's admin: a resident withdrew consent (or erased the
/// story) that the organisation relied on; here are its uses (in the
/// admin's language), please delete copies.
pub fn withdrawn(
    tenant: &Tenant,
    to: &User,
    organisation: &str,
    story: &StoryId,
    uses: Vec<String>,
    erased: bool,
) -> Result<Message> {
    let lang = to.language(tenant);
    let reference = reference(story);
    let intro = if erased {
        lang.t2(
            "email-story-erased",
            "reference",
            reference.as_str(),
            "org",
            organisation,
        )
    } else {
        lang.t2(
            "email-story-withdrawn",
            "reference",
            reference.as_str(),
            "org",
            organisation,
        )
    };
    message(
        tenant,
        to,
        Notice {
            subject: lang.t1(
                "email-story-withdrawn-subject",
                "reference",
                reference.as_str(),
            ),
            intro: vec![intro],
            items: uses,
            outro: vec![
                lang.t1("email-story-withdrawn-delete", "org", organisation),
                lang.t("email-story-withdrawn-printed"),
                lang.t("email-story-withdrawn-admin"),
            ],
            link: None,
            link_text: String::new(),
            kind: "story_consent_withdrawn",
        },
    )
}

/// To a story's author: someone asks to use it (`purposes` in the
/// author's language).
pub fn request_received(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    who: &str,
    story: &StoryId,
    purposes: Vec<String>,
    message_text: &str,
) -> Result<Message> {
    let lang = to.language(tenant);
    message(
        tenant,
        to,
        Notice {
            subject: lang.t("email-story-request-subject"),
            intro: vec![lang.t2(
                "email-story-request-intro",
                "who",
                who,
                "reference",
                reference(story),
            )],
            items: purposes,
            outro: vec![
                lang.t1("email-story-request-message", "message", message_text),
                lang.t("email-story-request-you-decide"),
            ],
            link: Some(format!("{base_url}/stories/requests")),
            link_text: lang.t("email-story-request-link"),
            kind: "story_consent_request",
        },
    )
}

/// To someone a member of staff helped in person: the code that confirms
/// what they chose together, and the link to confirm it (the link to set a
/// password comes in its own email). `purposes` in their language.
#[allow(clippy::too_many_arguments)]
pub fn assisted_code(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    staff: &str,
    organisation: &str,
    assist: &str,
    code: &str,
    purposes: Vec<String>,
) -> Result<Message> {
    let lang = to.language(tenant);
    message(
        tenant,
        to,
        Notice {
            subject: lang.t("email-story-assisted-subject"),
            intro: vec![
                lang.t2(
                    "email-story-assisted-helped",
                    "staff",
                    staff,
                    "org",
                    organisation,
                ),
                lang.t1("email-story-assisted-code", "code", code),
                if purposes.is_empty() {
                    lang.t("email-story-assisted-none")
                } else {
                    lang.t("email-story-assisted-chosen")
                },
            ],
            items: purposes,
            outro: vec![
                lang.t("email-story-assisted-not-agreed"),
                lang.t("email-story-no-changes-nothing"),
            ],
            link: Some(format!("{base_url}/stories/assisted/{assist}")),
            link_text: lang.t("email-story-assisted-link"),
            kind: "story_assisted_code",
        },
    )
}

/// To whoever asked: the author answered (`given` in their language).
pub fn request_answered(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    story: &StoryId,
    given: Vec<String>,
) -> Result<Message> {
    let lang = to.language(tenant);
    let reference = reference(story);
    let (intro, outro) = if given.is_empty() {
        (
            vec![lang.t1(
                "email-story-answer-declined",
                "reference",
                reference.as_str(),
            )],
            vec![],
        )
    } else {
        (
            vec![lang.t1("email-story-answer-given", "reference", reference.as_str())],
            vec![lang.t("email-story-answer-withdraw")],
        )
    };
    message(
        tenant,
        to,
        Notice {
            subject: lang.t("email-story-answer-subject"),
            intro,
            items: given,
            outro,
            link: Some(format!("{base_url}/stories/{story}")),
            link_text: lang.t("email-story-answer-link"),
            kind: "story_consent_answered",
        },
    )
}

/// To a story's author: some consents end in 30 days (`grants` in their
/// language).
pub fn expiring(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    grants: Vec<String>,
) -> Result<Message> {
    let lang = to.language(tenant);
    message(
        tenant,
        to,
        Notice {
            subject: lang.t("email-story-expiring-subject"),
            intro: vec![lang.t("email-story-expiring-intro")],
            items: grants,
            outro: vec![lang.t("email-story-expiring-renew")],
            link: Some(format!("{base_url}/stories/consents")),
            link_text: lang.t("email-story-expiring-link"),
            kind: "story_consent_expiring",
        },
    )
}
