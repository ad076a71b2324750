//! The rules of moderation: flags (one open flag per person per item),
//! the moderators' queue, hiding with a written reason (the author is
//! told and may ask for one review), dismissing flags, restoring, the
//! history an author sees, and what happens to a person's flags when they
//! leave. Each item is looked at through its own room's service
//! (proposals, comments); every action is in the audit log.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{Role, User};
use crate::audit::{self, Event, Kind};
use crate::db::ids::{ModerationId, TenantId, UserId};
use crate::db::schema::{moderation_actions, moderation_flags, moderation_items};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;
use crate::tenancy::Tenant;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// What moderation needs to know of an item, from its own room.
pub struct Facts {
    pub summary: ItemSummary,
    pub body: String,
    /// Who is told when it is hidden, and may ask for a review.
    pub authors: Vec<UserId>,
    pub hidden: bool,
}

/// The first words of a text, for a title.
fn excerpt(text: &str, chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= chars {
        return flat;
    }
    let cut: String = flat.chars().take(chars).collect();
    format!("{}…", cut.trim_end())
}

/// The item as moderators see it, whoever may read it: 404 when this
/// place has no such item (a draft or a deleted comment is not one).
pub fn facts(conn: &mut DbConn, tenant: &TenantId, item: &Item) -> Result<Facts> {
    match item {
        Item::Proposal(id) => {
            let p = crate::proposals::service::find(conn, tenant, id)?
                .filter(|p| p.status() != crate::proposals::Status::Draft)
                .ok_or(Error::NotFound)?;
            Ok(Facts {
                authors: crate::proposals::service::authors_of(conn, tenant, &p)?,
                hidden: p.hidden(),
                summary: ItemSummary {
                    kind: item.kind().into(),
                    id: item.id(),
                    title: p.title.clone(),
                    link: format!("/proposals/{id}"),
                },
                body: p.body,
            })
        }
        Item::Comment(id) => {
            let c = crate::comments::service::find(conn, tenant, id)?
                .filter(|c| !c.deleted())
                .ok_or(Error::NotFound)?;
            Ok(Facts {
                authors: c.author_id.iter().cloned().collect(),
                hidden: c.hidden(),
                summary: ItemSummary {
                    kind: item.kind().into(),
                    id: item.id(),
                    title: format!("Comment: {}", excerpt(&c.body, 80)),
                    link: format!("{}#comment-{id}", c.subject()?.path()),
                },
                body: c.body,
            })
        }
    }
}

/// Refuses (404, or 410 while hidden) someone who may not read the item.
fn require_readable(
    conn: &mut DbConn,
    tenant: &TenantId,
    item: &Item,
    viewer: &User,
) -> Result<()> {
    match item {
        Item::Proposal(id) => {
            crate::proposals::service::visible(conn, tenant, id, Some(viewer)).map(|_| ())
        }
        Item::Comment(id) => {
            crate::comments::service::readable(conn, tenant, id, Some(viewer)).map(|_| ())
        }
    }
}

/// What a person is about to flag: an item they may read that is not
/// hidden already.
pub fn flaggable(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    item: &Item,
) -> Result<ItemSummary> {
    require_readable(conn, tenant, item, person)?;
    let facts = facts(conn, tenant, item)?;
    if facts.hidden {
        return Err(Error::conflict(
            "already_hidden",
            Words::of("moderation-error-already-hidden"),
        ));
    }
    Ok(facts.summary)
}

fn set_subject_hidden(
    conn: &mut DbConn,
    tenant: &TenantId,
    item: &Item,
    hidden: bool,
) -> Result<()> {
    match item {
        Item::Proposal(id) => crate::proposals::service::set_hidden(conn, tenant, id, hidden),
        Item::Comment(id) => crate::comments::service::set_hidden(conn, tenant, id, hidden),
    }
}

fn is_moderator(user: &User) -> bool {
    user.role() >= Role::Moderator
}

