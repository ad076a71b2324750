//! The emails of the stories room. None carries a story's text or title:
//! the outbox is a table of the main database, and stories are never
//! stored there in the clear. Stories are named by a short reference.

use askama::Template;

use crate::accounts::User;
use crate::db::ids::StoryId;
use crate::error::{Error, Result};
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

#[derive(Template)]
#[template(path = "email/story_notice.txt")]
struct NoticeText<'a> {
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
struct Notice<'a> {
    subject: String,
    intro: Vec<String>,
    items: Vec<String>,
    outro: Vec<String>,
    link: Option<String>,
    link_text: &'a str,
    kind: &'static str,
}

fn message(tenant: &Tenant, to: &User, n: Notice<'_>) -> Result<Message> {
    let (place, name) = (tenant.name.as_str(), to.display_name.as_str());
    Ok(Message {
        to: Email::parse(&to.email).map_err(Error::Internal)?,
        subject: format!("{place}: {}", n.subject),
        text: render(&NoticeText {
            place,
            name,
            intro: &n.intro,
            items: &n.items,
            outro: &n.outro,
            link: n.link.as_deref(),
            link_text: n.link_text,
        })?,
        html: render(&NoticeHtml {
            place,
            name,
            intro: &n.intro,
            items: &n.items,
            outro: &n.outro,
            link: n.link.as_deref(),
            link_text: n.link_text,
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
/// story) that the organisation relied on; here are its uses, please
/// delete copies.
pub fn withdrawn(
    tenant: &Tenant,
    to: &User,
    organisation: &str,
    story: &StoryId,
    uses: Vec<String>,
    erased: bool,
) -> Result<Message> {
    let what = if erased {
        "has erased their story"
    } else {
        "has withdrawn their consent for their story to be used"
    };
    message(
        tenant,
        to,
        Notice {
            subject: format!("consent withdrawn for story {}", reference(story)),
            intro: vec![
                format!("A resident {what} (reference {}). {organisation} used it under that consent:", reference(story)),
            ],
            items: uses,
            outro: vec![
                format!("Please delete every copy {organisation} made of it or of parts of it (notes, documents, slides, reports not yet published), and do not use it again. The platform no longer shows it to you."),
                "Copies already printed or broadcast cannot be recalled, and the resident has been told so; but nothing new may be made from them.".into(),
                "You received this as an admin of the organisation. Please tell anyone in it who used the story.".into(),
            ],
            link: None,
            link_text: "",
            kind: "story_consent_withdrawn",
        },
    )
}

/// To a story's author: someone asks to use it.
pub fn request_received(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    who: &str,
    story: &StoryId,
    purposes: Vec<String>,
    message_text: &str,
) -> Result<Message> {
    message(
        tenant,
        to,
        Notice {
            subject: "a request to use your story".into(),
            intro: vec![
                format!("{who} asks to use your story (reference {}) for:", reference(story)),
            ],
            items: purposes,
            outro: vec![
                format!("Their message: {message_text}"),
                "You decide: you can agree to all of it, to part of it, or say no. Saying no changes nothing about the services you receive.".into(),
            ],
            link: Some(format!("{base_url}/stories/requests")),
            link_text: "Answer the request",
            kind: "story_consent_request",
        },
    )
}

/// To someone a member of staff helped in person: the code that confirms
/// what they chose together, and the link to confirm it (the link to set a
/// password comes in its own email).
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
    message(
        tenant,
        to,
        Notice {
            subject: "confirm the story you told with help".into(),
            intro: vec![
                format!("{staff} of {organisation} helped you make an account and tell your story. Nothing is shared until you confirm."),
                format!("Your confirmation code: {code}"),
                if purposes.is_empty() {
                    "You chose not to share your story for now.".into()
                } else {
                    "You chose to let your story be used for:".into()
                },
            ],
            items: purposes,
            outro: vec![
                "If this is not what you agreed, do not confirm: sign in (set a password with the link in our other email) and change or erase anything, or say no.".into(),
                "Saying no changes nothing about the services you receive.".into(),
            ],
            link: Some(format!("{base_url}/stories/assisted/{assist}")),
            link_text: "Confirm or change it",
            kind: "story_assisted_code",
        },
    )
}

/// To whoever asked: the author answered.
pub fn request_answered(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    story: &StoryId,
    given: Vec<String>,
) -> Result<Message> {
    let (intro, outro) = if given.is_empty() {
        (
            vec![format!(
                "The author of story {} has decided not to share it for what you asked. Please respect their decision.",
                reference(story)
            )],
            vec![],
        )
    } else {
        (
            vec![format!(
                "The author of story {} agreed to share it for:",
                reference(story)
            )],
            vec!["They can withdraw their consent at any time; the story then stops being available to you at once, and you will be told.".into()],
        )
    };
    message(
        tenant,
        to,
        Notice {
            subject: "an answer to your request to use a story".into(),
            intro,
            items: given,
            outro,
            link: Some(format!("{base_url}/stories/{story}")),
            link_text: "The story",
            kind: "story_consent_answered",
        },
    )
}

/// To a story's author: some consents end in 30 days.
pub fn expiring(
    tenant: &Tenant,
    base_url: &str,
    to: &User,
    grants: Vec<String>,
) -> Result<Message> {
    message(
        tenant,
        to,
        Notice {
            subject: "some of your consents end soon".into(),
            intro: vec!["These consents to use your stories end within 30 days:".into()],
            items: grants,
            outro: vec![
                "If you do nothing, they simply end and your stories stop being shared for those purposes. If you want them to go on, you can renew them: a renewal is a new consent, for up to 24 months.".into(),
            ],
            link: Some(format!("{base_url}/stories/consents")),
            link_text: "See your consents",
            kind: "story_consent_expiring",
        },
    )
}
