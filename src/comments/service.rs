//! The rules of comments: who may read them (whoever may see their
//! subject, asked of the subject's own room), who may write them (people
//! who may take part, on a subject open for comments), threading to a
//! bounded depth, the edit window, deletion that keeps a thread whole,
//! and what happens to a person's comments when they leave.
//!
//! Moderation builds on [`find`], [`readable`] and [`set_hidden`].

use std::collections::HashMap;

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{Role, User};
use crate::db::ids::{CommentId, TenantId, UserId};
use crate::db::schema::comments;
use crate::db::{direct, write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;
use crate::proposals::service::Names;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// What a subject's own room says about it for one viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectState {
    /// It takes new comments (a published-or-later proposal that the
    /// moderators have not hidden).
    pub open: bool,
    /// How pages name it (a proposal's title).
    pub title: String,
    /// What pages say when it takes no comments from this viewer.
    pub closed_note: &'static str,
}

/// A proposal's state for its comments, from the proposal already found
/// `visible` (a page that has it need not look it up again).
pub fn proposal_state(p: &crate::proposals::Proposal) -> SubjectState {
    SubjectState {
        open: p.status() != crate::proposals::Status::Draft && !p.hidden(),
        title: p.title.clone(),
        closed_note: "This proposal takes no new comments now.",
    }
}

/// Whether `viewer` may see the subject (404, or 410 when hidden, if not)
/// and whether it takes comments. Each kind asks its own room.
pub fn subject_state(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: Option<&User>,
) -> Result<SubjectState> {
    match subject {
        Subject::Proposal(id) => Ok(proposal_state(&crate::proposals::service::visible(
            conn, tenant, id, viewer,
        )?)),
        Subject::Board(id) => {
            let b = crate::boards::service::visible(conn, tenant, id, viewer)?;
            let member = match viewer {
                Some(v) => crate::boards::service::is_member(conn, tenant, id, &v.id)?,
                None => false,
            };
            Ok(SubjectState {
                open: member,
                title: b.title,
                closed_note: "Only the board's members take part in its discussion.",
            })
        }
    }
}

/// Refuses an author the subject's room does not let comment (403): on a
/// board, only its members. Other subjects take comments from anyone who
/// may take part.
fn may_comment(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    author: &User,
) -> Result<()> {
    match subject {
        Subject::Proposal(_) => Ok(()),
        Subject::Board(id) => {
            crate::boards::service::visible(conn, tenant, id, Some(author))?;
            if crate::boards::service::is_member(conn, tenant, id, &author.id)? {
                Ok(())
            } else {
                Err(crate::boards::workshops::not_a_member())
            }
        }
    }
}

/// Marks the subject as active now (a proposal's "recently active" sort).
/// Comments add nothing to a proposal's timeline.
fn touch(conn: &mut DbConn, tenant: &TenantId, subject: &Subject) -> Result<()> {
    match subject {
        Subject::Proposal(id) => crate::proposals::service::touch(conn, tenant, id),
        Subject::Board(id) => crate::boards::service::touch(conn, tenant, id),
    }
}

/// A comment of this place, whoever may see it (for other rooms'
/// services that check their own rules).
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &CommentId) -> Result<Option<Comment>> {
    Ok(comments::table
        .find((tenant, id))
        .select(Comment::as_select())
        .first(conn)
        .optional()?)
}

/// A comment `viewer` may read: one of this place, on a subject they may
/// see; otherwise 404 (or 410 for a hidden subject).
pub fn readable(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &CommentId,
    viewer: Option<&User>,
) -> Result<(Comment, SubjectState)> {
    let comment = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
    let state = subject_state(conn, tenant, &comment.subject()?, viewer)?;
    Ok((comment, state))
}

fn is_moderator(viewer: Option<&User>) -> bool {
    viewer.is_some_and(|v| v.role() >= Role::Moderator)
}

fn view(
    conn: &mut DbConn,
    names: &mut Names<'_>,
    c: &Comment,
    viewer: Option<&User>,
    at: NaiveDateTime,
) -> Result<CommentView> {
    let yours = viewer.is_some_and(|v| c.author_id.as_ref() == Some(&v.id));
    let state = if c.deleted() {
        CommentState::Deleted
    } else if c.hidden() {
        CommentState::Hidden
    } else {
        CommentState::Visible
    };
    let readable = match state {
        CommentState::Visible => true,
        CommentState::Hidden => yours || is_moderator(viewer),
        CommentState::Deleted => false,
    };
    let author = match state {
        CommentState::Deleted => None,
        _ => Some(CommentAuthor {
            user_id: c.author_id.as_ref().map(ToString::to_string),
            name: names.of(conn, c.author_id.as_ref())?,
        }),
    };
    Ok(CommentView {
        id: c.id.to_string(),
        parent_id: c.parent_id.as_ref().map(ToString::to_string),
        depth: c.depth,
        author,
        state,
        body: readable.then(|| c.body.clone()),
        body_html: readable.then(|| c.format().render(&c.body)),
        format: c.format(),
        edited: c.edited_at.is_some(),
        edited_at: c.edited_at,
        created_at: c.created_at,
        yours,
        editable: yours && c.editable_at(at),
    })
}

