//! The rules of stories and consent.
//!
//! - Writing: a story's text is sealed under its own key (made in the key
//!   store, wrapped under the author's data key) with its id, version and
//!   part (original or de-identified) bound as associated data. Nothing in
//!   the main database, its caches or its outbox holds a story's text.
//! - Reading: [`read`] is the only path to a story's text for anyone but
//!   its author. It asks [`super::consent::choose`] for a live grant
//!   covering the reader, purpose and action at this moment, renders the
//!   attribution that grant allows, and appends a row to the author's
//!   hash-chained use log in the same transaction, before anything is
//!   returned: if the log cannot be written, nothing is read.
//! - Consent: grants per story × purpose × audience with an attribution
//!   and an expiry (at most 24 months); withdrawal takes effect on the next
//!   request; organisations that used a story are emailed the list of
//!   their uses and asked to delete copies. Every change calls
//!   [`on_consent_changed`], which signs and keeps its consent receipt.
//! - Erasure: erasing a story destroys its key, so its ciphertext in every
//!   copy of the database can never be read again.
//!
//! Boards are reached through their service: [`board_exists`],
//! [`board_visible`], [`boards_of`] and [`board_facilitator`].

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::consent::{self, Ask, Viewer};
use super::emails;
use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::service as accounts;
use crate::accounts::User;
use crate::audit::{self, Event, Kind};
use crate::db::ids::{
    AreaId, ConsentId, ConsentRequestId, OrganisationId, StoryId, StoryUseId, TenantId, UserId,
};
use crate::db::schema::{stories, story_consent_requests, story_consents, story_uses, users};
use crate::db::{execute_prepared, write_transaction, DbConn};
use crate::error::{Error, Problems, Result, Words};
use crate::http::pagination::Paging;
use crate::keys::crypto::DataKey;
use crate::keys::KeyStore;
use crate::organisations::service as organisations;
use crate::organisations::MemberRole;
use crate::receipts::model::ReceiptEvent;
use crate::tenancy::Tenant;

pub(super) fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

// ---- Boards, through their service ----

fn board_id_of(raw: &str) -> Option<crate::db::ids::BoardId> {
    raw.parse().ok()
}

/// Whether a board of this place exists (whoever may see it).
pub fn board_exists(conn: &mut DbConn, tenant: &TenantId, board: &str) -> Result<bool> {
    let Some(id) = board_id_of(board) else {
        return Ok(false);
    };
    Ok(crate::boards::service::find(conn, tenant, &id)?.is_some())
}

/// Whether `viewer` may see a board of this place (a public one, or a
/// private one they are on): a story's board and `board:<id>` audiences
/// must be boards its author can see, so a private board's existence is
/// never revealed to people outside it.
pub fn board_visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &str,
    viewer: &UserId,
) -> Result<bool> {
    let Some(id) = board_id_of(board) else {
        return Ok(false);
    };
    let Some(user) = accounts::find_user(conn, tenant, viewer)? else {
        return Ok(false);
    };
    match crate::boards::service::visible(conn, tenant, &id, Some(&user)) {
        Ok(_) => Ok(true),
        Err(Error::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The boards a person is on (in their own right or as staff of a member
/// organisation), for `board:<id>` audiences.
pub fn boards_of(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<Vec<String>> {
    Ok(crate::boards::service::board_ids_of(conn, tenant, person)?
        .into_iter()
        .map(|b| b.to_string())
        .collect())
}

/// The boards a person is on, with their titles (by title), for the
/// story form and the consent screen, and `also` (a story's current
/// board) if it exists.
pub fn board_choices(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    also: Option<&str>,
) -> Result<Vec<(String, String)>> {
    let mut ids = boards_of(conn, tenant, person)?;
    if let Some(b) = also {
        if !ids.iter().any(|i| i == b) {
            ids.push(b.to_owned());
        }
    }
    let mut out = Vec::new();
    for id in ids {
        if let Some(b) = board_id_of(&id)
            .map(|b| crate::boards::service::find(conn, tenant, &b))
            .transpose()?
            .flatten()
        {
            out.push((b.id.to_string(), b.title));
        }
    }
    out.sort_by(|a, b| (a.1.to_lowercase(), &a.0).cmp(&(b.1.to_lowercase(), &b.0)));
    Ok(out)
}

/// Whether a person facilitates a board (who may ask a story's author on
/// a board's behalf).
pub fn board_facilitator(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &str,
    person: &UserId,
) -> Result<bool> {
    let Some(id) = board_id_of(board) else {
        return Ok(false);
    };
    crate::boards::service::is_facilitator(conn, tenant, &id, person)
}

/// What a change of consent needs beyond the database: the place, the key
/// store (receipts are signed with it; a story's digest needs its key) and
/// the place's public address (receipts name it as their issuer and point
/// to the consent notice there).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub tenant: &'a Tenant,
    pub keys: &'a KeyStore,
    pub base_url: &'a str,
}

/// A [`Ctx`] that owns its parts, to move into blocking work.
#[derive(Clone)]
pub struct Context {
    pub tenant: Tenant,
    pub keys: KeyStore,
    pub base_url: String,
}

impl Context {
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            tenant: &self.tenant,
            keys: &self.keys,
            base_url: &self.base_url,
        }
    }
}

/// What happened to a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Given (new, a change of terms, or a renewal).
    Given,
    /// Withdrawn by its author (or with the story's erasure).
    Withdrawn,
    /// Its legal basis changed (the story was marked special-category,
    /// or no longer).
    Amended,
}

/// One changed grant, for [`on_consent_changed`].
#[derive(Debug, Clone)]
pub struct ConsentChange {
    pub change: Change,
    pub grant: Consent,
    pub at: NaiveDateTime,
}

/// Called, inside the change's transaction, with every set of grant
/// changes (given, withdrawn, amended) of one author at once. Signs a
/// consent receipt for each story the changes touch ([`crate::receipts`]),
/// keeps it for the author ("Your consents") and returns it (the last, if
/// one change touched several stories) to be handed to the citizen with
/// the change. Failing here fails the change, so no consent changes
/// without its receipt.
pub fn on_consent_changed(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &UserId,
    changes: &[ConsentChange],
) -> Result<Option<String>> {
    let mut by_story: BTreeMap<StoryId, Vec<&ConsentChange>> = BTreeMap::new();
    for c in changes {
        by_story
            .entry(c.grant.story_id.clone())
            .or_default()
            .push(c);
    }
    let mut last = None;
    for (story_id, changes) in by_story {
        let story = find(conn, &ctx.tenant.id, &story_id)?.ok_or(Error::NotFound)?;
        last = Some(issue_receipt(conn, ctx, author, &story, &changes)?);
    }
    Ok(last)
}

/// The law consent receipts are given under (UK GDPR).
const JURISDICTION: &str = "GB";

fn receipt_event(change: Change) -> ReceiptEvent {
    match change {
        Change::Given => ReceiptEvent::Given,
        Change::Withdrawn => ReceiptEvent::Withdrawn,
        Change::Amended => ReceiptEvent::Changed,
    }
}

/// The person's pseudonym in receipts: keyed by a key of their own in the
/// key store (made on first use), so it is stable for them and dies with
/// their data key when they leave.
fn principal(keys: &KeyStore, tenant: &TenantId, author: &UserId) -> Result<String> {
    // Child key names are unique within a place: name the person.
    let name = format!("consent-receipt-principal/{author}");
    let key = match keys.child_key(tenant, author, &name) {
        Ok(k) => k,
        Err(crate::keys::KeyError::Shredded) => match keys.new_child_key(tenant, author, &name) {
            Ok(k) => k,
            // Made meanwhile by another request.
            Err(_) => keys.child_key(tenant, author, &name)?,
        },
        Err(e) => return Err(e.into()),
    };
    let secret = key.derive(b"consent-receipt-principal");
    Ok(crate::receipts::service::pseudonym(
        &secret[..],
        tenant,
        author,
    ))
}

/// Signs, keeps and returns the receipt for one story's changes.
fn issue_receipt(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &UserId,
    story: &Story,
    changes: &[&ConsentChange],
) -> Result<String> {
    use crate::receipts::model::{GrantFacts, PurposeFacts, ReceiptFacts};
    let tenant = &ctx.tenant.id;
    let mut names = Names::new(tenant);
    let mut grants = Vec::with_capacity(changes.len());
    let mut summary = Vec::with_capacity(changes.len());
    for c in changes {
        let g = &c.grant;
        let event = receipt_event(c.change);
        // A withdrawal names the version its grant was given for; a new
        // grant (or, before receipts, an old one) the version now.
        let stored = match c.change {
            Change::Given => None,
            _ => crate::receipts::service::digest_of(conn, tenant, &g.id)?,
        };
        let digest = match stored {
            Some(d) => d,
            None if story.erased() => "erased".to_owned(),
            None => story_digest(ctx.keys, story, g.attribution())?,
        };
        let audience = g.audience();
        let audience_name = match &audience {
            Some(Audience::Organisation(org)) => names
                .organisation(conn, Some(org.as_str()))?
                .unwrap_or_else(|| "an organisation".into()),
            Some(Audience::Board(_)) => "the members of a board".into(),
            Some(Audience::Tenant) => format!("everyone signed in to {}", ctx.tenant.name),
            Some(Audience::Public) => "anyone, on the public website".into(),
            None => g.audience_kind.clone(),
        };
        let title = purpose_title(&g.purpose);
        summary.push(format!(
            "{}: {title}, for {audience_name}, {}{}",
            match event {
                ReceiptEvent::Given => "Given",
                ReceiptEvent::Changed => "Changed",
                ReceiptEvent::Withdrawn => "Withdrawn",
            },
            g.attribution().describe(),
            match event {
                ReceiptEvent::Withdrawn => String::new(),
                _ => format!(", until {}", g.expires_at.format("%-d %B %Y")),
            },
        ));
        grants.push(GrantFacts {
            grant_id: g.id.to_string(),
            event,
            story_digest: digest,
            audience: audience.map_or_else(|| g.audience_kind.clone(), |a| a.to_string()),
            attribution: g.attribution.clone(),
            expires_at: g.expires_at,
            purpose: PurposeFacts {
                purpose: title,
                dpv_term: g.dpv_purpose.clone(),
                legal_basis: g.legal_basis.clone(),
                third_party_disclosure: true,
                third_party_name: Some(audience_name),
            },
        });
    }
    let event = if changes.iter().all(|c| c.change == Change::Given) {
        ReceiptEvent::Given
    } else if changes.iter().all(|c| c.change == Change::Withdrawn) {
        ReceiptEvent::Withdrawn
    } else {
        ReceiptEvent::Changed
    };
    let notice = changes
        .iter()
        .find(|c| c.change != Change::Withdrawn)
        .or(changes.first())
        .map_or(NOTICE_VERSION, |c| c.grant.notice_version.as_str());
    let at = changes.iter().map(|c| c.at).max().unwrap_or_else(now);
    let requested = changes.iter().any(|c| c.grant.request_id.is_some());
    let collection_method = match event {
        ReceiptEvent::Withdrawn if story.erased() => {
            "withdrawn by the person erasing their story, on the website"
        }
        ReceiptEvent::Withdrawn => "withdrawn by the person on the website",
        _ if changes.iter().all(|c| c.change == Change::Amended) => {
            "the person changed whether their story holds special-category information, on the website"
        }
        _ if requested => "given by the person in answer to a request, on the website's consent screen",
        _ => "given by the person on the website's consent screen",
    };
    let facts = ReceiptFacts {
        event,
        at,
        issuer: ctx.base_url.trim_end_matches('/').to_owned(),
        controller: ctx.tenant.name.clone(),
        controller_email: crate::places::settings::contact_email(conn, tenant)?,
        jurisdiction: JURISDICTION.to_owned(),
        policy_url: format!(
            "{}/stories/notice/{notice}",
            ctx.base_url.trim_end_matches('/')
        ),
        collection_method: collection_method.to_owned(),
        principal: principal(ctx.keys, tenant, author)?,
        grants,
        sensitive: story.special_category,
        special_categories: if story.special_category {
            vec!["health or other special-category information".to_owned()]
        } else {
            Vec::new()
        },
    };
    let issued = crate::receipts::service::issue(ctx.keys, &facts)?;
    crate::receipts::service::record(
        conn,
        tenant,
        author,
        &story.id,
        &facts,
        &summary.join("; "),
        &issued,
    )?;
    Ok(issued.token)
}

/// Where a grant stands now, for checking its receipts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantState {
    Live,
    Withdrawn,
    Expired,
    /// Ended and replaced: new terms for the same purpose and audience,
    /// or a renewal.
    Replaced,
}