fn find_row(conn: &mut DbConn, tenant: &TenantId, item: &Item) -> Result<Option<ItemRow>> {
    Ok(crate::db::direct!(conn, |c| moderation_items::table
        .find((tenant, item.kind(), item.id()))
        .select(ItemRow::as_select())
        .first(c)
        .optional())?)
}

/// The item's moderation record, made on first use (a concurrent first
/// use inserts nothing twice).
fn row(conn: &mut DbConn, tenant: &TenantId, item: &Item) -> Result<ItemRow> {
    if let Some(r) = find_row(conn, tenant, item)? {
        return Ok(r);
    }
    let fresh = ItemRow {
        tenant_id: tenant.clone(),
        subject_kind: item.kind().into(),
        subject_id: item.id(),
        hidden_at: None,
        hidden_reason: None,
        review_requested_at: None,
        queued_at: None,
    };
    match conn {
        DbConn::Pg(pg) => diesel::insert_into(moderation_items::table)
            .values(&fresh)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(moderation_items::table)
            .values(&fresh)
            .execute(lite)?,
    };
    find_row(conn, tenant, item)?.ok_or(Error::NotFound)
}

fn open_flags(
    conn: &mut DbConn,
    tenant: &TenantId,
    item: &Item,
) -> Result<Vec<(String, Option<String>, NaiveDateTime)>> {
    Ok(moderation_flags::table
        .filter(moderation_flags::tenant_id.eq(tenant))
        .filter(moderation_flags::subject_kind.eq(item.kind()))
        .filter(moderation_flags::subject_id.eq(item.id()))
        .filter(moderation_flags::resolved_at.is_null())
        .order((
            moderation_flags::created_at.asc(),
            moderation_flags::id.asc(),
        ))
        .select((
            moderation_flags::reason,
            moderation_flags::note,
            moderation_flags::created_at,
        ))
        .load(conn)?)
}

fn resolve_flags(conn: &mut DbConn, tenant: &TenantId, item: &Item, how: &str) -> Result<usize> {
    Ok(diesel::update(
        moderation_flags::table
            .filter(moderation_flags::tenant_id.eq(tenant))
            .filter(moderation_flags::subject_kind.eq(item.kind()))
            .filter(moderation_flags::subject_id.eq(item.id()))
            .filter(moderation_flags::resolved_at.is_null()),
    )
    .set((
        moderation_flags::resolved_at.eq(Some(now())),
        moderation_flags::resolution.eq(Some(how)),
    ))
    .execute(conn)?)
}