/// One comment as `viewer` sees it.
pub fn view_one(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &CommentId,
    viewer: Option<&User>,
) -> Result<CommentView> {
    let (c, _) = readable(conn, tenant, id, viewer)?;
    let mut names = Names::new(tenant, viewer);
    view(conn, &mut names, &c, viewer, now())
}

/// A page of a subject's threads, oldest first, each with its replies in
/// reading order; and how many threads there are.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: Option<&User>,
    paging: Paging,
) -> Result<(Vec<ThreadView>, i64, SubjectState)> {
    let state = subject_state(conn, tenant, subject, viewer)?;
    let (threads, total) = threads_of(conn, tenant, subject, viewer, paging)?;
    Ok((threads, total, state))
}

/// A page of a subject's threads and how many there are, for a caller
/// that has already checked `viewer` may see the subject.
pub fn threads_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: Option<&User>,
    paging: Paging,
) -> Result<(Vec<ThreadView>, i64)> {
    threads_named(
        conn,
        tenant,
        subject,
        viewer,
        &mut Names::new(tenant, viewer),
        paging,
    )
}

/// [`threads_of`], naming people through `names` (which a page shares
/// with its other sections).
pub fn threads_named(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: Option<&User>,
    names: &mut Names<'_>,
    paging: Paging,
) -> Result<(Vec<ThreadView>, i64)> {
    let of_subject = || {
        comments::table
            .filter(comments::tenant_id.eq(tenant))
            .filter(comments::subject_kind.eq(subject.kind()))
            .filter(comments::subject_id.eq(subject.id()))
            .filter(comments::depth.eq(1))
    };
    let heads: Vec<Comment> = direct!(conn, |c| of_subject()
        .order((comments::created_at.asc(), comments::id.asc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Comment::as_select())
        .load(c))?;
    // Most subjects have a page of threads or fewer, which tells the count.
    let total = match paging.total_if_last(heads.len()) {
        Some(total) => total,
        None => direct!(conn, |c| of_subject().count().get_result::<i64>(c))?,
    };
    // The page's threads again as a subquery rather than a list of ids:
    // a list's length varies, so SQLite would compile the query anew each
    // time, where this one stays prepared. (Heads and replies in one query
    // measured slower on SQLite and no faster on PostgreSQL.)
    let heads_again = diesel::alias!(comments as heads_again);
    let threads = heads_again
        .filter(heads_again.field(comments::tenant_id).eq(tenant))
        .filter(heads_again.field(comments::subject_kind).eq(subject.kind()))
        .filter(heads_again.field(comments::subject_id).eq(subject.id()))
        .filter(heads_again.field(comments::depth).eq(1))
        .order((
            heads_again.field(comments::created_at).asc(),
            heads_again.field(comments::id).asc(),
        ))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(heads_again.field(comments::id));
    let replies: Vec<Comment> = direct!(conn, |c| comments::table
        .filter(comments::tenant_id.eq(tenant))
        .filter(comments::thread_id.eq_any(threads))
        .filter(comments::depth.gt(1))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(Comment::as_select())
        .load(c))?;
    let mut children: HashMap<CommentId, Vec<&Comment>> = HashMap::new();
    for r in &replies {
        if let Some(parent) = &r.parent_id {
            children.entry(parent.clone()).or_default().push(r);
        }
    }
    let at = now();
    names.preload(
        conn,
        heads
            .iter()
            .chain(&replies)
            .filter_map(|c| c.author_id.as_ref()),
    )?;
    let mut items = Vec::with_capacity(heads.len());
    for head in &heads {
        // Depth first, each level oldest first: the order people read.
        let mut ordered = Vec::new();
        let mut stack: Vec<&Comment> = children
            .get(&head.id)
            .map(|c| c.iter().rev().copied().collect())
            .unwrap_or_default();
        while let Some(c) = stack.pop() {
            ordered.push(view(conn, names, c, viewer, at)?);
            if let Some(below) = children.get(&c.id) {
                stack.extend(below.iter().rev().copied());
            }
        }
        items.push(ThreadView {
            comment: view(conn, names, head, viewer, at)?,
            replies: ordered,
        });
    }
    Ok((items, total))
}

/// Which page of its subject's threads (20 a page) a comment is on.
pub fn page_of(conn: &mut DbConn, tenant: &TenantId, c: &Comment) -> Result<i64> {
    let head = find(conn, tenant, &c.thread_id)?.ok_or(Error::NotFound)?;
    let before: i64 = comments::table
        .filter(comments::tenant_id.eq(tenant))
        .filter(comments::subject_kind.eq(&head.subject_kind))
        .filter(comments::subject_id.eq(&head.subject_id))
        .filter(comments::depth.eq(1))
        .filter(
            comments::created_at
                .lt(head.created_at)
                .or(comments::created_at
                    .eq(head.created_at)
                    .and(comments::id.lt(&head.id))),
        )
        .count()
        .get_result(conn)?;
    Ok(before / i64::from(crate::http::pagination::DEFAULT_PER_PAGE) + 1)
}

/// Posts a comment, or a reply (to a comment on the same subject that is
/// neither deleted nor hidden). Only people who may take part, on a
/// subject open for comments. The subject becomes recently active, and
/// its followers (but not the author) hear of it, as their notification
/// settings say.
pub fn create(
    conn: &mut DbConn,
    mailing: &crate::notifications::Mailing,
    tenant: &TenantId,
    author: &User,
    subject: &Subject,
    new: &NewComment,
) -> Result<Comment> {
    authz::require(author, Permission::Participate)?;
    let text = Text::check(&new.body, new.format.as_deref(), Format::Plain)?;
    let parent = match new.parent_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<CommentId>().map_err(|_| unknown_parent())?),
    };
    write_transaction(conn, |conn| {
        may_comment(conn, tenant, subject, author)?;
        let state = subject_state(conn, tenant, subject, Some(author))?;
        if !state.open {
            return Err(Error::conflict(
                "comments_closed",
                Words::of("comments-error-closed"),
            ));
        }
        let id = CommentId::new();
        let (parent_id, thread_id, depth) = match &parent {
            None => (None, id.clone(), 1),
            Some(pid) => {
                let p = find(conn, tenant, pid)?
                    .filter(|p| p.subject_kind == subject.kind() && p.subject_id == subject.id())
                    .ok_or_else(unknown_parent)?;
                if p.deleted() || p.hidden() {
                    return Err(Error::field(
                        "parent_id",
                        "unavailable",
                        Words::of("comments-error-parent-unavailable"),
                    ));
                }
                if p.depth >= MAX_DEPTH {
                    (p.parent_id.clone(), p.thread_id.clone(), p.depth)
                } else {
                    (Some(p.id.clone()), p.thread_id.clone(), p.depth + 1)
                }
            }
        };
        let comment = Comment {
            tenant_id: tenant.clone(),
            id,
            subject_kind: subject.kind().to_owned(),
            subject_id: subject.id(),
            parent_id,
            thread_id,
            depth,
            author_id: Some(author.id.clone()),
            body: text.body,
            format: text.format.as_str().to_owned(),
            created_at: now(),
            edited_at: None,
            deleted_at: None,
            hidden_at: None,
        };
        diesel::insert_into(comments::table)
            .values(&comment)
            .execute(conn)?;
        touch(conn, tenant, subject)?;
        // The subject's followers hear of it: a proposal's, or a board's
        // (its members follow it from when they join).
        let notice = match subject {
            Subject::Proposal(id) => crate::notifications::Notice::NewComment {
                proposal: id.clone(),
                comment: comment.id.clone(),
            },
            Subject::Board(id) => crate::notifications::Notice::NewBoardComment {
                board: id.clone(),
                comment: comment.id.clone(),
            },
        };
        crate::notifications::service::notify(
            conn,
            mailing,
            tenant,
            crate::notifications::Audience::followers(notice.subject()).except(&author.id),
            &notice,
        )?;
        Ok(comment)
    })
}