/// A grant's state at `at`, looked up in this place only; `None` when the
/// place holds no such grant.
pub fn grant_state(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ConsentId,
    at: NaiveDateTime,
) -> Result<Option<GrantState>> {
    let Some(grant) = story_consents::table
        .find((tenant, id))
        .select(Consent::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let status = grant.status_at(at);
    if status == ConsentStatus::Given {
        return Ok(Some(GrantState::Live));
    }
    let renewed: i64 = story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::renews_id.eq(id))
        .count()
        .get_result(conn)?;
    let mut later = story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::story_id.eq(&grant.story_id))
        .filter(story_consents::purpose.eq(&grant.purpose))
        .filter(story_consents::audience_kind.eq(&grant.audience_kind))
        .filter(story_consents::id.ne(id))
        .filter(story_consents::created_at.ge(grant.withdrawn_at.unwrap_or(grant.expires_at)))
        .into_boxed();
    later = match &grant.audience_id {
        Some(a) => later.filter(story_consents::audience_id.eq(a)),
        None => later.filter(story_consents::audience_id.is_null()),
    };
    let replaced: i64 = later.count().get_result(conn)?;
    Ok(Some(if renewed > 0 || replaced > 0 {
        GrantState::Replaced
    } else if status == ConsentStatus::Withdrawn {
        GrantState::Withdrawn
    } else {
        GrantState::Expired
    }))
}

/// A stored purpose's title (the stored word for an unknown one).
fn purpose_title(raw: &str) -> String {
    Purpose::parse(raw).map_or_else(|| raw.to_owned(), |p| p.title().to_owned())
}

/// [`purpose_title`] in a person's language.
fn purpose_title_in(raw: &str, lang: crate::i18n::Language) -> String {
    Purpose::parse(raw).map_or_else(|| raw.to_owned(), |p| p.title_in(lang))
}

// ---- Sealing ----

fn crypto(e: crate::keys::CryptoError) -> Error {
    Error::Internal(format!("a story's encryption: {e}"))
}

fn key_of(keys: &KeyStore, story: &Story) -> Result<DataKey> {
    Ok(keys.child_key(
        &story.tenant_id,
        &story.author_id,
        &Story::key_name(&story.id),
    )?)
}

fn seal(
    key: &DataKey,
    tenant: &TenantId,
    id: &StoryId,
    version: i32,
    part: Part,
    text: &Text,
) -> Result<Vec<u8>> {
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(text).map_err(|e| Error::Internal(e.to_string()))?,
    );
    key.seal(&plain, &Text::aad(tenant, id, version, part))
        .map_err(crypto)
}

fn open(key: &DataKey, story: &Story, part: Part) -> Result<Option<Text>> {
    let sealed = match part {
        Part::Original => Some(&story.sealed),
        Part::Deidentified => story.deidentified.as_ref(),
    };
    let Some(sealed) = sealed else {
        return Ok(None);
    };
    let plain = zeroize::Zeroizing::new(
        key.open(
            sealed,
            &Text::aad(&story.tenant_id, &story.id, story.version, part),
        )
        .map_err(crypto)?,
    );
    serde_json::from_slice(&plain)
        .map(Some)
        .map_err(|e| Error::Internal(format!("a story's sealed text: {e}")))
}

/// The digest of the story version a grant covers, for its consent
/// receipt: SHA-256 (hex) of the story's id, version and part, and the
/// text readers see under that attribution (the de-identified version for
/// anonymous grants). It lets the citizen show which words they agreed to
/// share without the receipt holding them.
pub fn story_digest(keys: &KeyStore, story: &Story, attribution: Attribution) -> Result<String> {
    let part = if attribution == Attribution::Anonymous {
        Part::Deidentified
    } else {
        Part::Original
    };
    let key = key_of(keys, story)?;
    let text = open(&key, story, part)?.ok_or(Error::NotFound)?;
    let mut hash = Sha256::new();
    hash.update(Text::aad(&story.tenant_id, &story.id, story.version, part));
    hash.update(b"\0");
    hash.update(serde_json::to_vec(&text).map_err(|e| Error::Internal(e.to_string()))?);
    Ok(hex::encode(hash.finalize()))
}

// ---- Stories ----

/// A story of this place (erased ones too), whoever may read it: for the
/// service's own checks. Its text is sealed.
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &StoryId) -> Result<Option<Story>> {
    Ok(crate::db::direct!(conn, |c| stories::table
        .find((tenant, id))
        .select(Story::as_select())
        .first(c)
        .optional())?)
}

/// The author's own story (not erased); anyone else gets 404, so a story's
/// existence is never revealed to those it is not shared with.
pub fn own(conn: &mut DbConn, tenant: &TenantId, author: &User, id: &StoryId) -> Result<Story> {
    find(conn, tenant, id)?
        .filter(|s| s.author_id == author.id && !s.erased())
        .ok_or(Error::NotFound)
}

fn check_area(conn: &mut DbConn, tenant: &TenantId, raw: Option<&str>) -> Result<Option<AreaId>> {
    let Some(raw) = given(raw) else {
        return Ok(None);
    };
    let id: AreaId = parse_id(raw, "area_id", "area")?;
    crate::places::service::find(conn, tenant, &id)?.ok_or_else(|| unknown("area_id", "area"))?;
    Ok(Some(id))
}

fn check_board(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &UserId,
    raw: Option<&str>,
) -> Result<Option<String>> {
    let Some(raw) = given(raw) else {
        return Ok(None);
    };
    let id: uuid::Uuid = parse_id(raw, "board_id", "board")?;
    let id = id.to_string();
    if !board_visible(conn, tenant, &id, author)? {
        return Err(unknown("board_id", "board"));
    }
    Ok(Some(id))
}

/// Writes a story (people who may take part). Nothing is shared: the
/// author decides, purpose by purpose, afterwards.
pub fn create(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &User,
    new: &NewStory,
) -> Result<Story> {
    authz::require(author, Permission::Participate)?;
    create_for(conn, keys, tenant, author, new)
}

/// [`create`] without asking whether the author may take part yet: for
/// a story told with a member of staff's help, whose author confirms it
/// (and their address) afterwards.
pub(super) fn create_for(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &User,
    new: &NewStory,
) -> Result<Story> {
    let mut problems = Problems::default();
    let text = Text::check(&new.title, &new.body, &mut problems);
    problems.into_result()?;
    write_transaction(conn, |conn| {
        let area_id = check_area(conn, tenant, new.area_id.as_deref())?;
        let board_id = check_board(conn, tenant, &author.id, new.board_id.as_deref())?;
        let id = StoryId::new();
        let key = keys.new_child_key(tenant, &author.id, &Story::key_name(&id))?;
        let at = now();
        let story = Story {
            tenant_id: tenant.clone(),
            sealed: seal(&key, tenant, &id, 1, Part::Original, &text)?,
            id,
            author_id: author.id.clone(),
            area_id,
            board_id,
            special_category: new.special_category.unwrap_or(false),
            version: 1,
            deidentified: None,
            deidentified_approved_at: None,
            created_at: at,
            updated_at: at,
            erased_at: None,
        };
        diesel::insert_into(stories::table)
            .values(&story)
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryCreated)
                .of(&author.id)
                .detail(serde_json::json!({"story_id": story.id, "special_category": story.special_category})),
        )?;
        Ok(story)
    })
}

fn author_view_of(keys: &KeyStore, story: &Story) -> Result<AuthorView> {
    let key = key_of(keys, story)?;
    let text = open(&key, story, Part::Original)?.ok_or(Error::NotFound)?;
    let deidentified = open(&key, story, Part::Deidentified)?;
    Ok(AuthorView {
        id: story.id.to_string(),
        title: text.title,
        body: text.body,
        area_id: story.area_id.as_ref().map(ToString::to_string),
        board_id: story.board_id.clone(),
        special_category: story.special_category,
        version: story.version,
        deidentified_approved: story.deidentified_approved(),
        deidentified,
        created_at: story.created_at,
        updated_at: story.updated_at,
        yours: true,
    })
}

/// The author's own story, decrypted (both versions).
pub fn author_view(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &User,
    id: &StoryId,
) -> Result<AuthorView> {
    let story = own(conn, tenant, author, id)?;
    author_view_of(keys, &story)
}

/// Re-seals both texts of a story under a new version, inside the
/// caller's transaction.
fn reseal(
    conn: &mut DbConn,
    keys: &KeyStore,
    story: &Story,
    original: &Text,
    deidentified: Option<&Text>,
    approved_at: Option<NaiveDateTime>,
) -> Result<i32> {
    let key = key_of(keys, story)?;
    let version = story.version + 1;
    let (tenant, id) = (&story.tenant_id, &story.id);
    let sealed = seal(&key, tenant, id, version, Part::Original, original)?;
    let deid = deidentified
        .map(|d| seal(&key, tenant, id, version, Part::Deidentified, d))
        .transpose()?;
    diesel::update(stories::table.find((tenant, id)))
        .set((
            stories::version.eq(version),
            stories::sealed.eq(sealed),
            stories::deidentified.eq(deid),
            stories::deidentified_approved_at.eq(approved_at),
            stories::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(version)
}

fn live_grants(conn: &mut DbConn, tenant: &TenantId, story: &StoryId) -> Result<Vec<Consent>> {
    let at = now();
    Ok(story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::story_id.eq(story))
        .filter(story_consents::status.eq("given"))
        .filter(story_consents::expires_at.gt(at))
        .order((story_consents::created_at.asc(), story_consents::id.asc()))
        .select(Consent::as_select())
        .load(conn)?)
}

/// Changes a story (its author): its text, area, board, or whether it
/// holds special-category information (which changes the legal basis of
/// its live grants).
pub fn edit(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    id: &StoryId,
    changes: &StoryChanges,
) -> Result<AuthorView> {
    let (keys, tenant) = (ctx.keys, &ctx.tenant.id);
    write_transaction(conn, |conn| {
        let story = own(conn, tenant, author, id)?;
        let key = key_of(keys, &story)?;
        let current = open(&key, &story, Part::Original)?.ok_or(Error::NotFound)?;
        let deid = open(&key, &story, Part::Deidentified)?;
        let mut problems = Problems::default();
        let text = Text::check(
            changes.title.as_deref().unwrap_or(&current.title),
            changes.body.as_deref().unwrap_or(&current.body),
            &mut problems,
        );
        problems.into_result()?;
        let area = match &changes.area_id {
            Some(raw) => check_area(conn, tenant, Some(raw))?,
            None => story.area_id.clone(),
        };
        let board = match &changes.board_id {
            // Keeping the board it has needs no new check (the author may
            // have left it since).
            Some(raw) if given(Some(raw)) == story.board_id.as_deref() => story.board_id.clone(),
            Some(raw) => check_board(conn, tenant, &author.id, Some(raw))?,
            None => story.board_id.clone(),
        };
        reseal(
            conn,
            keys,
            &story,
            &text,
            deid.as_ref(),
            story.deidentified_approved_at,
        )?;
        let special = changes.special_category.unwrap_or(story.special_category);
        diesel::update(stories::table.find((tenant, id)))
            .set((
                stories::area_id.eq(area),
                stories::board_id.eq(board),
                stories::special_category.eq(special),
            ))
            .execute(conn)?;
        if special != story.special_category {
            let live = live_grants(conn, tenant, id)?;
            diesel::update(
                story_consents::table
                    .filter(story_consents::tenant_id.eq(tenant))
                    .filter(story_consents::story_id.eq(id))
                    .filter(story_consents::status.eq("given")),
            )
            .set(story_consents::legal_basis.eq(legal_basis(special)))
            .execute(conn)?;
            let at = now();
            let changes: Vec<ConsentChange> = live
                .into_iter()
                .map(|mut grant| {
                    grant.legal_basis = legal_basis(special).to_owned();
                    ConsentChange {
                        change: Change::Amended,
                        grant,
                        at,
                    }
                })
                .collect();
            if !changes.is_empty() {
                on_consent_changed(conn, ctx, &author.id, &changes)?;
            }
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryEdited)
                .of(&author.id)
                .detail(serde_json::json!({"story_id": id, "part": "original"})),
        )?;
        author_view(conn, keys, tenant, author, id)
    })
}

