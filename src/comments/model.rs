//! Comments, what they are on, and the checks on what people write (no
//! I/O).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{BoardId, CommentId, ProposalId, TenantId, UserId};
use crate::db::schema::comments;
use crate::error::{Error, FieldError, Problems, Result, Words};

/// How deep a thread goes: a comment that starts a thread is at depth 1,
/// a reply to it at 2, a reply to that at 3. A reply to a comment at depth
/// 3 joins the same parent as that comment (it becomes its sibling), so a
/// conversation can go on without the thread narrowing forever.
pub const MAX_DEPTH: i32 = 3;
/// The longest comment, in characters.
pub const BODY_MAX: usize = 5_000;
/// How long after posting its author may change a comment.
pub const EDIT_WINDOW_MINUTES: i64 = 15;

/// What a comment is on: a proposal, or a board's discussion. Who may
/// see the subject, and whether it takes comments, is the subject's own
/// room's rule (`service::subject_state`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Proposal(ProposalId),
    Board(BoardId),
}

impl Subject {
    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Proposal(_) => "proposal",
            Subject::Board(_) => "board",
        }
    }

    pub fn id(&self) -> String {
        match self {
            Subject::Proposal(id) => id.to_string(),
            Subject::Board(id) => id.to_string(),
        }
    }

    /// From the stored pair.
    pub fn from_stored(kind: &str, id: &str) -> Option<Self> {
        match kind {
            "proposal" => id.parse().ok().map(Subject::Proposal),
            "board" => id.parse().ok().map(Subject::Board),
            _ => None,
        }
    }

    /// The page the subject is on.
    pub fn path(&self) -> String {
        match self {
            Subject::Proposal(id) => format!("/proposals/{id}"),
            Subject::Board(id) => format!("/boards/{id}"),
        }
    }
}

/// How a comment is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Shown as written: line breaks kept, nothing interpreted.
    #[default]
    Plain,
    /// The sanitised Markdown subset (`http::markdown`): emphasis, lists,
    /// links; no images, scripts or raw HTML.
    Markdown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "plain" | "" => Some(Format::Plain),
            "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// The body as safe HTML.
    pub fn render(self, body: &str) -> String {
        match self {
            Format::Markdown => crate::http::markdown::render(body),
            Format::Plain => plain_html(body),
        }
    }
}

/// Plain text as HTML: escaped, paragraphs at blank lines, line breaks
/// kept. Written in one pass into one string: a page shows fifty of these.
pub fn plain_html(text: &str) -> String {
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut html = String::with_capacity(text.len() + text.len() / 8 + 8);
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        for c in paragraph.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '"' => html.push_str("&quot;"),
                '\'' => html.push_str("&#39;"),
                '\n' => html.push_str("<br>"),
                c => html.push(c),
            }
        }
        html.push_str("</p>");
    }
    html
}

/// A stored comment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub tenant_id: TenantId,
    pub id: CommentId,
    pub subject_kind: String,
    pub subject_id: String,
    pub parent_id: Option<CommentId>,
    pub thread_id: CommentId,
    pub depth: i32,
    pub author_id: Option<UserId>,
    pub body: String,
    pub format: String,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub hidden_at: Option<NaiveDateTime>,
}

impl Comment {
    pub fn subject(&self) -> Result<Subject> {
        Subject::from_stored(&self.subject_kind, &self.subject_id)
            .ok_or_else(|| Error::Internal(format!("a comment on {}", self.subject_kind)))
    }

    pub fn format(&self) -> Format {
        Format::parse(&self.format).unwrap_or_default()
    }

    pub fn deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    pub fn hidden(&self) -> bool {
        self.hidden_at.is_some()
    }

    /// Whether its author may still change it at `now`: within the edit
    /// window, or while the moderators hide it (so they can put it right
    /// before asking for a review).
    pub fn editable_at(&self, now: NaiveDateTime) -> bool {
        !self.deleted()
            && (self.hidden()
                || now - self.created_at <= chrono::Duration::minutes(EDIT_WINDOW_MINUTES))
    }
}

/// A new comment, or a reply.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewComment {
    /// Up to 5,000 characters.
    pub body: String,
    /// The comment this answers (on the same proposal). Replies deeper
    /// than 3 levels join their parent's parent.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// `plain` (default) or `markdown`.
    #[serde(default)]
    pub format: Option<String>,
}

/// A change to a comment (its author, within 15 minutes of posting).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CommentChanges {
    pub body: String,
    /// `plain` or `markdown`; unchanged when absent.
    #[serde(default)]
    pub format: Option<String>,
}

/// A checked body and format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub body: String,
    pub format: Format,
}

impl Text {
    /// Checks body and format together.
    pub fn check(body: &str, format: Option<&str>, default: Format) -> Result<Self> {
        let mut problems = Problems::default();
        let body = body.trim().to_owned();
        if body.is_empty() {
            problems.add(
                "body",
                "required",
                Words::of("comments-error-body-required"),
            );
        } else if body.chars().count() > BODY_MAX {
            problems.add(
                "body",
                "length",
                Words::of1("comments-error-body-length", "max", BODY_MAX),
            );
        }
        let format = match format {
            None => Some(default),
            Some(raw) => problems.check("format", Format::parse(raw).ok_or_else(bad_format)),
        };
        problems.into_result()?;
        Ok(Self {
            body,
            format: format.unwrap_or(default),
        })
    }
}