/// The comment, if `person` wrote it and it is not deleted (403 for
/// someone else's, 409 once deleted).
pub fn own(conn: &mut DbConn, tenant: &TenantId, person: &User, id: &CommentId) -> Result<Comment> {
    let (c, _) = readable(conn, tenant, id, Some(person))?;
    if c.author_id.as_ref() != Some(&person.id) {
        return Err(Error::Forbidden(
            Words::of("comments-error-only-author").into(),
        ));
    }
    if c.deleted() {
        return Err(Error::conflict(
            "comment_deleted",
            Words::of("comments-error-deleted"),
        ));
    }
    Ok(c)
}

/// Changes a comment: its author, within 15 minutes of posting (or while
/// the moderators hide it). The comment is marked "edited".
pub fn edit(
    conn: &mut DbConn,
    tenant: &TenantId,
    editor: &User,
    id: &CommentId,
    changes: &CommentChanges,
) -> Result<Comment> {
    write_transaction(conn, |conn| {
        let c = own(conn, tenant, editor, id)?;
        let at = now();
        if !c.editable_at(at) {
            return Err(Error::conflict(
                "edit_window_closed",
                Words::of1(
                    "comments-error-edit-window-closed",
                    "minutes",
                    EDIT_WINDOW_MINUTES,
                ),
            ));
        }
        let text = Text::check(&changes.body, changes.format.as_deref(), c.format())?;
        if text.body == c.body && text.format == c.format() {
            return Ok(c);
        }
        diesel::update(comments::table.find((tenant, id)))
            .set((
                comments::body.eq(&text.body),
                comments::format.eq(text.format.as_str()),
                comments::edited_at.eq(Some(at)),
            ))
            .execute(conn)?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// What deleting a comment did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// It had no replies and is gone.
    Removed,
    /// Others replied, so "[deleted]" keeps the thread together.
    Placeholder,
}

/// Deletes a comment (its author). With replies it becomes "[deleted]";
/// without, it goes, and so do "[deleted]" comments above it left with
/// no replies. Returns what it was on.
pub fn delete(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &CommentId,
) -> Result<(Subject, Deleted)> {
    write_transaction(conn, |conn| {
        let c = own(conn, tenant, actor, id)?;
        let deleted = remove(conn, tenant, &c)?;
        Ok((c.subject()?, deleted))
    })
}

fn has_replies(conn: &mut DbConn, tenant: &TenantId, id: &CommentId) -> Result<bool> {
    let n: i64 = comments::table
        .filter(comments::tenant_id.eq(tenant))
        .filter(comments::parent_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Removes a comment's text, keeping a placeholder while it has replies,
/// inside the caller's transaction; its moderation record goes with it.
fn remove(conn: &mut DbConn, tenant: &TenantId, c: &Comment) -> Result<Deleted> {
    crate::moderation::service::forget(
        conn,
        tenant,
        &crate::moderation::model::Item::Comment(c.id.clone()),
    )?;
    if has_replies(conn, tenant, &c.id)? {
        diesel::update(comments::table.find((tenant, &c.id)))
            .set((
                comments::body.eq(""),
                comments::deleted_at.eq(Some(now())),
                comments::hidden_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        return Ok(Deleted::Placeholder);
    }
    diesel::delete(comments::table.find((tenant, &c.id))).execute(conn)?;
    let mut parent = c.parent_id.clone();
    while let Some(pid) = parent {
        match find(conn, tenant, &pid)? {
            Some(p) if p.deleted() && !has_replies(conn, tenant, &p.id)? => {
                diesel::delete(comments::table.find((tenant, &p.id))).execute(conn)?;
                parent = p.parent_id;
            }
            _ => break,
        }
    }
    Ok(Deleted::Removed)
}

/// Hides a comment from everyone but its author and the moderators, or
/// shows it again, inside the caller's transaction (the moderation room
/// keeps the reasons).
pub fn set_hidden(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &CommentId,
    hidden: bool,
) -> Result<()> {
    diesel::update(comments::table.find((tenant, id)))
        .set(comments::hidden_at.eq(hidden.then(now)))
        .execute(conn)?;
    Ok(())
}

/// A person's comments, for their data export (oldest first).
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<Vec<CommentData>> {
    let rows: Vec<Comment> = comments::table
        .filter(comments::tenant_id.eq(tenant))
        .filter(comments::author_id.eq(person))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(Comment::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|c| CommentData {
            id: c.id.to_string(),
            parent_id: c.parent_id.as_ref().map(ToString::to_string),
            deleted: c.deleted(),
            hidden: c.hidden(),
            subject_kind: c.subject_kind,
            subject_id: c.subject_id,
            body: c.body,
            format: c.format,
            created_at: c.created_at,
            edited_at: c.edited_at,
        })
        .collect())
}

/// What erasure does with a person's comments, inside the caller's
/// transaction: their text goes. A comment others replied to stays as an
/// unsigned "[deleted]" so the thread keeps its shape; one without
/// replies goes altogether.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    // Deepest first, so a person's replies to themselves go before the
    // comments they answered.
    let ids: Vec<CommentId> = comments::table
        .filter(comments::tenant_id.eq(tenant))
        .filter(comments::author_id.eq(person))
        .order((comments::depth.desc(), comments::created_at.desc()))
        .select(comments::id)
        .load(conn)?;
    for id in ids {
        if let Some(c) = find(conn, tenant, &id)? {
            if !c.deleted() {
                remove(conn, tenant, &c)?;
            }
        }
    }
    diesel::update(
        comments::table
            .filter(comments::tenant_id.eq(tenant))
            .filter(comments::author_id.eq(person)),
    )
    .set((
        comments::author_id.eq(None::<UserId>),
        comments::body.eq(""),
    ))
    .execute(conn)?;
    Ok(())
}