/// Saves the de-identified version (its author). Unless `approved`, it is
/// a draft that anonymous consent cannot use; a draft is refused while
/// anonymous grants rely on the approved version.
pub fn set_deidentified(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &User,
    id: &StoryId,
    version: &Deidentified,
) -> Result<AuthorView> {
    let mut problems = Problems::default();
    let text = Text::check(&version.title, &version.body, &mut problems);
    problems.into_result()?;
    write_transaction(conn, |conn| {
        let story = own(conn, tenant, author, id)?;
        if !version.approved {
            let anonymous = live_grants(conn, tenant, id)?
                .iter()
                .any(|g| g.attribution() == Attribution::Anonymous);
            if anonymous {
                return Err(Error::conflict(
                    "deidentified_in_use",
                    Words::of("story-error-deidentified-in-use"),
                ));
            }
        }
        let key = key_of(keys, &story)?;
        let original = open(&key, &story, Part::Original)?.ok_or(Error::NotFound)?;
        reseal(
            conn,
            keys,
            &story,
            &original,
            Some(&text),
            version.approved.then(now),
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryEdited).of(&author.id).detail(
                serde_json::json!({"story_id": id, "part": "deidentified", "approved": version.approved}),
            ),
        )?;
        author_view(conn, keys, tenant, author, id)
    })
}

/// The author's stories (not erased), newest first, with their titles.
pub fn mine(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &UserId,
) -> Result<Vec<(Story, Text, Vec<Consent>)>> {
    let rows: Vec<Story> = stories::table
        .filter(stories::tenant_id.eq(tenant))
        .filter(stories::author_id.eq(author))
        .filter(stories::erased_at.is_null())
        .order((stories::created_at.desc(), stories::id.desc()))
        .select(Story::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for story in rows {
        let key = key_of(keys, &story)?;
        let text = open(&key, &story, Part::Original)?.ok_or(Error::NotFound)?;
        let grants = live_grants(conn, tenant, &story.id)?;
        out.push((story, text, grants));
    }
    Ok(out)
}

// ---- Consent ----

fn check_audience(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &UserId,
    audience: &Audience,
    field: &str,
) -> Result<()> {
    match audience {
        Audience::Board(id) => {
            if !board_visible(conn, tenant, id, actor)? {
                return Err(Error::field(
                    field,
                    "unknown_board",
                    Words::of("story-error-no-such-board"),
                ));
            }
        }
        Audience::Organisation(id) => {
            if organisations::find(conn, tenant, id)?.is_none() {
                return Err(Error::field(
                    field,
                    "unknown_organisation",
                    Words::of("story-error-no-such-organisation"),
                ));
            }
        }
        Audience::Tenant | Audience::Public => {}
    }
    Ok(())
}

/// Checks a set of grants for a story: every problem at once, named
/// `grants[i].field`.
pub(super) fn check_grants(
    conn: &mut DbConn,
    tenant: &TenantId,
    story: &Story,
    inputs: &[GrantInput],
    at: NaiveDateTime,
) -> Result<Vec<Grant>> {
    let mut problems = Problems::default();
    let mut grants = Vec::with_capacity(inputs.len());
    let mut seen = HashSet::new();
    for (i, input) in inputs.iter().enumerate() {
        let prefix = format!("grants[{i}]");
        let Some(grant) = Grant::check(input, &prefix, at, &mut problems) else {
            continue;
        };
        if let Err(Error::Validation(errors)) = check_audience(
            conn,
            tenant,
            &story.author_id,
            &grant.audience,
            &format!("{prefix}.audience"),
        ) {
            for e in errors {
                let said: crate::error::Say = match e.words {
                    Some(words) => words.into(),
                    None => e.message.into(),
                };
                problems.add(&e.field, &e.code, said);
            }
            continue;
        }
        if grant.attribution == Attribution::Anonymous && !story.deidentified_approved() {
            problems.add(
                &format!("{prefix}.attribution"),
                "deidentified_required",
                Words::of("story-error-deidentified-required"),
            );
            continue;
        }
        if !seen.insert((grant.purpose, grant.audience.clone())) {
            problems.add(
                &format!("{prefix}.purpose"),
                "duplicate",
                Words::of("story-error-grant-duplicate"),
            );
            continue;
        }
        grants.push(grant);
    }
    problems.into_result()?;
    Ok(grants)
}

fn insert_grant(
    conn: &mut DbConn,
    story: &Story,
    grant: &Grant,
    request: Option<&ConsentRequestId>,
    renews: Option<&ConsentId>,
    at: NaiveDateTime,
) -> Result<Consent> {
    let row = Consent {
        tenant_id: story.tenant_id.clone(),
        id: ConsentId::new(),
        story_id: story.id.clone(),
        author_id: story.author_id.clone(),
        purpose: grant.purpose.as_str().to_owned(),
        audience_kind: grant.audience.kind().to_owned(),
        audience_id: grant.audience.id(),
        attribution: grant.attribution.as_str().to_owned(),
        status: "given".into(),
        dpv_purpose: grant.purpose.dpv().to_owned(),
        legal_basis: legal_basis(story.special_category).to_owned(),
        notice_version: NOTICE_VERSION.to_owned(),
        expires_at: grant.expires_at.trunc_subsecs(6),
        created_at: at,
        withdrawn_at: None,
        request_id: request.cloned(),
        renews_id: renews.cloned(),
        reminded_at: None,
    };
    diesel::insert_into(story_consents::table)
        .values(&row)
        .execute(conn)?;
    audit::service::record(
        conn,
        &story.tenant_id,
        Event::new(Kind::ConsentGiven)
            .of(&story.author_id)
            .detail(serde_json::json!({
                "story_id": story.id,
                "grant_id": row.id,
                "purpose": row.purpose,
                "audience": grant.audience.to_string(),
                "attribution": row.attribution,
            })),
    )?;
    Ok(row)
}

fn mark_withdrawn(conn: &mut DbConn, grants: &mut [Consent], at: NaiveDateTime) -> Result<()> {
    for g in grants.iter_mut() {
        diesel::update(story_consents::table.find((&g.tenant_id, &g.id)))
            .set((
                story_consents::status.eq("withdrawn"),
                story_consents::withdrawn_at.eq(Some(at)),
            ))
            .execute(conn)?;
        g.status = "withdrawn".into();
        g.withdrawn_at = Some(at);
        audit::service::record(
            conn,
            &g.tenant_id,
            Event::new(Kind::ConsentWithdrawn).of(&g.author_id).detail(
                serde_json::json!({"story_id": g.story_id, "grant_id": g.id, "purpose": g.purpose}),
            ),
        )?;
    }
    Ok(())
}

/// Emails each organisation that used a story under the withdrawn grants
/// (every grant of the story when it was erased) the list of its uses,
/// asking it to delete copies; inside the caller's transaction.
fn notify_withdrawal(
    conn: &mut DbConn,
    tenant: &Tenant,
    story: &StoryId,
    withdrawn: &[ConsentId],
    erased: bool,
) -> Result<()> {
    if withdrawn.is_empty() && !erased {
        return Ok(());
    }
    let mut query = story_uses::table
        .filter(story_uses::tenant_id.eq(&tenant.id))
        .filter(story_uses::story_id.eq(story))
        .filter(story_uses::organisation_id.is_not_null())
        .into_boxed();
    if !erased {
        query = query.filter(story_uses::grant_id.eq_any(withdrawn));
    }
    let uses: Vec<StoryUse> = query
        .order(story_uses::seq.asc())
        .select(StoryUse::as_select())
        .load(conn)?;
    let mut by_org: BTreeMap<String, Vec<StoryUse>> = BTreeMap::new();
    for u in uses {
        if let Some(org) = u.organisation_id.clone() {
            by_org.entry(org).or_default().push(u);
        }
    }
    let mut names = Names::new(&tenant.id);
    for (org, uses) in by_org {
        let Ok(org_id) = org.parse::<OrganisationId>() else {
            continue;
        };
        let Some(organisation) = organisations::find(conn, &tenant.id, &org_id)? else {
            continue;
        };
        let used: Vec<(String, &StoryUse)> = uses
            .iter()
            .map(|u| Ok((names.person(conn, u.reader_id.as_deref())?, u)))
            .collect::<Result<_>>()?;
        // Each admin reads the uses in their own language.
        let lines = |lang: crate::i18n::Language| -> Vec<String> {
            used.iter()
                .map(|(who, u)| {
                    lang.t_args(
                        "email-story-use-line",
                        &[
                            ("when", &lang.date_time(&u.occurred_at)),
                            ("who", who),
                            (
                                "action",
                                &Action::parse(&u.action).map_or_else(
                                    || lang.t("email-story-used-it"),
                                    |a| a.described_in(lang),
                                ),
                            ),
                            ("purpose", &purpose_title_in(&u.purpose, lang)),
                        ],
                    )
                })
                .collect()
        };
        for m in organisations::members(conn, &tenant.id, &org_id, None)? {
            if m.role != MemberRole::Admin.as_str() {
                continue;
            }
            let Ok(uid) = m.user_id.parse::<UserId>() else {
                continue;
            };
            if let Some(admin) = accounts::find_user(conn, &tenant.id, &uid)? {
                let msg = emails::withdrawn(
                    tenant,
                    &admin,
                    &organisation.name,
                    story,
                    lines(admin.language(tenant)),
                    erased,
                )?;
                crate::mail::queue(conn, &tenant.id, msg)?;
            }
        }
    }
    Ok(())
}

/// Names of people and organisations, looked up once each.
struct Names<'a> {
    tenant: &'a TenantId,
    people: HashMap<String, String>,
    organisations: HashMap<String, Option<String>>,
}

impl<'a> Names<'a> {
    fn new(tenant: &'a TenantId) -> Self {
        Self {
            tenant,
            people: HashMap::new(),
            organisations: HashMap::new(),
        }
    }

    fn person(&mut self, conn: &mut DbConn, id: Option<&str>) -> Result<String> {
        let Some(id) = id else {
            return Ok("a visitor to the public page".into());
        };
        if let Some(n) = self.people.get(id) {
            return Ok(n.clone());
        }
        let name = match id.parse::<UserId>() {
            Ok(uid) => accounts::find_user(conn, self.tenant, &uid)?
                .map(|u| u.display_name)
                .unwrap_or_else(|| "someone who has since left".into()),
            Err(_) => "someone".into(),
        };
        self.people.insert(id.to_owned(), name.clone());
        Ok(name)
    }