fn record_action(
    conn: &mut DbConn,
    tenant: &TenantId,
    item: &Item,
    action: &str,
    actor: &UserId,
    reason: Option<&str>,
) -> Result<()> {
    diesel::insert_into(moderation_actions::table)
        .values((
            moderation_actions::tenant_id.eq(tenant),
            moderation_actions::id.eq(ModerationId::new()),
            moderation_actions::subject_kind.eq(item.kind()),
            moderation_actions::subject_id.eq(item.id()),
            moderation_actions::action.eq(action),
            moderation_actions::actor_id.eq(Some(actor)),
            moderation_actions::reason.eq(reason),
            moderation_actions::occurred_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

fn audit(
    conn: &mut DbConn,
    tenant: &TenantId,
    kind: Kind,
    actor: &UserId,
    facts: &Facts,
    item: &Item,
    extra: serde_json::Value,
) -> Result<()> {
    let mut detail = json!({"kind": item.kind(), "item": item.id()});
    if let (Some(d), Some(e)) = (detail.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    let mut event = Event::new(kind).by(actor).detail(detail);
    if let Some(author) = facts.authors.first() {
        event = event.about(author);
    }
    audit::service::record(conn, tenant, event)
}

/// Flags an item (anyone signed in who may read it): one open flag per
/// person per item; the item joins the moderators' queue.
pub fn flag(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    item: &Item,
    new: &NewFlag,
) -> Result<FlagView> {
    let checked = Flag::check(new)?;
    write_transaction(conn, |conn| {
        flaggable(conn, tenant, person, item)?;
        let facts = facts(conn, tenant, item)?;
        let current = row(conn, tenant, item)?;
        let open: i64 = moderation_flags::table
            .filter(moderation_flags::tenant_id.eq(tenant))
            .filter(moderation_flags::subject_kind.eq(item.kind()))
            .filter(moderation_flags::subject_id.eq(item.id()))
            .filter(moderation_flags::flagged_by.eq(&person.id))
            .filter(moderation_flags::resolved_at.is_null())
            .count()
            .get_result(conn)?;
        if open > 0 {
            return Err(Error::conflict(
                "already_flagged",
                Words::of("moderation-error-already-flagged"),
            ));
        }
        let at = now();
        let id = ModerationId::new();
        diesel::insert_into(moderation_flags::table)
            .values((
                moderation_flags::tenant_id.eq(tenant),
                moderation_flags::id.eq(&id),
                moderation_flags::subject_kind.eq(item.kind()),
                moderation_flags::subject_id.eq(item.id()),
                moderation_flags::flagged_by.eq(&person.id),
                moderation_flags::reason.eq(checked.reason.as_str()),
                moderation_flags::note.eq(checked.note.as_deref()),
                moderation_flags::created_at.eq(at),
            ))
            .execute(conn)?;
        if current.queued_at.is_none() {
            diesel::update(moderation_items::table.find((tenant, item.kind(), item.id())))
                .set(moderation_items::queued_at.eq(Some(at)))
                .execute(conn)?;
        }
        audit(
            conn,
            tenant,
            Kind::ModerationFlagged,
            &person.id,
            &facts,
            item,
            json!({"reason": checked.reason.as_str()}),
        )?;
        Ok(FlagView {
            id: id.to_string(),
            kind: item.kind().into(),
            item_id: item.id(),
            reason: checked.reason,
            note: checked.note,
            created_at: at,
        })
    })
}

/// A page of the moderators' queue: items with open flags or a review
/// request, waiting longest first, with their open flags counted by
/// reason.
pub fn queue(
    conn: &mut DbConn,
    tenant: &TenantId,
    moderator: &User,
    paging: Paging,
) -> Result<QueuePage> {
    authz::require(moderator, Permission::Moderate)?;
    let waiting = || {
        moderation_items::table
            .filter(moderation_items::tenant_id.eq(tenant))
            .filter(moderation_items::queued_at.is_not_null())
    };
    let total: i64 = waiting().count().get_result(conn)?;
    let rows: Vec<ItemRow> = waiting()
        .order((
            moderation_items::queued_at.asc(),
            moderation_items::subject_kind.asc(),
            moderation_items::subject_id.asc(),
        ))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(ItemRow::as_select())
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let item = Item::parse(&r.subject_kind, &r.subject_id)
            .map_err(|_| Error::Internal("a stored moderation item".into()))?;
        let summary = match facts(conn, tenant, &item) {
            Ok(f) => f.summary,
            Err(Error::NotFound) => ItemSummary {
                kind: item.kind().into(),
                id: item.id(),
                title: "(no longer on the site)".into(),
                link: item.path(),
            },
            Err(e) => return Err(e),
        };
        let flags = open_flags(conn, tenant, &item)?;
        let mut counts: BTreeMap<String, i64> = BTreeMap::new();
        for (reason, _, _) in &flags {
            *counts.entry(reason.clone()).or_default() += 1;
        }
        items.push(QueueEntry {
            item: summary,
            open_flags: flags.len() as i64,
            flags: counts,
            review_requested: r.review_requested_at.is_some() && r.hidden_at.is_some(),
            hidden: r.hidden_at.is_some(),
            queued_at: r.queued_at.unwrap_or_default(),
        });
    }
    Ok(QueuePage {
        items,
        page: i64::from(paging.page),
        per_page: i64::from(paging.per_page),
        total,
    })
}

/// An item's moderation state and history, for the moderators and its
/// authors (others may not look: 403; another place's item: 404).
pub fn item_view(
    conn: &mut DbConn,
    tenant: &TenantId,
    viewer: &User,
    item: &Item,
) -> Result<ItemView> {
    let facts = facts(conn, tenant, item)?;
    let moderator = is_moderator(viewer);
    let author = facts.authors.contains(&viewer.id);
    if !moderator && !author {
        return Err(Error::Forbidden(
            Words::of("moderation-error-moderators-and-author").into(),
        ));
    }
    let state = find_row(conn, tenant, item)?;
    let history: Vec<(String, Option<String>, NaiveDateTime)> = moderation_actions::table
        .filter(moderation_actions::tenant_id.eq(tenant))
        .filter(moderation_actions::subject_kind.eq(item.kind()))
        .filter(moderation_actions::subject_id.eq(item.id()))
        .order((
            moderation_actions::occurred_at.asc(),
            moderation_actions::id.asc(),
        ))
        .select((
            moderation_actions::action,
            moderation_actions::reason,
            moderation_actions::occurred_at,
        ))
        .load(conn)?;
    let open_flags = if moderator {
        open_flags(conn, tenant, item)?
            .into_iter()
            .map(|(reason, note, created_at)| OpenFlag {
                reason: Reason::parse(&reason).unwrap_or(Reason::Other),
                note,
                created_at,
            })
            .collect()
    } else {
        Vec::new()
    };
    let hidden = state.as_ref().and_then(|s| s.hidden_at);
    Ok(ItemView {
        item: facts.summary,
        body: facts.body,
        hidden: hidden.is_some(),
        hidden_at: hidden,
        hidden_reason: state.as_ref().and_then(|s| s.hidden_reason.clone()),
        review_requested: state
            .as_ref()
            .is_some_and(|s| s.hidden_at.is_some() && s.review_requested_at.is_some()),
        queued: state.as_ref().is_some_and(|s| s.queued_at.is_some()),
        open_flags,
        history: history
            .into_iter()
            .map(|(action, reason, occurred_at)| ActionView {
                by: if action == "review_requested" {
                    "The author"
                } else {
                    "A moderator"
                }
                .into(),
                action,
                reason,
                occurred_at,
            })
            .collect(),
        moderator,
        author,
    })
}

/// Tells an item's authors what the moderators did, through the outbox.
fn tell_authors(
    conn: &mut DbConn,
    tenant: &Tenant,
    facts: &Facts,
    words: impl Fn(crate::i18n::Language) -> (String, String),
    kind: &'static str,
) -> Result<()> {
    for id in &facts.authors {
        let Some(person) = crate::accounts::service::find_user(conn, &tenant.id, id)? else {
            continue;
        };
        if !person.email_verified() {
            continue;
        }
        // MERGE: the notifications room may route this through its
        // preferences later; moderation notices should stay immediate
        // (never in a digest), so keep queueing them directly.
        let message = crate::accounts::emails::notice(tenant, &person, &words, kind)?;
        crate::mail::queue(conn, &tenant.id, message)?;
    }
    Ok(())
}

/// Hides an item with a written reason (moderators): open flags close,
/// others see "hidden by the moderators" (or the proposal leaves lists),
/// and its authors are told by email with the reason and may ask for one
/// review.
pub fn hide(
    conn: &mut DbConn,
    tenant: &Tenant,
    moderator: &User,
    item: &Item,
    reason: Option<&str>,
) -> Result<ItemView> {
    authz::require(moderator, Permission::Moderate)?;
    let reason = check_reason(reason, true)?.unwrap_or_default();
    let tenant_id = &tenant.id;
    write_transaction(conn, |conn| {
        let facts = facts(conn, tenant_id, item)?;
        if facts.hidden {
            return Err(Error::conflict(
                "already_hidden",
                Words::of("moderation-error-already-hidden"),
            ));
        }
        row(conn, tenant_id, item)?;
        diesel::update(moderation_items::table.find((tenant_id, item.kind(), item.id())))
            .set((
                moderation_items::hidden_at.eq(Some(now())),
                moderation_items::hidden_reason.eq(Some(&reason)),
                moderation_items::review_requested_at.eq(None::<NaiveDateTime>),
                moderation_items::queued_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        let closed = resolve_flags(conn, tenant_id, item, "hidden")?;
        set_subject_hidden(conn, tenant_id, item, true)?;
        record_action(
            conn,
            tenant_id,
            item,
            "hidden",
            &moderator.id,
            Some(&reason),
        )?;
        audit(
            conn,
            tenant_id,
            Kind::ModerationHidden,
            &moderator.id,
            &facts,
            item,
            json!({"flags_closed": closed}),
        )?;
        let title = facts.summary.title.clone();
        tell_authors(
            conn,
            tenant,
            &facts,
            |lang| {
                let (subject, hidden) = match item {
                    Item::Proposal(_) => (
                        lang.t("email-hidden-subject-proposal"),
                        lang.t1("email-hidden-body-proposal", "title", title.as_str()),
                    ),
                    Item::Comment(_) => (
                        lang.t("email-hidden-subject-comment"),
                        lang.t1("email-hidden-body-comment", "title", title.as_str()),
                    ),
                };
                let body = [
                    hidden,
                    lang.t1("email-their-reason", "reason", reason.as_str()),
                    lang.t1("email-moderation-review", "path", item.path()),
                ]
                .join("\n\n");
                (subject, body)
            },
            "moderation_hidden",
        )?;
        item_view(conn, tenant_id, moderator, item)
    })
}

/// Shows a hidden item again (moderators), closing any review request;
/// its authors are told.
pub fn restore(
    conn: &mut DbConn,
    tenant: &Tenant,
    moderator: &User,
    item: &Item,
    reason: Option<&str>,
) -> Result<ItemView> {
    authz::require(moderator, Permission::Moderate)?;
    let reason = check_reason(reason, false)?;
    let tenant_id = &tenant.id;
    write_transaction(conn, |conn| {
        let facts = facts(conn, tenant_id, item)?;
        if !facts.hidden {
            return Err(Error::conflict(
                "not_hidden",
                Words::of("moderation-error-not-hidden"),
            ));
        }
        diesel::update(moderation_items::table.find((tenant_id, item.kind(), item.id())))
            .set((
                moderation_items::hidden_at.eq(None::<NaiveDateTime>),
                moderation_items::hidden_reason.eq(None::<String>),
                moderation_items::review_requested_at.eq(None::<NaiveDateTime>),
                moderation_items::queued_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        set_subject_hidden(conn, tenant_id, item, false)?;
        record_action(
            conn,
            tenant_id,
            item,
            "restored",
            &moderator.id,
            reason.as_deref(),
        )?;
        audit(
            conn,
            tenant_id,
            Kind::ModerationRestored,
            &moderator.id,
            &facts,
            item,
            json!({}),
        )?;
        let title = facts.summary.title.clone();
        tell_authors(
            conn,
            tenant,
            &facts,
            |lang| {
                let (subject, restored) = match item {
                    Item::Proposal(_) => (
                        lang.t("email-restored-subject-proposal"),
                        lang.t1("email-restored-body-proposal", "title", title.as_str()),
                    ),
                    Item::Comment(_) => (
                        lang.t("email-restored-subject-comment"),
                        lang.t1("email-restored-body-comment", "title", title.as_str()),
                    ),
                };
                let body = match reason.as_deref() {
                    Some(note) => {
                        [restored, lang.t1("email-their-note", "note", note)].join("\n\n")
                    }
                    None => restored,
                };
                (subject, body)
            },
            "moderation_restored",
        )?;
        item_view(conn, tenant_id, moderator, item)
    })
}

/// Closes an item's open flags with no action (moderators). On a hidden
/// item waiting for review, the review is answered: it stays hidden, and
/// its author cannot ask again for this hiding.
pub fn dismiss(
    conn: &mut DbConn,
    tenant: &TenantId,
    moderator: &User,
    item: &Item,
    reason: Option<&str>,
) -> Result<ItemView> {
    authz::require(moderator, Permission::Moderate)?;
    let reason = check_reason(reason, false)?;
    write_transaction(conn, |conn| {
        let facts = facts(conn, tenant, item)?;
        let queued = find_row(conn, tenant, item)?.is_some_and(|r| r.queued_at.is_some());
        if !queued {
            return Err(Error::conflict(
                "nothing_to_dismiss",
                Words::of("moderation-error-nothing-to-dismiss"),
            ));
        }
        let closed = resolve_flags(conn, tenant, item, "dismissed")?;
        diesel::update(moderation_items::table.find((tenant, item.kind(), item.id())))
            .set(moderation_items::queued_at.eq(None::<NaiveDateTime>))
            .execute(conn)?;
        record_action(
            conn,
            tenant,
            item,
            "dismissed",
            &moderator.id,
            reason.as_deref(),
        )?;
        audit(
            conn,
            tenant,
            Kind::ModerationDismissed,
            &moderator.id,
            &facts,
            item,
            json!({"flags_closed": closed}),
        )?;
        item_view(conn, tenant, moderator, item)
    })
}

/// An author asks the moderators to review the hiding of their item,
/// once per hiding; it goes back in the queue marked as a review request.
pub fn request_review(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &User,
    item: &Item,
    note: Option<&str>,
) -> Result<ItemView> {
    let note = check_reason(note, false)?;
    write_transaction(conn, |conn| {
        let facts = facts(conn, tenant, item)?;
        if !facts.authors.contains(&author.id) {
            return Err(Error::Forbidden(
                Words::of("moderation-error-author-only").into(),
            ));
        }
        let state = find_row(conn, tenant, item)?;
        let Some(state) = state.filter(|s| s.hidden_at.is_some()) else {
            return Err(Error::conflict(
                "not_hidden",
                Words::of("moderation-error-not-hidden"),
            ));
        };
        if state.review_requested_at.is_some() {
            return Err(Error::conflict(
                "review_already_requested",
                Words::of("moderation-error-review-already-requested"),
            ));
        }
        let at = now();
        diesel::update(moderation_items::table.find((tenant, item.kind(), item.id())))
            .set((
                moderation_items::review_requested_at.eq(Some(at)),
                moderation_items::queued_at.eq(Some(at)),
            ))
            .execute(conn)?;
        record_action(
            conn,
            tenant,
            item,
            "review_requested",
            &author.id,
            note.as_deref(),
        )?;
        audit(
            conn,
            tenant,
            Kind::ModerationReviewRequested,
            &author.id,
            &facts,
            item,
            json!({}),
        )?;
        item_view(conn, tenant, author, item)
    })
}

/// Does `action` to an item, as [`hide`], [`restore`], [`dismiss`] and
/// [`request_review`] do.
pub fn act(
    conn: &mut DbConn,
    tenant: &Tenant,
    person: &User,
    item: &Item,
    action: Action,
    reason: Option<&str>,
) -> Result<ItemView> {
    match action {
        Action::Hide => hide(conn, tenant, person, item, reason),
        Action::Restore => restore(conn, tenant, person, item, reason),
        Action::Dismiss => dismiss(conn, &tenant.id, person, item, reason),
        Action::ReviewRequest => request_review(conn, &tenant.id, person, item, reason),
    }
}

/// Whether the item is hidden, and why (for its page's notice).
pub fn hidden_reason(conn: &mut DbConn, tenant: &TenantId, item: &Item) -> Result<Option<String>> {
    Ok(find_row(conn, tenant, item)?
        .filter(|r| r.hidden_at.is_some())
        .map(|r| r.hidden_reason.unwrap_or_default()))
}

/// Drops an item's moderation record (its flags and history) when the
/// item itself goes, inside the caller's transaction. The audit log keeps
/// what happened.
pub fn forget(conn: &mut DbConn, tenant: &TenantId, item: &Item) -> Result<()> {
    diesel::delete(
        moderation_flags::table
            .filter(moderation_flags::tenant_id.eq(tenant))
            .filter(moderation_flags::subject_kind.eq(item.kind()))
            .filter(moderation_flags::subject_id.eq(item.id())),
    )
    .execute(conn)?;
    diesel::delete(
        moderation_actions::table
            .filter(moderation_actions::tenant_id.eq(tenant))
            .filter(moderation_actions::subject_kind.eq(item.kind()))
            .filter(moderation_actions::subject_id.eq(item.id())),
    )
    .execute(conn)?;
    diesel::delete(moderation_items::table.find((tenant, item.kind(), item.id()))).execute(conn)?;
    Ok(())
}

/// A person's flags and the moderation actions they took, for their
/// data export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    type FlagRow = (
        String,
        String,
        String,
        Option<String>,
        NaiveDateTime,
        Option<String>,
    );
    let flags: Vec<FlagRow> = moderation_flags::table
        .filter(moderation_flags::tenant_id.eq(tenant))
        .filter(moderation_flags::flagged_by.eq(person))
        .order(moderation_flags::created_at.asc())
        .select((
            moderation_flags::subject_kind,
            moderation_flags::subject_id,
            moderation_flags::reason,
            moderation_flags::note,
            moderation_flags::created_at,
            moderation_flags::resolution,
        ))
        .load(conn)?;
    let actions: Vec<(String, String, String, Option<String>, NaiveDateTime)> =
        moderation_actions::table
            .filter(moderation_actions::tenant_id.eq(tenant))
            .filter(moderation_actions::actor_id.eq(person))
            .order(moderation_actions::occurred_at.asc())
            .select((
                moderation_actions::subject_kind,
                moderation_actions::subject_id,
                moderation_actions::action,
                moderation_actions::reason,
                moderation_actions::occurred_at,
            ))
            .load(conn)?;
    Ok(PersonalData {
        flags: flags
            .into_iter()
            .map(
                |(kind, item_id, reason, note, created_at, resolution)| FlagData {
                    kind,
                    item_id,
                    reason,
                    note,
                    created_at,
                    resolution,
                },
            )
            .collect(),
        actions: actions
            .into_iter()
            .map(|(kind, item_id, action, reason, occurred_at)| ActionData {
                kind,
                item_id,
                action,
                reason,
                occurred_at,
            })
            .collect(),
    })
}

/// What erasure does with a person's moderation, inside the caller's
/// transaction: their flags go (an item only they flagged leaves the
/// queue), the notes they wrote asking for reviews go, and the actions
/// they took as a moderator stay, unsigned.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    let flagged: Vec<(String, String)> = moderation_flags::table
        .filter(moderation_flags::tenant_id.eq(tenant))
        .filter(moderation_flags::flagged_by.eq(person))
        .filter(moderation_flags::resolved_at.is_null())
        .select((moderation_flags::subject_kind, moderation_flags::subject_id))
        .load(conn)?;
    diesel::delete(
        moderation_flags::table
            .filter(moderation_flags::tenant_id.eq(tenant))
            .filter(moderation_flags::flagged_by.eq(person)),
    )
    .execute(conn)?;
    for (kind, id) in flagged {
        let others: i64 = moderation_flags::table
            .filter(moderation_flags::tenant_id.eq(tenant))
            .filter(moderation_flags::subject_kind.eq(&kind))
            .filter(moderation_flags::subject_id.eq(&id))
            .filter(moderation_flags::resolved_at.is_null())
            .count()
            .get_result(conn)?;
        if others == 0 {
            // Still waiting only for a review request, if there is one.
            diesel::update(
                moderation_items::table
                    .find((tenant, &kind, &id))
                    .filter(moderation_items::review_requested_at.is_null()),
            )
            .set(moderation_items::queued_at.eq(None::<NaiveDateTime>))
            .execute(conn)?;
        }
    }
    diesel::update(
        moderation_actions::table
            .filter(moderation_actions::tenant_id.eq(tenant))
            .filter(moderation_actions::actor_id.eq(person))
            .filter(moderation_actions::action.eq("review_requested")),
    )
    .set(moderation_actions::reason.eq(None::<String>))
    .execute(conn)?;
    diesel::update(
        moderation_actions::table
            .filter(moderation_actions::tenant_id.eq(tenant))
            .filter(moderation_actions::actor_id.eq(person)),
    )
    .set(moderation_actions::actor_id.eq(None::<UserId>))
    .execute(conn)?;
    Ok(())
}
