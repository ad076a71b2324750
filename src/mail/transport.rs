//! Where a message leaves the outbox: an SMTP relay, a folder of `.eml`
//! files, or the log. Sending is blocking; the worker runs on its own
//! thread, so nothing async waits on it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::{
    ContentTransferEncoding, ContentType, Header, HeaderName, HeaderValue,
};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, SmtpTransport, Transport};

use super::model::OutboxRow;
use super::service::{Failure, Sender};
use super::Email;
use crate::config::{smtp_port, MailTransport};

/// No SMTP command waits longer than this, so an attempt always ends well
/// inside the worker's lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a message was not sent, in words safe to keep in `last_error`:
/// server replies and I/O errors, never credentials or bodies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct SendError {
    pub failure: Failure,
    pub reason: String,
}

impl SendError {
    fn transient(reason: impl Into<String>) -> Self {
        Self {
            failure: Failure::Transient,
            reason: reason.into(),
        }
    }

    fn permanent(reason: impl Into<String>) -> Self {
        Self {
            failure: Failure::Permanent,
            reason: reason.into(),
        }
    }
}

/// A transport made ready once from the settings.
pub struct Mailer {
    from: Address,
    way: Way,
}

enum Way {
    Folder(PathBuf),
    Log,
    Smtp(Box<SmtpTransport>),
}

impl Mailer {
    /// Prepares the transport; an error names what to fix in the settings.
    pub fn new(transport: &MailTransport, from: &Email) -> Result<Self, String> {
        let from: Address = from.as_str().parse().map_err(|e| {
            format!("COPRODUCE_MAIL_FROM: `{from}` cannot be used as a sender ({e})")
        })?;
        let way = match transport {
            MailTransport::Folder(dir) => Way::Folder(dir.clone()),
            MailTransport::Log => Way::Log,
            MailTransport::Smtp(url) => Way::Smtp(Box::new(
                smtp_transport(url).map_err(|e| format!("COPRODUCE_MAIL: {e}"))?,
            )),
        };
        Ok(Self { from, way })
    }

    /// Whether email can go out now, for `coproduce doctor`: the SMTP
    /// server answers (and takes the credentials), or the folder takes a
    /// file. Sends nothing.
    pub fn check(&self) -> Result<String, String> {
        match &self.way {
            Way::Folder(dir) => {
                if !dir.exists() {
                    return Ok(format!(
                        "the folder {} is made with the first email",
                        dir.display()
                    ));
                }
                let probe = dir.join(".coproduce-doctor");
                std::fs::write(&probe, b"")
                    .and_then(|()| std::fs::remove_file(&probe))
                    .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
                Ok(format!("the folder {} is writable", dir.display()))
            }
            Way::Log => Ok("email is only written to the log".into()),
            Way::Smtp(smtp) => match smtp.test_connection() {
                Ok(true) => Ok("the SMTP server answers and accepts the connection".into()),
                Ok(false) => Err("the SMTP server did not accept the connection".into()),
                Err(e) => Err(format!("the SMTP server cannot be reached: {e}")),
            },
        }
    }

    /// Sends one outbox message as `sender`.
    pub fn send(&self, row: &OutboxRow, sender: &Sender) -> Result<(), SendError> {
        match &self.way {
            Way::Log => {
                // Recipient and subject only: bodies can hold sign-in links.
                tracing::info!(
                    to = %row.recipient,
                    subject = %row.subject,
                    kind = %row.kind,
                    "email (log transport; not delivered)"
                );
                Ok(())
            }
            Way::Folder(dir) => {
                let email = self.build(row, sender)?;
                write_eml(dir, &format!("{}.eml", row.id), &email.formatted())
            }
            Way::Smtp(smtp) => {
                let email = self.build(row, sender)?;
                smtp.send(&email).map(|_| ()).map_err(|e| {
                    let reason = format!("SMTP: {e}");
                    if e.is_permanent() {
                        SendError::permanent(reason)
                    } else {
                        SendError::transient(reason)
                    }
                })
            }
        }
    }