fn bad_format() -> FieldError {
    FieldError::new(
        "format",
        "invalid",
        Words::of("comments-error-format-invalid"),
    )
}

/// The field error for a parent that is not a comment of this subject.
pub fn unknown_parent() -> Error {
    Error::field(
        "parent_id",
        "unknown",
        Words::of("comments-error-parent-unknown"),
    )
}

/// Who wrote a comment, as the viewer may see them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentAuthor {
    /// Absent for a former resident (an erased account).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub name: String,
}

/// What a reader sees of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentState {
    Visible,
    /// Deleted by its author; kept as "[deleted]" because others replied.
    Deleted,
    /// Hidden by the moderators ("hidden by the moderators" in its place;
    /// its author and the moderators still read it).
    Hidden,
}

/// A comment as the API and pages show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentView {
    pub id: String,
    /// The comment it answers; absent for the start of a thread.
    pub parent_id: Option<String>,
    /// 1 for the start of a thread, at most 3.
    pub depth: i32,
    /// Absent once deleted.
    pub author: Option<CommentAuthor>,
    pub state: CommentState,
    /// As written; absent when deleted, or hidden from you.
    pub body: Option<String>,
    /// Rendered and sanitised; absent with `body`.
    pub body_html: Option<String>,
    pub format: Format,
    /// Changed after posting.
    pub edited: bool,
    pub edited_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// You wrote it.
    pub yours: bool,
    /// You may change it now (its author, within the edit window).
    pub editable: bool,
}

impl CommentView {
    pub fn is_visible(&self) -> bool {
        self.state == CommentState::Visible
    }

    pub fn is_hidden(&self) -> bool {
        self.state == CommentState::Hidden
    }

    pub fn is_deleted(&self) -> bool {
        self.state == CommentState::Deleted
    }
}

/// A thread: its first comment and every reply below it, flat, in
/// reading order (depth first, each level oldest first); each reply
/// names its `parent_id` and `depth`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadView {
    #[serde(flatten)]
    pub comment: CommentView,
    pub replies: Vec<CommentView>,
}

/// One page of threads, oldest first: `{items, page, per_page, total}`,
/// `total` counting threads.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThreadPage {
    pub items: Vec<ThreadView>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// A person's comments, in their data export.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentData {
    pub id: String,
    /// `proposal` or `board`.
    pub subject_kind: String,
    pub subject_id: String,
    pub parent_id: Option<String>,
    pub body: String,
    pub format: String,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    /// Deleted, kept as "[deleted]" for the replies below it.
    pub deleted: bool,
    pub hidden: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_escaped_with_its_line_breaks() {
        assert_eq!(
            plain_html("<b>Hi</b> & \"you\"\nnext\n\n\nnew"),
            "<p>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;<br>next</p><p>new</p>"
        );
        assert!(!Format::Markdown
            .render("<script>x</script>[a](javascript:x)")
            .contains("<script"));
    }

    proptest::proptest! {
        /// The one-pass writer says exactly what escaping, then splitting
        /// into paragraphs, said.
        #[test]
        fn plain_html_is_escape_then_paragraphs(text in "[a-c&<>\"' \\r\\n\\t\u{a0}é]{0,40}") {
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;")
                .replace("\r\n", "\n");
            let expected: String = escaped
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>")))
                .collect();
            proptest::prop_assert_eq!(plain_html(&text), expected);
        }
    }

    #[test]
    fn text_is_checked_together() {
        let ok = Text::check("  hello ", Some("markdown"), Format::Plain).unwrap();
        assert_eq!((ok.body.as_str(), ok.format), ("hello", Format::Markdown));
        assert_eq!(
            Text::check("x", None, Format::Markdown).unwrap().format,
            Format::Markdown
        );
        let Err(Error::Validation(errors)) = Text::check(" ", Some("html"), Format::Plain) else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["body", "format"]);
        let long = "x".repeat(BODY_MAX + 1);
        assert!(Text::check(&long, None, Format::Plain).is_err());
    }

    #[test]
    fn the_edit_window_closes_after_fifteen_minutes() {
        let at = chrono::Utc::now().naive_utc();
        let mut c = Comment {
            tenant_id: TenantId::new(),
            id: CommentId::new(),
            subject_kind: "proposal".into(),
            subject_id: ProposalId::new().to_string(),
            parent_id: None,
            thread_id: CommentId::new(),
            depth: 1,
            author_id: None,
            body: "x".into(),
            format: "plain".into(),
            created_at: at,
            edited_at: None,
            deleted_at: None,
            hidden_at: None,
        };
        assert!(c.editable_at(at + chrono::Duration::minutes(15)));
        assert!(!c.editable_at(at + chrono::Duration::minutes(16)));
        c.hidden_at = Some(at);
        assert!(c.editable_at(at + chrono::Duration::days(3)));
        c.deleted_at = Some(at);
        assert!(!c.editable_at(at));
    }
}