    fn organisation(&mut self, conn: &mut DbConn, id: Option<&str>) -> Result<Option<String>> {
        let Some(id) = id else {
            return Ok(None);
        };
        if let Some(n) = self.organisations.get(id) {
            return Ok(n.clone());
        }
        let name = match id.parse::<OrganisationId>() {
            Ok(oid) => organisations::find(conn, self.tenant, &oid)?.map(|o| o.name),
            Err(_) => None,
        };
        self.organisations.insert(id.to_owned(), name.clone());
        Ok(name)
    }
}

/// Applies grants and withdrawals for one story, inside the caller's
/// transaction: emails, audit, and the receipts' seam.
fn apply(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    story: &Story,
    give: &[Grant],
    mut withdraw: Vec<Consent>,
    request: Option<&ConsentRequestId>,
    renews: Option<&ConsentId>,
) -> Result<ConsentsAnswer> {
    let tenant = ctx.tenant;
    let at = now();
    mark_withdrawn(conn, &mut withdraw, at)?;
    let mut changes: Vec<ConsentChange> = withdraw
        .iter()
        .map(|g| ConsentChange {
            change: Change::Withdrawn,
            grant: g.clone(),
            at,
        })
        .collect();
    for g in give {
        let row = insert_grant(conn, story, g, request, renews, at)?;
        changes.push(ConsentChange {
            change: Change::Given,
            grant: row,
            at,
        });
    }
    let withdrawn_ids: Vec<ConsentId> = withdraw.iter().map(|g| g.id.clone()).collect();
    notify_withdrawal(conn, tenant, &story.id, &withdrawn_ids, false)?;
    let receipt = if changes.is_empty() {
        None
    } else {
        on_consent_changed(conn, ctx, &story.author_id, &changes)?
    };
    Ok(ConsentsAnswer {
        grants: live_grants(conn, &tenant.id, &story.id)?
            .iter()
            .map(|g| ConsentView::of(g, at))
            .collect(),
        changed: changes
            .iter()
            .map(|c| ConsentView::of(&c.grant, at))
            .collect(),
        receipt_id: receipt.as_deref().and_then(crate::receipts::service::id_of),
        receipt,
    })
}

/// Sets a story's grants all at once (its author): listed grants already
/// live on the same terms stay; new ones, or new terms for a purpose and
/// audience, are given (the old terms withdrawn); live grants not listed
/// are withdrawn.
pub fn set_consents(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    id: &StoryId,
    update: &ConsentsUpdate,
) -> Result<ConsentsAnswer> {
    let tenant = ctx.tenant;
    write_transaction(conn, |conn| {
        let story = own(conn, &tenant.id, author, id)?;
        let at = now();
        let wanted = check_grants(conn, &tenant.id, &story, &update.grants, at)?;
        let live = live_grants(conn, &tenant.id, id)?;
        let mut give = Vec::new();
        let mut keep = HashSet::new();
        for (g, input) in wanted.iter().zip(&update.grants) {
            let same = live.iter().find(|l| {
                l.purpose() == Some(g.purpose)
                    && l.audience().as_ref() == Some(&g.audience)
                    && l.attribution() == g.attribution
                    && input
                        .expires_at
                        .is_none_or(|e| e.trunc_subsecs(6) == l.expires_at)
            });
            match same {
                Some(l) => {
                    keep.insert(l.id.clone());
                }
                None => give.push(g.clone()),
            }
        }
        let withdraw: Vec<Consent> = live.into_iter().filter(|l| !keep.contains(&l.id)).collect();
        apply(conn, ctx, &story, &give, withdraw, None, None)
    })
}

/// Gives grants (its author) beside those already live; a live grant for
/// the same purpose and audience is replaced by the new terms.
pub fn give(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    id: &StoryId,
    inputs: &[GrantInput],
) -> Result<ConsentsAnswer> {
    let tenant = ctx.tenant;
    write_transaction(conn, |conn| {
        let story = own(conn, &tenant.id, author, id)?;
        let grants = check_grants(conn, &tenant.id, &story, inputs, now())?;
        let replaced: Vec<Consent> = live_grants(conn, &tenant.id, id)?
            .into_iter()
            .filter(|l| {
                grants.iter().any(|g| {
                    l.purpose() == Some(g.purpose) && l.audience().as_ref() == Some(&g.audience)
                })
            })
            .collect();
        apply(conn, ctx, &story, &grants, replaced, None, None)
    })
}

/// One grant of the author's (any status).
pub fn grant_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &User,
    id: &ConsentId,
) -> Result<Consent> {
    story_consents::table
        .find((tenant, id))
        .filter(story_consents::author_id.eq(&author.id))
        .select(Consent::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// Withdraws one grant (its author). Effective on the next request.
pub fn withdraw(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    id: &ConsentId,
) -> Result<ConsentsAnswer> {
    let tenant = ctx.tenant;
    write_transaction(conn, |conn| {
        let grant = grant_of(conn, &tenant.id, author, id)?;
        if grant.status == "withdrawn" {
            return Err(Error::conflict(
                "already_withdrawn",
                Words::of("story-error-already-withdrawn"),
            ));
        }
        let story = find(conn, &tenant.id, &grant.story_id)?.ok_or(Error::NotFound)?;
        apply(conn, ctx, &story, &[], vec![grant], None, None)
    })
}

/// Withdraws every live grant of the author's, on every story (or on one
/// story). Returns how many were withdrawn.
pub fn withdraw_all(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    only: Option<&StoryId>,
) -> Result<usize> {
    withdraw_all_with_receipts(conn, ctx, author, only).map(|(count, _)| count)
}

/// [`withdraw_all`], with the consent receipts it issued (one per story).
pub fn withdraw_all_with_receipts(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    only: Option<&StoryId>,
) -> Result<(usize, Vec<String>)> {
    let tenant = ctx.tenant;
    write_transaction(conn, |conn| {
        let mut query = story_consents::table
            .filter(story_consents::tenant_id.eq(&tenant.id))
            .filter(story_consents::author_id.eq(&author.id))
            .filter(story_consents::status.eq("given"))
            .into_boxed();
        if let Some(story) = only {
            own(conn, &tenant.id, author, story)?;
            query = query.filter(story_consents::story_id.eq(story));
        }
        let given: Vec<Consent> = query
            .order(story_consents::created_at.asc())
            .select(Consent::as_select())
            .load(conn)?;
        let count = given.len();
        let mut by_story: BTreeMap<StoryId, Vec<Consent>> = BTreeMap::new();
        for g in given {
            by_story.entry(g.story_id.clone()).or_default().push(g);
        }
        let mut receipts = Vec::new();
        for (story_id, grants) in by_story {
            let story = find(conn, &tenant.id, &story_id)?.ok_or(Error::NotFound)?;
            receipts.extend(apply(conn, ctx, &story, &[], grants, None, None)?.receipt);
        }
        Ok((count, receipts))
    })
}

/// Every grant of a story (its author), newest first.
pub fn consents_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &User,
    id: &StoryId,
) -> Result<Vec<Consent>> {
    own(conn, tenant, author, id)?;
    Ok(story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::story_id.eq(id))
        .order((story_consents::created_at.desc(), story_consents::id.desc()))
        .select(Consent::as_select())
        .load(conn)?)
}

/// Every grant the author gave, on every story, newest first.
pub fn my_consents(conn: &mut DbConn, tenant: &TenantId, author: &UserId) -> Result<Vec<Consent>> {
    Ok(story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::author_id.eq(author))
        .order((story_consents::created_at.desc(), story_consents::id.desc()))
        .select(Consent::as_select())
        .load(conn)?)
}

/// Erases a story (its author): its key is destroyed first, so its text
/// can never be read again from any copy of the database; then every
/// grant is withdrawn (organisations that used it are emailed), open
/// requests are closed and the row keeps only what the use log needs.
pub fn erase(conn: &mut DbConn, ctx: &Ctx<'_>, author: &User, id: &StoryId) -> Result<()> {
    let (keys, tenant) = (ctx.keys, ctx.tenant);
    let story = own(conn, &tenant.id, author, id)?;
    keys.destroy_child_key(&tenant.id, &Story::key_name(&story.id))?;
    write_transaction(conn, |conn| {
        let at = now();
        let mut given: Vec<Consent> = story_consents::table
            .filter(story_consents::tenant_id.eq(&tenant.id))
            .filter(story_consents::story_id.eq(id))
            .filter(story_consents::status.eq("given"))
            .select(Consent::as_select())
            .load(conn)?;
        mark_withdrawn(conn, &mut given, at)?;
        notify_withdrawal(conn, tenant, id, &[], true)?;
        diesel::update(
            story_consent_requests::table
                .filter(story_consent_requests::tenant_id.eq(&tenant.id))
                .filter(story_consent_requests::story_id.eq(id))
                .filter(story_consent_requests::status.eq("requested")),
        )
        .set((
            story_consent_requests::status.eq("refused"),
            story_consent_requests::decided_at.eq(Some(at)),
        ))
        .execute(conn)?;
        diesel::update(stories::table.find((&tenant.id, id)))
            .set((
                stories::sealed.eq(Vec::<u8>::new()),
                stories::deidentified.eq(None::<Vec<u8>>),
                stories::deidentified_approved_at.eq(None::<NaiveDateTime>),
                stories::erased_at.eq(Some(at)),
                stories::updated_at.eq(at),
            ))
            .execute(conn)?;
        let changes: Vec<ConsentChange> = given
            .into_iter()
            .map(|grant| ConsentChange {
                change: Change::Withdrawn,
                grant,
                at,
            })
            .collect();
        if !changes.is_empty() {
            on_consent_changed(conn, ctx, &author.id, &changes)?;
        }
        audit::service::record(
            conn,
            &tenant.id,
            Event::new(Kind::StoryErased)
                .of(&author.id)
                .detail(serde_json::json!({"story_id": id})),
        )?;
        Ok(())
    })
}

// ---- Reading: the one path to a story's text ----

/// What a reader asks for: a purpose (any, when absent), an action, and
/// the organisation they act for (they must belong to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRequest {
    pub purpose: Option<Purpose>,
    pub action: Action,
    pub organisation: Option<OrganisationId>,
}

impl ReadRequest {
    pub fn view() -> Self {
        Self {
            purpose: None,
            action: Action::View,
            organisation: None,
        }
    }
}