    /// The message as it goes out: text and HTML alternatives, from the
    /// sender's name at their address (the installation's unless the
    /// tenant chose one), with the Message-ID fixed when it was queued.
    pub fn build(&self, row: &OutboxRow, sender: &Sender) -> Result<lettre::Message, SendError> {
        let to: Address = row.recipient.parse().map_err(|e| {
            SendError::permanent(format!("the recipient address cannot be used ({e})"))
        })?;
        // The settings page checked the address; should lettre still refuse
        // it, the message goes from the installation's address.
        let from = match sender.address.as_deref().map(str::parse::<Address>) {
            Some(Ok(address)) => address,
            Some(Err(e)) => {
                tracing::warn!(error = %e, "a place's sender address cannot be used; sending from mail_from");
                self.from.clone()
            }
            None => self.from.clone(),
        };
        let builder = lettre::Message::builder()
            .from(Mailbox::new(Some(sender.name.clone()), from))
            .to(Mailbox::new(None, to))
            .subject(row.subject.clone())
            .message_id(Some(row.message_id.clone()));
        let builder = match row.reply_to.as_deref().map(str::parse::<Address>) {
            Some(Ok(reply_to)) => builder.reply_to(Mailbox::new(None, reply_to)),
            // An address that cannot be used is left out, never guessed at.
            Some(Err(_)) | None => builder,
        };
        let builder = match row.list_unsubscribe.as_deref() {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost),
            _ => builder,
        };
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(plain_body(&row.body_text)),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(row.body_html.clone()),
                    ),
            )
            .map_err(|e| SendError::permanent(format!("the message cannot be built ({e})")))
    }
}

/// `List-Unsubscribe` (RFC 2369): where a mail client unsubscribes.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the
/// address takes a POST and unsubscribes without further questions.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// The text part unencoded when it can be (ASCII, lines within RFC 5322's
/// 998 characters), so its links stay whole for anyone reading the raw
/// message, such as the `.eml` files of the folder transport; otherwise
/// lettre chooses an encoding. (lettre itself only picks 7bit for lines of
/// at most 76 characters, which every link breaks.)
fn plain_body(text: &str) -> Body {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let fits = crlf.is_ascii() && crlf.split("\r\n").all(|line| line.len() <= 998);
    if fits {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::SevenBit)
    } else {
        Body::new(text.to_owned())
    }
}

