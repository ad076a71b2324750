//! The email that carries a message to an asset's owner.

use askama::Template;

use super::model::Asset;
use crate::accounts::User;
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::mail::{Email, Message};
use crate::tenancy::Tenant;

#[derive(Template)]
#[template(path = "email/asset_message.txt")]
struct Text<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    sender: &'a str,
    about: &'a str,
    message: &'a str,
    can_reply: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/asset_message.html")]
struct Html<'a> {
    lang: Language,
    place: &'a str,
    name: &'a str,
    sender: &'a str,
    about: &'a str,
    message: &'a str,
    can_reply: bool,
    link: &'a str,
}

fn render(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("email template failed: {e}")))
}

/// A message from `sender` about `asset` for `recipient` (its owner, or
/// one of its organisation's admins). The sender is named by their display
/// name; their address is never in the text (it is the Reply-To, if they
/// shared it).
#[allow(clippy::too_many_arguments)]
pub fn relayed(
    tenant: &Tenant,
    base_url: &str,
    recipient: &User,
    sender: &User,
    asset: &Asset,
    organisation: Option<&str>,
    message: &str,
    can_reply: bool,
) -> Result<Message> {
    let lang = recipient.language(tenant);
    let about = match organisation {
        Some(org) => lang.t2(
            "email-asset-about-offered",
            "asset",
            asset.name.as_str(),
            "org",
            org,
        ),
        None => lang.t1("email-asset-about-yours", "asset", asset.name.as_str()),
    };
    let link = format!("{base_url}/assets/{}", asset.id);
    let (place, name, sender) = (
        tenant.name.as_str(),
        recipient.display_name.as_str(),
        sender.display_name.as_str(),
    );
    Ok(Message {
        to: Email::parse(&recipient.email).map_err(Error::Internal)?,
        subject: format!(
            "{place}: {}",
            lang.t1("email-asset-subject", "asset", asset.name.as_str())
        ),
        text: render(&Text {
            lang,
            place,
            name,
            sender,
            about: &about,
            message,
            can_reply,
            link: &link,
        })?,
        html: render(&Html {
            lang,
            place,
            name,
            sender,
            about: &about,
            message,
            can_reply,
            link: &link,
        })?,
        kind: "asset_message",
    })
}