/// What the service knows of a reader: their organisations (or only the
/// one they act for) and boards.
pub(super) fn viewer_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    reader: Option<&User>,
    acting_for: Option<&OrganisationId>,
) -> Result<Viewer> {
    let Some(user) = reader else {
        if acting_for.is_some() {
            return Err(Error::Unauthorized);
        }
        return Ok(Viewer::visitor());
    };
    let mut orgs = organisations::organisation_ids_of(conn, tenant, &user.id)?;
    if let Some(org) = acting_for {
        if !orgs.contains(org) {
            return Err(Error::Forbidden(
                Words::of("story-error-act-for-own-organisation").into(),
            ));
        }
        orgs = vec![org.clone()];
    }
    Ok(Viewer {
        signed_in: true,
        organisations: orgs,
        boards: boards_of(conn, tenant, &user.id)?,
    })
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn rfc3339_micros(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The hash of one use: SHA-256 of a JSON array of its fields in a fixed
/// order, ending with the previous use's hash.
pub fn use_hash(u: &StoryUse) -> String {
    let fields = serde_json::json!([
        u.seq,
        u.id.as_str(),
        u.tenant_id.as_str(),
        u.author_id.as_str(),
        u.story_id.as_str(),
        u.story_version,
        u.grant_id.as_str(),
        u.reader_id,
        u.organisation_id,
        u.purpose,
        u.action,
        u.attribution,
        rfc3339_micros(u.occurred_at),
        u.prev_hash,
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// An author's chain of uses, held until the transaction ends, so that
/// [`log_use`] appends to the end it read: SQLite's write transaction
/// already holds it; PostgreSQL locks the author's account row.
pub(super) struct HeldChain {
    /// The author's display name, read by the same statement (a read
    /// shows it at the grant's attribution): one round trip, not two.
    author_name: String,
}

/// Holds `story`'s author's chain (see [`HeldChain`]); before rendering,
/// which needs the name the lock reads.
pub(super) fn hold_chain(conn: &mut DbConn, story: &Story) -> Result<HeldChain> {
    let author = users::table
        .find((&story.tenant_id, &story.author_id))
        .select(users::display_name);
    let author_name = match conn {
        DbConn::Pg(pg) => author.for_no_key_update().first(pg)?,
        DbConn::Sqlite(lite) => author.first(lite).optional()?.unwrap_or_default(),
    };
    Ok(HeldChain { author_name })
}

/// Appends a use to the author's chain, inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(super) fn log_use(
    conn: &mut DbConn,
    _held: &HeldChain,
    story: &Story,
    grant: &Consent,
    reader: Option<&UserId>,
    organisation: Option<&OrganisationId>,
    action: Action,
    attribution: Attribution,
    at: NaiveDateTime,
) -> Result<StoryUse> {
    let (tenant, author) = (&story.tenant_id, &story.author_id);
    let last: Option<(i64, String)> = crate::db::direct!(conn, |c| story_uses::table
        .filter(story_uses::tenant_id.eq(tenant))
        .filter(story_uses::author_id.eq(author))
        .order(story_uses::seq.desc())
        .select((story_uses::seq, story_uses::hash))
        .first(c)
        .optional())?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let mut row = StoryUse {
        tenant_id: tenant.clone(),
        id: StoryUseId::new(),
        author_id: author.clone(),
        seq,
        story_id: story.id.clone(),
        story_version: story.version,
        grant_id: grant.id.clone(),
        reader_id: reader.map(ToString::to_string),
        organisation_id: organisation.map(ToString::to_string),
        purpose: grant.purpose.clone(),
        action: action.as_str().to_owned(),
        attribution: attribution.as_str().to_owned(),
        occurred_at: at.trunc_subsecs(6),
        prev_hash,
        hash: String::new(),
    };
    row.hash = use_hash(&row);
    execute_prepared(conn, diesel::insert_into(story_uses::table).values(&row))?;
    Ok(row)
}

fn given_grants(conn: &mut DbConn, tenant: &TenantId, story: &StoryId) -> Result<Vec<Consent>> {
    Ok(crate::db::direct!(conn, |c| story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::story_id.eq(story))
        .filter(story_consents::status.eq("given"))
        .select(Consent::as_select())
        .load(c))?)
}

/// Decrypts and renders a story at a grant's attribution.
pub(super) fn render(
    keys: &KeyStore,
    story: &Story,
    grant: &Consent,
    held: &HeldChain,
) -> Result<ReadView> {
    let attribution = grant.attribution();
    let key = key_of(keys, story)?;
    let part = if attribution == Attribution::Anonymous {
        Part::Deidentified
    } else {
        Part::Original
    };
    let text = open(&key, story, part)?.ok_or(Error::NotFound)?;
    let author = attribution.render_name(&held.author_name);
    Ok(ReadView {
        id: story.id.to_string(),
        title: text.title,
        body: text.body,
        author,
        attribution,
        area_id: story.area_id.as_ref().map(ToString::to_string),
        grant_id: grant.id.to_string(),
        purpose: grant.purpose().unwrap_or(Purpose::BoardLearning),
        audience: grant.audience().map(|a| a.to_string()).unwrap_or_default(),
        shared_until: grant.expires_at,
        created_at: story.created_at,
        yours: false,
    })
}

/// A read by someone other than the author: the story, the grant relied on
/// and the use logged.
type Logged = (Story, Consent, StoryUse);

/// Checks consent, renders and logs, inside the caller's transaction.
fn read_in(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    id: &StoryId,
    reader: Option<&User>,
    request: &ReadRequest,
    at: NaiveDateTime,
) -> Result<(Read, Option<Logged>)> {
    read_scoped(conn, keys, tenant, id, reader, request, None, at)
}

/// [`read_in`], relying only on grants to `scope` when one is given (a
/// board's page shows what was shared with that board, at that grant's
/// attribution, and logs that grant).
#[allow(clippy::too_many_arguments)]
fn read_scoped(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    id: &StoryId,
    reader: Option<&User>,
    request: &ReadRequest,
    scope: Option<&Audience>,
    at: NaiveDateTime,
) -> Result<(Read, Option<Logged>)> {
    let story = find(conn, tenant, id)?
        .filter(|s| !s.erased())
        .ok_or(Error::NotFound)?;
    if let Some(user) = reader {
        if user.id == story.author_id && matches!(request.action, Action::View | Action::Download) {
            let view = author_view_of(keys, &story)?;
            return Ok((Read::Author(Box::new(view)), None));
        }
    }
    let viewer = viewer_of(conn, tenant, reader, request.organisation.as_ref())?;
    let mut grants = given_grants(conn, tenant, id)?;
    if let Some(scope) = scope {
        grants.retain(|g| g.audience().as_ref() == Some(scope));
    }
    let ask = Ask {
        purpose: request.purpose,
        action: request.action,
    };
    let Some(grant) = consent::choose(&grants, &viewer, ask, story.deidentified_approved(), at)
    else {
        if request.action == Action::Excerpt {
            let any = Ask {
                purpose: None,
                action: Action::View,
            };
            if consent::choose(&grants, &viewer, any, story.deidentified_approved(), at).is_some() {
                return Err(Error::Refused {
                    code: "consent_required",
                    message: Words::of("story-error-excerpt-consent-required").into(),
                });
            }
        }
        return Err(Error::NotFound);
    };
    let grant = grant.clone();
    let held = hold_chain(conn, &story)?;
    let view = render(keys, &story, &grant, &held)?;
    // The organisation the reader acted for: the one the grant names, or
    // the one they said (and belong to).
    let organisation = match grant.audience() {
        Some(Audience::Organisation(org)) => Some(org),
        _ => request.organisation.clone(),
    };
    let logged = log_use(
        conn,
        &held,
        &story,
        &grant,
        reader.map(|u| &u.id),
        organisation.as_ref(),
        request.action,
        grant.attribution(),
        at,
    )?;
    Ok((Read::Reader(Box::new(view)), Some((story, grant, logged))))
}

/// Reads a story: the only path to its text for anyone but its author.
/// Its author reads it whole (not logged). Anyone else needs a live grant
/// covering them, the purpose and the action now; they get the story at
/// the attribution that grant allows, and the read is written to the
/// author's use log in the same transaction before the text is returned.
/// No covering grant: 404 (an excerpt by someone who may read it but has
/// no `organisation_report` consent: 403 `consent_required`).
pub fn read(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    id: &StoryId,
    reader: Option<&User>,
    request: &ReadRequest,
) -> Result<Read> {
    read_at(conn, keys, tenant, id, reader, request, now())
}

/// [`read`] at a given moment (for tests of expiry).
pub fn read_at(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    id: &StoryId,
    reader: Option<&User>,
    request: &ReadRequest,
    at: NaiveDateTime,
) -> Result<Read> {
    write_transaction(conn, |conn| {
        read_in(conn, keys, tenant, id, reader, request, at).map(|(read, _)| read)
    })
}

/// The public page of a story the author gave to the public for
/// publication. Each showing is logged (action `publish`). Once that
/// consent is withdrawn or ended, or the story erased: 410.
pub fn read_public(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    id: &StoryId,
) -> Result<ReadView> {
    let request = ReadRequest {
        purpose: Some(Purpose::TenantPublication),
        action: Action::Publish,
        organisation: None,
    };
    let result = write_transaction(conn, |conn| {
        read_in(conn, keys, tenant, id, None, &request, now()).map(|(read, _)| read)
    });
    match result {
        Ok(Read::Reader(view)) => Ok(*view),
        Ok(Read::Author(_)) => Err(Error::NotFound),
        Err(Error::NotFound) => {
            let was_public: i64 = story_consents::table
                .filter(story_consents::tenant_id.eq(tenant))
                .filter(story_consents::story_id.eq(id))
                .filter(story_consents::purpose.eq(Purpose::TenantPublication.as_str()))
                .filter(story_consents::audience_kind.eq("public"))
                .count()
                .get_result(conn)?;
            if was_public > 0 {
                Err(Error::Gone {
                    code: "story_withdrawn",
                    message: Words::of("story-error-public-withdrawn").into(),
                })
            } else {
                Err(Error::NotFound)
            }
        }
        Err(e) => Err(e),
    }
}

/// An excerpt for a report: a member of an organisation quotes a passage
/// of a story the author allowed to be quoted in an organisation's report
/// (`organisation_report`, live, covering that organisation). The quote
/// must be in the story as the organisation may read it. Logged
/// (`excerpt`) and audited; refused (403 `consent_required`) without
/// such a grant.
pub fn excerpt(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    reader: &User,
    id: &StoryId,
    ask: &ExcerptRequest,
) -> Result<Excerpt> {
    let mut problems = Problems::default();
    let organisation: Option<OrganisationId> = match ask.organisation_id.trim().parse() {
        Ok(o) => Some(o),
        Err(_) => {
            problems.add(
                "organisation_id",
                "unknown_organisation",
                Words::of("story-error-excerpt-choose-organisation"),
            );
            None
        }
    };
    let quote = ask.quote.trim().to_owned();
    if quote.is_empty() {
        problems.add("quote", "required", Words::of("story-error-quote-required"));
    } else if quote.chars().count() > QUOTE_MAX {
        problems.add(
            "quote",
            "too_long",
            Words::of1("story-error-quote-too-long", "max", QUOTE_MAX),
        );
    }
    problems.into_result()?;
    let organisation = organisation.ok_or(Error::NotFound)?;
    write_transaction(conn, |conn| {
        if organisations::find(conn, tenant, &organisation)?.is_none() {
            return Err(unknown("organisation_id", "organisation"));
        }
        let request = ReadRequest {
            purpose: Some(Purpose::OrganisationReport),
            action: Action::Excerpt,
            organisation: Some(organisation.clone()),
        };
        let at = now();
        let (read, logged) = read_in(conn, keys, tenant, id, Some(reader), &request, at)?;
        let (Read::Reader(view), Some((story, grant, logged))) = (read, logged) else {
            return Err(Error::NotFound);
        };
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let quote = squash(&quote);
        if !squash(&view.body).contains(&quote) && !squash(&view.title).contains(&quote) {
            return Err(Error::field(
                "quote",
                "not_in_story",
                Words::of("story-error-quote-not-in-story"),
            ));
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryExcerpted)
                .by(&reader.id)
                .about(&story.author_id)
                .detail(serde_json::json!({
                    "story_id": story.id,
                    "grant_id": grant.id,
                    "organisation_id": organisation,
                })),
        )?;
        Ok(Excerpt {
            story_id: story.id.to_string(),
            quote,
            grant_id: grant.id.to_string(),
            receipt_id: crate::receipts::service::receipt_for(conn, tenant, &grant.id)?
                .unwrap_or_else(|| grant.id.to_string()),
            attribution: view.attribution,
            credit: match view.attribution {
                Attribution::Anonymous => "A resident, shared with their consent".into(),
                _ => format!("{}, shared with their consent", view.author),
            },
            organisation_id: organisation.to_string(),
            shared_until: grant.expires_at,
            logged_at: logged.occurred_at,
        })
    })
}

/// The stories someone may open now: their own, and those shared with
/// them under a live grant (newest first). Entries carry no text except
/// the titles of their own stories; opening one is a read.
pub fn list(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    viewer_user: &User,
    paging: Paging,
) -> Result<(Vec<StorySummary>, i64)> {
    let at = now();
    let viewer = viewer_of(conn, tenant, Some(viewer_user), None)?;
    let orgs: Vec<String> = viewer
        .organisations
        .iter()
        .map(ToString::to_string)
        .collect();
    let grants: Vec<Consent> = story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::status.eq("given"))
        .filter(story_consents::expires_at.gt(at))
        .filter(
            story_consents::audience_kind
                .eq_any(["public", "tenant"])
                .or(story_consents::audience_kind
                    .eq("organisation")
                    .and(story_consents::audience_id.eq_any(&orgs)))
                .or(story_consents::audience_kind
                    .eq("board")
                    .and(story_consents::audience_id.eq_any(&viewer.boards))),
        )
        .select(Consent::as_select())
        .load(conn)?;
    let mut by_story: BTreeMap<StoryId, Vec<Consent>> = BTreeMap::new();
    for g in grants {
        by_story.entry(g.story_id.clone()).or_default().push(g);
    }
    let own: Vec<StoryId> = stories::table
        .filter(stories::tenant_id.eq(tenant))
        .filter(stories::author_id.eq(&viewer_user.id))
        .filter(stories::erased_at.is_null())
        .select(stories::id)
        .load(conn)?;
    let mut ids: Vec<StoryId> = by_story.keys().cloned().collect();
    ids.extend(own);
    ids.sort();
    ids.dedup();
    let rows: Vec<Story> = stories::table
        .filter(stories::tenant_id.eq(tenant))
        .filter(stories::id.eq_any(&ids))
        .filter(stories::erased_at.is_null())
        .select(Story::as_select())
        .load(conn)?;
    let mut entries: Vec<(Story, Option<Consent>, Vec<Purpose>)> = Vec::new();
    for story in rows {
        if story.author_id == viewer_user.id {
            entries.push((story, None, Vec::new()));
            continue;
        }
        let grants = by_story.remove(&story.id).unwrap_or_default();
        let ask = Ask {
            purpose: None,
            action: Action::View,
        };
        let Some(best) = consent::choose(&grants, &viewer, ask, story.deidentified_approved(), at)
        else {
            continue;
        };
        let best = best.clone();
        let mut purposes: Vec<Purpose> = Purpose::ALL
            .into_iter()
            .filter(|p| {
                let ask = Ask {
                    purpose: Some(*p),
                    action: Action::View,
                };
                consent::choose(&grants, &viewer, ask, story.deidentified_approved(), at).is_some()
            })
            .collect();
        purposes.dedup();
        entries.push((story, Some(best), purposes));
    }
    entries.sort_by(|a, b| (b.0.created_at, &b.0.id).cmp(&(a.0.created_at, &a.0.id)));
    let total = i64::try_from(entries.len()).unwrap_or(i64::MAX);
    let page = entries
        .into_iter()
        .skip(usize::try_from(paging.offset()).unwrap_or(0))
        .take(usize::try_from(paging.limit()).unwrap_or(0));
    let mut items = Vec::new();
    for (story, grant, purposes) in page {
        items.push(match grant {
            None => {
                let key = key_of(keys, &story)?;
                let text = open(&key, &story, Part::Original)?.ok_or(Error::NotFound)?;
                StorySummary {
                    id: story.id.to_string(),
                    yours: true,
                    title: Some(text.title),
                    author: viewer_user.display_name.clone(),
                    area_id: story.area_id.as_ref().map(ToString::to_string),
                    purposes,
                    shared_until: None,
                    created_at: story.created_at,
                }
            }
            Some(g) => {
                let name = match g.attribution() {
                    Attribution::Anonymous => "Anonymous".to_owned(),
                    a => a.render_name(
                        &accounts::find_user(conn, tenant, &story.author_id)?
                            .map(|u| u.display_name)
                            .unwrap_or_default(),
                    ),
                };
                StorySummary {
                    id: story.id.to_string(),
                    yours: false,
                    title: None,
                    author: name,
                    area_id: story.area_id.as_ref().map(ToString::to_string),
                    purposes,
                    shared_until: Some(g.expires_at),
                    created_at: story.created_at,
                }
            }
        });
    }
    Ok((items, total))
}

/// The stories shared with a board now: a live grant to `board:<id>`
/// that covers `viewer`. Summaries only (no text); [`board_stories`]
/// reads them for the board's page.
pub fn shared_with_board(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    board: &str,
    viewer: &User,
) -> Result<Vec<StorySummary>> {
    let (all, _) = list(
        conn,
        keys,
        tenant,
        viewer,
        Paging {
            page: 1,
            per_page: 1_000_000,
        },
    )?;
    let on_board: HashSet<StoryId> = story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::audience_kind.eq("board"))
        .filter(story_consents::audience_id.eq(board))
        .filter(story_consents::status.eq("given"))
        .filter(story_consents::expires_at.gt(now()))
        .select(story_consents::story_id)
        .load::<StoryId>(conn)?
        .into_iter()
        .collect();
    Ok(all
        .into_iter()
        .filter(|s| !s.yours && s.id.parse().is_ok_and(|id: StoryId| on_board.contains(&id)))
        .collect())
}