/// Writes the file under a temporary name first and renames it, so a
/// reader never sees half a message, and a retry replaces rather than
/// duplicates it (the name is the outbox id).
fn write_eml(dir: &Path, name: &str, content: &[u8]) -> Result<(), SendError> {
    let fail = |what: &str, e: std::io::Error| {
        SendError::transient(format!("cannot {what} in {}: {e}", dir.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("create the mail folder", e))?;
    let partial = dir.join(format!(".{name}.partial"));
    std::fs::write(&partial, content).map_err(|e| fail("write a message", e))?;
    std::fs::rename(&partial, dir.join(name)).map_err(|e| fail("write a message", e))
}

/// Builds the SMTP transport from `smtp[s]://user:pass@host:port?tls=…`.
fn smtp_transport(url: &url::Url) -> Result<SmtpTransport, String> {
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or("the SMTP URL needs a host")?
        .to_owned();
    let tls_mode = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let params = || {
        TlsParameters::new(host.clone()).map_err(|e| format!("cannot prepare TLS for {host}: {e}"))
    };
    let tls = match (url.scheme(), tls_mode.as_deref()) {
        // smtps:// speaks TLS from the first byte.
        ("smtps", _) => Tls::Wrapper(params()?),
        (_, Some("starttls" | "required")) => Tls::Required(params()?),
        (_, Some("none")) => Tls::None,
        (_, None | Some("opportunistic")) => Tls::Opportunistic(params()?),
        (_, Some(other)) => return Err(format!("tls={other} is not known")),
    };
    let mut builder = SmtpTransport::builder_dangerous(host.as_str())
        .port(smtp_port(url))
        .tls(tls)
        .timeout(Some(SMTP_TIMEOUT));
    if let Some((user, password)) = smtp_credentials(url)? {
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(builder.build())
}

/// The user name and password from the URL, percent-decoded (a `@` in a
/// password is written `%40`).
fn smtp_credentials(url: &url::Url) -> Result<Option<(String, String)>, String> {
    if url.username().is_empty() {
        return Ok(None);
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| "the SMTP user name or password is not valid UTF-8".to_owned())
    };
    Ok(Some((
        decode(url.username())?,
        decode(url.password().unwrap_or_default())?,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::ids::{OutboxId, TenantId};

    fn row() -> OutboxRow {
        let now = chrono::Utc::now().naive_utc();
        OutboxRow {
            tenant_id: TenantId::new(),
            id: OutboxId::new(),
            recipient: "ann@example.org".into(),
            subject: "Confirm your address".into(),
            body_text: "Hello Ann".into(),
            body_html: "<p>Hello Ann</p>".into(),
            message_id: "<abc@coproduce>".into(),
            kind: "verify_email".into(),
            status: "pending".into(),
            attempts: 0,
            next_attempt_at: now,
            locked_by: None,
            locked_until: None,
            last_error: None,
            created_at: now,
            sent_at: None,
            reply_to: None,
            list_unsubscribe: None,
        }
    }

    #[test]
    fn messages_carry_both_parts_the_sender_and_the_fixed_id() {
        let from = Email::parse("no-reply@example.org").unwrap();
        let mailer = Mailer::new(&MailTransport::Log, &from).unwrap();
        let sender = |name: &str, address: Option<&str>| Sender {
            name: name.into(),
            address: address.map(Into::into),
        };
        let raw = String::from_utf8(
            mailer
                .build(&row(), &sender("Coventry", None))
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(
            raw.contains("From: Coventry <no-reply@example.org>"),
            "{raw}"
        );
        let own = String::from_utf8(
            mailer
                .build(
                    &row(),
                    &sender("Coventry Council", Some("hello@coventry.example")),
                )
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(
            own.contains("From: \"Coventry Council\" <hello@coventry.example>")
                || own.contains("From: Coventry Council <hello@coventry.example>"),
            "{own}"
        );
        assert!(raw.contains("To: ann@example.org"), "{raw}");
        assert!(raw.contains("Message-ID: <abc@coproduce>"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(
            raw.contains("text/plain") && raw.contains("text/html"),
            "{raw}"
        );
    }

    #[test]
    fn a_reply_address_is_set_only_when_given() {
        let from = Email::parse("no-reply@example.org").unwrap();
        let mailer = Mailer::new(&MailTransport::Log, &from).unwrap();
        let sender = Sender {
            name: "X".into(),
            address: None,
        };
        let raw = String::from_utf8(mailer.build(&row(), &sender).unwrap().formatted()).unwrap();
        assert!(!raw.contains("Reply-To:"), "{raw}");
        let mut replying = row();
        replying.reply_to = Some("bob@example.org".into());
        let raw = String::from_utf8(mailer.build(&replying, &sender).unwrap().formatted()).unwrap();
        assert!(raw.contains("Reply-To: bob@example.org"), "{raw}");
    }

    #[test]
    fn notices_carry_one_click_unsubscribe_headers() {
        let from = Email::parse("no-reply@example.org").unwrap();
        let mailer = Mailer::new(&MailTransport::Log, &from).unwrap();
        let sender = Sender {
            name: "X".into(),
            address: None,
        };
        let raw = String::from_utf8(mailer.build(&row(), &sender).unwrap().formatted()).unwrap();
        assert!(!raw.contains("List-Unsubscribe"), "{raw}");
        let mut notice = row();
        notice.list_unsubscribe = Some("https://x.example/unsubscribe?token=abc".into());
        let raw = String::from_utf8(mailer.build(&notice, &sender).unwrap().formatted()).unwrap();
        assert!(
            raw.contains("List-Unsubscribe: <https://x.example/unsubscribe?token=abc>"),
            "{raw}"
        );
        assert!(
            raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{raw}"
        );
        notice.list_unsubscribe = Some("javascript:alert(1)".into());
        let raw = String::from_utf8(mailer.build(&notice, &sender).unwrap().formatted()).unwrap();
        assert!(!raw.contains("List-Unsubscribe"), "{raw}");
    }

    #[test]
    fn an_unusable_recipient_is_a_permanent_failure() {
        let from = Email::parse("no-reply@example.org").unwrap();
        let mailer = Mailer::new(&MailTransport::Log, &from).unwrap();
        let mut bad = row();
        bad.recipient = "not an address".into();
        assert_eq!(
            mailer
                .build(
                    &bad,
                    &Sender {
                        name: "X".into(),
                        address: None
                    }
                )
                .unwrap_err()
                .failure,
            Failure::Permanent
        );
    }

    #[test]
    fn smtp_urls_choose_tls_and_port() {
        let d = Path::new("d");
        for url in [
            "smtp://u:p%40ss@mail.example.org:587?tls=starttls",
            "smtp://mail.example.org",
            "smtps://mail.example.org",
            "smtp://127.0.0.1:2525?tls=none",
        ] {
            let t = MailTransport::parse(url, d).unwrap();
            let MailTransport::Smtp(u) = &t else {
                panic!("{url} is SMTP")
            };
            assert!(smtp_transport(u).is_ok(), "{url}");
        }
    }

    #[test]
    fn smtp_credentials_are_percent_decoded() {
        let url = url::Url::parse("smtp://me%40example.org:p%40ss%2Fw@mail.example.org").unwrap();
        assert_eq!(
            smtp_credentials(&url).unwrap(),
            Some(("me@example.org".into(), "p@ss/w".into()))
        );
        let anonymous = url::Url::parse("smtp://mail.example.org").unwrap();
        assert_eq!(smtp_credentials(&anonymous).unwrap(), None);
    }
}