/// The stories shared with a board, as its page shows them to `viewer`:
/// each one read through the one reading path, relying only on its grant
/// to that board (so at the attribution given to the board), and logged
/// in its author's use log before its text is returned. Someone not on
/// the board gets nothing.
pub fn board_stories(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    board: &str,
    viewer: &User,
) -> Result<Vec<ReadView>> {
    if !boards_of(conn, tenant, &viewer.id)?
        .iter()
        .any(|b| b == board)
    {
        return Ok(Vec::new());
    }
    let shared = shared_with_board(conn, keys, tenant, board, viewer)?;
    let scope = Audience::Board(board.to_owned());
    write_transaction(conn, |conn| {
        let at = now();
        let mut out = Vec::with_capacity(shared.len());
        for s in shared {
            let Ok(id) = s.id.parse::<StoryId>() else {
                continue;
            };
            match read_scoped(
                conn,
                keys,
                tenant,
                &id,
                Some(viewer),
                &ReadRequest::view(),
                Some(&scope),
                at,
            ) {
                Ok((Read::Reader(view), _)) => out.push(*view),
                Ok((Read::Author(_), _)) | Err(Error::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    })
}

// ---- The use log ----

fn use_view(
    conn: &mut DbConn,
    names: &mut Names<'_>,
    titles: &HashMap<StoryId, Option<String>>,
    u: StoryUse,
) -> Result<UseView> {
    Ok(UseView {
        reader: names.person(conn, u.reader_id.as_deref())?,
        organisation: names.organisation(conn, u.organisation_id.as_deref())?,
        id: u.id.to_string(),
        seq: u.seq,
        story_title: titles.get(&u.story_id).cloned().flatten(),
        story_id: u.story_id.to_string(),
        grant_id: u.grant_id.to_string(),
        reader_id: u.reader_id,
        organisation_id: u.organisation_id,
        purpose: u.purpose,
        action: u.action,
        attribution: u.attribution,
        occurred_at: u.occurred_at,
        hash: u.hash,
    })
}

/// Titles of the author's stories (none for erased ones), for the use log.
fn titles(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &UserId,
) -> Result<HashMap<StoryId, Option<String>>> {
    let rows: Vec<Story> = stories::table
        .filter(stories::tenant_id.eq(tenant))
        .filter(stories::author_id.eq(author))
        .select(Story::as_select())
        .load(conn)?;
    let mut out = HashMap::new();
    for s in rows {
        let title = if s.erased() {
            None
        } else {
            let key = key_of(keys, &s)?;
            open(&key, &s, Part::Original)?.map(|t| t.title)
        };
        out.insert(s.id, title);
    }
    Ok(out)
}

/// Every use of the author's stories, newest first, a page at a time.
pub fn uses_of(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    author: &UserId,
    paging: Paging,
) -> Result<(Vec<UseView>, i64)> {
    let of_author = || {
        story_uses::table
            .filter(story_uses::tenant_id.eq(tenant))
            .filter(story_uses::author_id.eq(author))
    };
    let total: i64 = of_author().count().get_result(conn)?;
    let rows: Vec<StoryUse> = of_author()
        .order(story_uses::seq.desc())
        .offset(paging.offset())
        .limit(paging.limit())
        .select(StoryUse::as_select())
        .load(conn)?;
    let titles = titles(conn, keys, tenant, author)?;
    let mut names = Names::new(tenant);
    let items = rows
        .into_iter()
        .map(|u| use_view(conn, &mut names, &titles, u))
        .collect::<Result<_>>()?;
    Ok((items, total))
}

/// Walks the author's use log in order and names the first use that does
/// not fit: an edited row (its hash), a removed one (a gap in `seq`) or a
/// replaced one (its link to the one before).
pub fn verify_chain(conn: &mut DbConn, tenant: &TenantId, author: &UserId) -> Result<ChainCheck> {
    let rows: Vec<StoryUse> = story_uses::table
        .filter(story_uses::tenant_id.eq(tenant))
        .filter(story_uses::author_id.eq(author))
        .order(story_uses::seq.asc())
        .select(StoryUse::as_select())
        .load(conn)?;
    let mut prev = GENESIS.to_owned();
    for (i, u) in rows.iter().enumerate() {
        let expected = i64::try_from(i).unwrap_or(i64::MAX) + 1;
        let problem = if u.seq != expected {
            Some(format!("use #{expected} is missing (removed)"))
        } else if u.prev_hash != prev {
            Some("its link to the use before does not match (a use was removed or replaced)".into())
        } else if use_hash(u) != u.hash {
            Some("its contents do not match its hash (the row was edited)".into())
        } else {
            None
        };
        if let Some(problem) = problem {
            return Ok(ChainCheck {
                valid: false,
                uses: i64::try_from(rows.len()).unwrap_or(i64::MAX),
                broken_at: Some(u.seq),
                problem: Some(problem),
            });
        }
        prev = u.hash.clone();
    }
    Ok(ChainCheck {
        valid: true,
        uses: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        broken_at: None,
        problem: None,
    })
}

// ---- Consent requests ----

fn request_view(
    conn: &mut DbConn,
    names: &mut Names<'_>,
    r: &ConsentRequest,
    at: NaiveDateTime,
) -> Result<RequestView> {
    let status = match r.status.as_str() {
        "given" => ConsentStatus::Given,
        "refused" => ConsentStatus::Refused,
        _ => ConsentStatus::Requested,
    };
    let grants: Vec<Consent> = story_consents::table
        .filter(story_consents::tenant_id.eq(&r.tenant_id))
        .filter(story_consents::request_id.eq(&r.id))
        .select(Consent::as_select())
        .load(conn)?;
    Ok(RequestView {
        id: r.id.to_string(),
        story_id: r.story_id.to_string(),
        requester: match &r.requester_id {
            Some(id) => Some(names.person(conn, Some(id.as_str()))?),
            None => None,
        },
        organisation_id: r.organisation_id.as_ref().map(ToString::to_string),
        organisation: names.organisation(conn, r.organisation_id.as_ref().map(|o| o.as_str()))?,
        board_id: r.board_id.clone(),
        purposes: r.purposes(),
        audience: r
            .audience()
            .map(|a| a.to_string())
            .unwrap_or_else(|| r.audience_kind.clone()),
        attribution: r.attribution(),
        duration_months: r.duration_months,
        message: r.message.clone(),
        status,
        dpv_status: status.dpv().to_owned(),
        created_at: r.created_at,
        decided_at: r.decided_at,
        grants: grants.iter().map(|g| ConsentView::of(g, at)).collect(),
        receipt: None,
        receipt_id: None,
    })
}

/// Asks a story's author for consent: a member of an organisation (for
/// it) or a board's facilitator (for the board), who can already read the
/// story under some live grant (otherwise 404: its existence is not
/// revealed). The author is emailed.
pub fn request(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    requester: &User,
    id: &StoryId,
    new: &NewConsentRequest,
) -> Result<RequestView> {
    authz::require(requester, Permission::Participate)?;
    let mut problems = Problems::default();
    let mut raw: Vec<String> = new.purposes.clone().unwrap_or_default();
    if let Some(p) = &new.purpose {
        raw.push(p.clone());
    }
    let mut purposes = Vec::new();
    if raw.is_empty() {
        problems.add(
            "purpose",
            "required",
            Words::of("story-error-request-purpose-required"),
        );
    }
    for p in &raw {
        match Purpose::parse(p) {
            Some(p) if !purposes.contains(&p) => purposes.push(p),
            Some(_) => {}
            None => problems.add(
                "purpose",
                "unknown_purpose",
                Words::of("story-error-request-purpose-unknown"),
            ),
        }
    }
    let audience = Audience::parse(&new.audience);
    if audience.is_none() {
        problems.add(
            "audience",
            "unknown_audience",
            Words::of("story-error-request-audience-unknown"),
        );
    }
    let attribution = match new.attribution.as_deref().map(str::trim) {
        None | Some("") => Some(Attribution::Anonymous),
        Some(raw) => Attribution::parse(raw),
    };
    if attribution.is_none() {
        problems.add(
            "attribution",
            "unknown_attribution",
            Words::of("story-error-attribution-unknown"),
        );
    }
    let months = new.duration_months.unwrap_or(DEFAULT_MONTHS);
    if !(1..=MAX_MONTHS).contains(&months) {
        problems.add(
            "duration_months",
            "too_long",
            Words::of1("story-error-request-months", "max", i64::from(MAX_MONTHS)),
        );
    }
    let message = new.message.trim().to_owned();
    if message.is_empty() {
        problems.add(
            "message",
            "required",
            Words::of("story-error-request-message-required"),
        );
    } else if message.chars().count() > MESSAGE_MAX {
        problems.add(
            "message",
            "too_long",
            Words::of1("story-error-request-message-too-long", "max", MESSAGE_MAX),
        );
    }
    let organisation: Option<OrganisationId> = match given(new.organisation_id.as_deref()) {
        None => None,
        Some(raw) => match raw.parse() {
            Ok(o) => Some(o),
            Err(_) => {
                problems.add(
                    "organisation_id",
                    "unknown_organisation",
                    Words::of("story-error-no-such-organisation"),
                );
                None
            }
        },
    };
    let board = given(new.board_id.as_deref()).map(str::to_owned);
    if organisation.is_none() && board.is_none() {
        problems.add(
            "organisation_id",
            "required",
            Words::of("story-error-request-for-required"),
        );
    }
    problems.into_result()?;
    let (Some(audience), Some(attribution)) = (audience, attribution) else {
        return Err(Error::NotFound);
    };
    write_transaction(conn, |conn| {
        let story = find(conn, &tenant.id, id)?
            .filter(|s| !s.erased())
            .ok_or(Error::NotFound)?;
        // Only someone the story is already shared with may ask.
        let viewer = viewer_of(conn, &tenant.id, Some(requester), None)?;
        let grants = given_grants(conn, &tenant.id, id)?;
        let any = Ask {
            purpose: None,
            action: Action::View,
        };
        if story.author_id == requester.id
            || consent::choose(&grants, &viewer, any, story.deidentified_approved(), now())
                .is_none()
        {
            return Err(Error::NotFound);
        }
        let who = if let Some(org) = &organisation {
            let found = organisations::find(conn, &tenant.id, org)?
                .ok_or_else(|| unknown("organisation_id", "organisation"))?;
            if organisations::membership(conn, &tenant.id, org, &requester.id)?.is_none() {
                return Err(Error::Forbidden(
                    Words::of("story-error-request-own-organisation").into(),
                ));
            }
            format!("{} of {}", requester.display_name, found.name)
        } else {
            let b = board.clone().unwrap_or_default();
            if !board_exists(conn, &tenant.id, &b)? {
                return Err(unknown("board_id", "board"));
            }
            if !board_facilitator(conn, &tenant.id, &b, &requester.id)? {
                return Err(Error::Forbidden(
                    Words::of("story-error-request-board-facilitators").into(),
                ));
            }
            format!("{}, for a co-design board", requester.display_name)
        };
        check_audience(conn, &tenant.id, &requester.id, &audience, "audience")?;
        let row = ConsentRequest {
            tenant_id: tenant.id.clone(),
            id: ConsentRequestId::new(),
            story_id: story.id.clone(),
            author_id: story.author_id.clone(),
            requester_id: Some(requester.id.clone()),
            organisation_id: organisation.clone(),
            board_id: board.clone(),
            purposes: serde_json::to_string(
                &purposes.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            )
            .map_err(|e| Error::Internal(e.to_string()))?,
            audience_kind: audience.kind().to_owned(),
            audience_id: audience.id(),
            attribution: attribution.as_str().to_owned(),
            duration_months: i32::try_from(months).unwrap_or(12),
            message: message.clone(),
            status: "requested".into(),
            created_at: now(),
            decided_at: None,
        };
        diesel::insert_into(story_consent_requests::table)
            .values(&row)
            .execute(conn)?;
        audit::service::record(
            conn,
            &tenant.id,
            Event::new(Kind::ConsentRequested)
                .by(&requester.id)
                .about(&story.author_id)
                .detail(serde_json::json!({"story_id": story.id, "request_id": row.id})),
        )?;
        if let Some(author) = accounts::find_user(conn, &tenant.id, &story.author_id)? {
            let lang = author.language(tenant);
            let lines = purposes
                .iter()
                .map(|p| {
                    lang.t_args(
                        "email-story-request-line",
                        &[
                            ("title", &p.title_in(lang)),
                            ("meaning", &p.meaning_in(lang)),
                            ("audience", &audience_words_in(&audience, lang)),
                            ("attribution", &attribution.describe_in(lang)),
                            ("months", &months),
                        ],
                    )
                })
                .collect();
            let msg = emails::request_received(
                tenant, base_url, &author, &who, &story.id, lines, &message,
            )?;
            crate::mail::queue(conn, &tenant.id, msg)?;
        }
        let mut names = Names::new(&tenant.id);
        request_view(conn, &mut names, &row, now())
    })
}

/// An audience in plain words (without names), in a person's language.
pub fn audience_words_in(a: &Audience, lang: crate::i18n::Language) -> String {
    match a {
        Audience::Board(_) => lang.t("email-story-audience-board"),
        Audience::Organisation(_) => lang.t("email-story-audience-organisation"),
        Audience::Tenant => lang.t("email-story-audience-tenant"),
        Audience::Public => lang.t("email-story-audience-public"),
    }
}

/// Requests to use the author's stories (open ones first, then newest).
pub fn requests_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &UserId,
) -> Result<Vec<RequestView>> {
    let rows: Vec<ConsentRequest> = story_consent_requests::table
        .filter(story_consent_requests::tenant_id.eq(tenant))
        .filter(story_consent_requests::author_id.eq(author))
        .order((
            story_consent_requests::decided_at.is_not_null(),
            story_consent_requests::created_at.desc(),
        ))
        .select(ConsentRequest::as_select())
        .load(conn)?;
    let mut names = Names::new(tenant);
    let at = now();
    rows.iter()
        .map(|r| request_view(conn, &mut names, r, at))
        .collect()
}

/// Requests a person made.
pub fn requests_by(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<Vec<RequestView>> {
    let rows: Vec<ConsentRequest> = story_consent_requests::table
        .filter(story_consent_requests::tenant_id.eq(tenant))
        .filter(story_consent_requests::requester_id.eq(person))
        .order(story_consent_requests::created_at.desc())
        .select(ConsentRequest::as_select())
        .load(conn)?;
    let mut names = Names::new(tenant);
    let at = now();
    rows.iter()
        .map(|r| request_view(conn, &mut names, r, at))
        .collect()
}

/// The author answers a request: grant all, or part (some purposes, a
/// less identifying attribution, a shorter time), or decline. Grants
/// record the request; the requester is emailed either way.
pub fn decide(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    id: &ConsentRequestId,
    decision: &Decision,
) -> Result<RequestView> {
    let (tenant, base_url) = (ctx.tenant, ctx.base_url);
    write_transaction(conn, |conn| {
        let r: ConsentRequest = story_consent_requests::table
            .find((&tenant.id, id))
            .filter(story_consent_requests::author_id.eq(&author.id))
            .select(ConsentRequest::as_select())
            .first(conn)
            .optional()?
            .ok_or(Error::NotFound)?;
        if r.status != "requested" {
            return Err(Error::conflict(
                "already_decided",
                Words::of("story-error-request-answered"),
            ));
        }
        let story = own(conn, &tenant.id, author, &r.story_id)?;
        let at = now();
        let asked_purposes = r.purposes();
        let mut given = Vec::new();
        let mut receipt = None;
        let status = match decision.decision.trim() {
            "decline" => "refused",
            "grant" => {
                let mut problems = Problems::default();
                let attribution = match decision.attribution.as_deref().map(str::trim) {
                    None | Some("") => Some(r.attribution()),
                    Some(raw) => Attribution::parse(raw),
                };
                match attribution {
                    None => problems.add(
                        "attribution",
                        "unknown_attribution",
                        Words::of("story-error-attribution-unknown"),
                    ),
                    Some(a) if a > r.attribution() => problems.add(
                        "attribution",
                        "more_than_asked",
                        Words::of("story-error-decide-attribution-more"),
                    ),
                    _ => {}
                }
                let asked = u32::try_from(r.duration_months).unwrap_or(DEFAULT_MONTHS);
                let longest = months_from(at, asked);
                let until = decision.expires_at.unwrap_or(longest);
                if until <= at {
                    problems.add(
                        "expires_at",
                        "in_the_past",
                        Words::of("story-error-end-in-past"),
                    );
                } else if until > longest + Duration::days(1) {
                    problems.add(
                        "expires_at",
                        "more_than_asked",
                        Words::of("story-error-decide-longer"),
                    );
                }
                let chosen: Vec<Purpose> = match &decision.purposes {
                    None => asked_purposes.clone(),
                    Some(list) => {
                        let mut out = Vec::new();
                        for raw in list {
                            match Purpose::parse(raw) {
                                Some(p) if asked_purposes.contains(&p) => out.push(p),
                                _ => problems.add(
                                    "purposes",
                                    "not_asked",
                                    Words::of("story-error-decide-purpose-not-asked"),
                                ),
                            }
                        }
                        out
                    }
                };
                if chosen.is_empty() {
                    problems.add(
                        "purposes",
                        "required",
                        Words::of("story-error-decide-purpose-required"),
                    );
                }
                problems.into_result()?;
                let attribution = attribution.unwrap_or(Attribution::Anonymous);
                let audience = r.audience().ok_or(Error::NotFound)?;
                let inputs: Vec<GrantInput> = chosen
                    .iter()
                    .map(|p| GrantInput {
                        purpose: p.as_str().into(),
                        audience: audience.to_string(),
                        attribution: attribution.as_str().into(),
                        expires_at: Some(until),
                    })
                    .collect();
                let grants = check_grants(conn, &tenant.id, &story, &inputs, at)?;
                let replaced: Vec<Consent> = live_grants(conn, &tenant.id, &story.id)?
                    .into_iter()
                    .filter(|l| {
                        grants.iter().any(|g| {
                            l.purpose() == Some(g.purpose)
                                && l.audience().as_ref() == Some(&g.audience)
                        })
                    })
                    .collect();
                let answer = apply(conn, ctx, &story, &grants, replaced, Some(&r.id), None)?;
                receipt = answer.receipt.zip(answer.receipt_id);
                given = grants
                    .iter()
                    .map(|g| (g.purpose, g.attribution, g.expires_at))
                    .collect();
                "given"
            }
            _ => {
                return Err(Error::field(
                    "decision",
                    "invalid",
                    Words::of("story-error-decide-invalid"),
                ));
            }
        };
        diesel::update(story_consent_requests::table.find((&tenant.id, id)))
            .set((
                story_consent_requests::status.eq(status),
                story_consent_requests::decided_at.eq(Some(at)),
            ))
            .execute(conn)?;
        audit::service::record(
            conn,
            &tenant.id,
            Event::new(Kind::ConsentRequestDecided)
                .of(&author.id)
                .detail(serde_json::json!({"request_id": id, "decision": status})),
        )?;
        if let Some(requester) = &r.requester_id {
            if let Some(to) = accounts::find_user(conn, &tenant.id, requester)? {
                let lang = to.language(tenant);
                let given_lines = given
                    .iter()
                    .map(|(purpose, attribution, until)| {
                        lang.t_args(
                            "email-story-given-line",
                            &[
                                ("title", &purpose.title_in(lang)),
                                ("attribution", &attribution.describe_theirs_in(lang)),
                                ("until", &lang.date(until)),
                            ],
                        )
                    })
                    .collect();
                let msg = emails::request_answered(tenant, base_url, &to, &story.id, given_lines)?;
                crate::mail::queue(conn, &tenant.id, msg)?;
            }
        }
        let row: ConsentRequest = story_consent_requests::table
            .find((&tenant.id, id))
            .select(ConsentRequest::as_select())
            .first(conn)?;
        let mut names = Names::new(&tenant.id);
        let mut view = request_view(conn, &mut names, &row, at)?;
        if let Some((token, id)) = receipt {
            view.receipt = Some(token);
            view.receipt_id = Some(id);
        }
        Ok(view)
    })
}

/// Renews a grant (its author): a new grant on the same terms for up to
/// 24 months from now, recording the one it renews; the old one is
/// withdrawn if still live.
pub fn renew(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    author: &User,
    id: &ConsentId,
    months: u32,
) -> Result<ConsentsAnswer> {
    let tenant = ctx.tenant;
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(Error::field(
            "months",
            "too_long",
            Words::of1("story-error-renew-months", "max", i64::from(MAX_MONTHS)),
        ));
    }
    write_transaction(conn, |conn| {
        let old = grant_of(conn, &tenant.id, author, id)?;
        let story = own(conn, &tenant.id, author, &old.story_id)?;
        let at = now();
        let input = GrantInput {
            purpose: old.purpose.clone(),
            audience: old.audience().map(|a| a.to_string()).unwrap_or_default(),
            attribution: old.attribution.clone(),
            expires_at: Some(months_from(at, months)),
        };
        let grants = check_grants(conn, &tenant.id, &story, &[input], at)?;
        let replaced: Vec<Consent> = if old.live_at(at) {
            vec![old.clone()]
        } else {
            Vec::new()
        };
        apply(conn, ctx, &story, &grants, replaced, None, Some(&old.id))
    })
}

/// Sends the "ends in 30 days" reminders that are due, one email per
/// author, marking each grant reminded (so each is reminded once). Links
/// point at each place's first hostname. For the worker; returns how many
/// emails were queued.
pub fn send_reminders(conn: &mut DbConn, insecure_http: bool, port: Option<u16>) -> Result<usize> {
    send_reminders_at(conn, insecure_http, port, now())
}

/// [`send_reminders`] as if it were `at` (for tests).
pub fn send_reminders_at(
    conn: &mut DbConn,
    insecure_http: bool,
    port: Option<u16>,
    at: NaiveDateTime,
) -> Result<usize> {
    let due: Vec<Consent> = story_consents::table
        .filter(story_consents::status.eq("given"))
        .filter(story_consents::reminded_at.is_null())
        .filter(story_consents::expires_at.gt(at))
        .filter(story_consents::expires_at.le(at + Duration::days(REMINDER_DAYS)))
        .order((story_consents::tenant_id, story_consents::author_id))
        .select(Consent::as_select())
        .load(conn)?;
    if due.is_empty() {
        return Ok(0);
    }
    let places: HashMap<TenantId, (Tenant, String)> = crate::tenancy::service::list(conn)?
        .into_iter()
        .map(|(t, hosts)| {
            let base = hosts
                .first()
                .and_then(|h| crate::tenancy::Hostname::parse(h).ok())
                // Loopback hosts are a development server on its own port.
                .map(|h| {
                    let port = port.filter(|_| h.is_loopback());
                    h.base_url(insecure_http, port)
                })
                .unwrap_or_default();
            (t.id.clone(), (t, base))
        })
        .collect();
    let mut by_author: BTreeMap<(TenantId, UserId), Vec<Consent>> = BTreeMap::new();
    for g in due {
        by_author
            .entry((g.tenant_id.clone(), g.author_id.clone()))
            .or_default()
            .push(g);
    }
    let mut sent = 0;
    for ((tenant_id, author_id), grants) in by_author {
        let Some((tenant, base_url)) = places.get(&tenant_id) else {
            continue;
        };
        write_transaction(conn, |conn| {
            // Another worker may have reminded them meanwhile: only the
            // grants this one marks are its to remind.
            let mut grants = grants.clone();
            let mut mine = Vec::new();
            for g in grants.drain(..) {
                let marked = diesel::update(
                    story_consents::table
                        .find((&g.tenant_id, &g.id))
                        .filter(story_consents::reminded_at.is_null()),
                )
                .set(story_consents::reminded_at.eq(Some(at)))
                .execute(conn)?;
                if marked == 1 {
                    mine.push(g);
                }
            }
            let grants = mine;
            if grants.is_empty() {
                return Ok(());
            }
            if let Some(author) = accounts::find_user(conn, &tenant_id, &author_id)? {
                let lang = author.language(tenant);
                let lines = grants
                    .iter()
                    .map(|g| {
                        lang.t_args(
                            "email-story-expiring-line",
                            &[
                                ("title", &purpose_title_in(&g.purpose, lang)),
                                ("reference", &emails::reference(&g.story_id)),
                                ("until", &lang.date(&g.expires_at)),
                            ],
                        )
                    })
                    .collect();
                let msg = emails::expiring(tenant, base_url, &author, lines)?;
                crate::mail::queue(conn, &tenant_id, msg)?;
                sent += 1;
            }
            Ok::<_, Error>(())
        })?;
    }
    Ok(sent)
}

// ---- A person's data ----

/// Everything about a person's stories, for their export: their stories
/// decrypted (they are the author), every consent, every use, requests
/// about their stories and those they made, and uses they made of others'
/// stories (ids only).
pub fn personal_data(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    let rows: Vec<Story> = stories::table
        .filter(stories::tenant_id.eq(tenant))
        .filter(stories::author_id.eq(person))
        .order((stories::created_at.asc(), stories::id.asc()))
        .select(Story::as_select())
        .load(conn)?;
    let mut stories_out = Vec::with_capacity(rows.len());
    for s in rows {
        let (text, deid) = if s.erased() {
            (None, None)
        } else {
            let key = key_of(keys, &s)?;
            (
                open(&key, &s, Part::Original)?,
                open(&key, &s, Part::Deidentified)?,
            )
        };
        stories_out.push(StoryData {
            id: s.id.to_string(),
            title: text.as_ref().map(|t| t.title.clone()),
            body: text.map(|t| t.body),
            deidentified_approved: s.deidentified_approved(),
            deidentified: deid,
            area_id: s.area_id.as_ref().map(ToString::to_string),
            board_id: s.board_id.clone(),
            special_category: s.special_category,
            version: s.version,
            created_at: s.created_at,
            updated_at: s.updated_at,
            erased_at: s.erased_at,
        });
    }
    let at = now();
    let consents = my_consents(conn, tenant, person)?
        .iter()
        .map(|c| ConsentView::of(c, at))
        .collect();
    let (uses, _) = uses_of(
        conn,
        keys,
        tenant,
        person,
        Paging {
            page: 1,
            per_page: u32::MAX / 2,
        },
    )?;
    let mut requests = requests_for(conn, tenant, person)?;
    requests.extend(requests_by(conn, tenant, person)?);
    let uses_made = story_uses::table
        .filter(story_uses::tenant_id.eq(tenant))
        .filter(story_uses::reader_id.eq(person.as_str()))
        .order(story_uses::occurred_at.asc())
        .select(StoryUse::as_select())
        .load::<StoryUse>(conn)?
        .into_iter()
        .map(|u| UseMadeData {
            story_id: u.story_id.to_string(),
            organisation_id: u.organisation_id,
            purpose: u.purpose,
            action: u.action,
            occurred_at: u.occurred_at,
        })
        .collect();
    let mut assisted = super::assisted::mine(conn, tenant, person)?;
    assisted.extend(super::assisted::helped_by(conn, tenant, person)?);
    Ok(PersonalData {
        stories: stories_out,
        consents,
        uses,
        requests,
        uses_made,
        receipts: crate::receipts::service::mine(conn, tenant, person)?,
        exports_made: super::export::exports_by(conn, tenant, person)?,
        assisted,
    })
}

/// What erasure does with a person's stories, inside the caller's
/// transaction (their data key, which wraps every story key, is destroyed
/// by the caller): their stories, consents, use logs and the requests
/// about them go; requests they made lose their name. Uses they made of
/// others' stories stay in those authors' logs (the authors' record).
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    crate::receipts::service::erase_person(conn, tenant, person)?;
    super::export::erase_person(conn, tenant, person)?;
    super::assisted::erase_person(conn, tenant, person)?;
    diesel::delete(
        story_uses::table
            .filter(story_uses::tenant_id.eq(tenant))
            .filter(story_uses::author_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        story_consent_requests::table
            .filter(story_consent_requests::tenant_id.eq(tenant))
            .filter(story_consent_requests::author_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        story_consent_requests::table
            .filter(story_consent_requests::tenant_id.eq(tenant))
            .filter(story_consent_requests::requester_id.eq(person)),
    )
    .set(story_consent_requests::requester_id.eq(None::<UserId>))
    .execute(conn)?;
    // Renewals point at the grants they renewed: clear those links first.
    diesel::update(
        story_consents::table
            .filter(story_consents::tenant_id.eq(tenant))
            .filter(story_consents::author_id.eq(person)),
    )
    .set(story_consents::renews_id.eq(None::<ConsentId>))
    .execute(conn)?;
    diesel::delete(
        story_consents::table
            .filter(story_consents::tenant_id.eq(tenant))
            .filter(story_consents::author_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        stories::table
            .filter(stories::tenant_id.eq(tenant))
            .filter(stories::author_id.eq(person)),
    )
    .execute(conn)?;
    Ok(())
}

/// An area is going: stories in it move to the area around it (or to
/// none), inside the caller's transaction.
pub fn area_removed(
    conn: &mut DbConn,
    tenant: &TenantId,
    area: &AreaId,
    parent: Option<&AreaId>,
) -> Result<()> {
    diesel::update(
        stories::table
            .filter(stories::tenant_id.eq(tenant))
            .filter(stories::area_id.eq(area)),
    )
    .set(stories::area_id.eq(parent))
    .execute(conn)?;
    Ok(())
}

/// The people who shared a story, under consent that is live now, with
/// any of these boards (`board:<id>` audiences): when a proposal those
/// boards work on moves, they hear what came of it. Only who, never what
/// the story says.
pub fn storytellers_for_boards(
    conn: &mut DbConn,
    tenant: &TenantId,
    boards: &[String],
) -> Result<Vec<UserId>> {
    if boards.is_empty() {
        return Ok(Vec::new());
    }
    let mut people: Vec<UserId> = story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::audience_kind.eq("board"))
        .filter(story_consents::audience_id.eq_any(boards))
        .filter(story_consents::status.eq("given"))
        .filter(story_consents::expires_at.gt(now()))
        .select(story_consents::author_id)
        .distinct()
        .load(conn)?;
    people.sort();
    Ok(people)
}
