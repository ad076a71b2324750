//! Consent-respecting exports: the stories shared with an organisation (for
//! its members) or with a board (for its facilitators), as CSV.
//!
//! An export is a read of every story in it, under the same rule as
//! [`super::service::read`]: at the moment of export, each story needs a
//! live grant to that organisation or board that covers the person
//! exporting ([`super::consent::choose`], action `download`); it is
//! rendered at that grant's attribution and written to its author's use
//! log in the same transaction, before anything is returned. Withdrawn and
//! expired grants are left out. Each export is recorded with the grants it
//! relied on, so what was handed over, and on whose consent, can be shown
//! later. No other export of the platform holds other people's stories:
//! open data has none, and "Your data" holds only the person's own.

use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::consent::{self, Ask};
use super::model::*;
use super::service::{self, hold_chain, log_use, now, render, viewer_of};
use crate::accounts::User;
use crate::db::ids::{OrganisationId, StoryId, TenantId};
use crate::db::schema::{stories, story_consents, story_exports};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ApiUser, ProtectedForm, SignedIn};
use crate::http::render::{self as pages, Chrome};
use crate::keys::KeyStore;
use crate::organisations::service as organisations;
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

/// One story in an export, at the attribution its grant allows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportRow {
    pub story_id: String,
    pub title: String,
    pub body: String,
    /// How the author is credited.
    pub author: String,
    pub attribution: Attribution,
    pub purpose: Purpose,
    pub shared_until: NaiveDateTime,
    pub grant_id: String,
}

/// An export as taken: its rows and the grants they relied on.
#[derive(Debug, Clone)]
pub struct StoryExport {
    pub id: String,
    pub rows: Vec<ExportRow>,
    pub grant_ids: Vec<String>,
    pub created_at: NaiveDateTime,
}

/// The record of an export (no story text).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportRecord {
    pub id: String,
    /// Who took it (absent once they left).
    pub exporter_id: Option<String>,
    /// `organisation:<id>` or `board:<id>`.
    pub audience: String,
    pub stories: i32,
    /// The grants the export relied on, each live at that moment.
    pub grant_ids: Vec<String>,
    pub created_at: NaiveDateTime,
}

/// Who may export for an audience: a member of the organisation, or a
/// facilitator of the board. Others: 404 when the organisation or board
/// is unknown here, else 403.
fn may_export(
    conn: &mut DbConn,
    tenant: &TenantId,
    who: &User,
    audience: &Audience,
) -> Result<Option<OrganisationId>> {
    match audience {
        Audience::Organisation(org) => {
            if organisations::find(conn, tenant, org)?.is_none() {
                return Err(Error::NotFound);
            }
            if organisations::membership(conn, tenant, org, &who.id)?.is_none() {
                return Err(Error::Forbidden(
                    Words::of("story-error-export-organisation-members").into(),
                ));
            }
            Ok(Some(org.clone()))
        }
        Audience::Board(board) => {
            if !service::board_exists(conn, tenant, board)? {
                return Err(Error::NotFound);
            }
            if !service::board_facilitator(conn, tenant, board, &who.id)? {
                return Err(Error::Forbidden(
                    Words::of("story-error-export-board-facilitators").into(),
                ));
            }
            Ok(None)
        }
        Audience::Tenant | Audience::Public => Err(Error::NotFound),
    }
}

/// The given grants to exactly this audience that have not expired.
fn grants_to(
    conn: &mut DbConn,
    tenant: &TenantId,
    audience: &Audience,
    at: NaiveDateTime,
) -> Result<Vec<Consent>> {
    Ok(story_consents::table
        .filter(story_consents::tenant_id.eq(tenant))
        .filter(story_consents::audience_kind.eq(audience.kind()))
        .filter(story_consents::audience_id.eq(audience.id()))
        .filter(story_consents::status.eq("given"))
        .filter(story_consents::expires_at.gt(at))
        .order((story_consents::story_id.asc(), story_consents::id.asc()))
        .select(Consent::as_select())
        .load(conn)?)
}

/// How many stories are shared with this audience now (for the export
/// page; no text), for those who may export them.
pub fn shared_count(
    conn: &mut DbConn,
    tenant: &TenantId,
    who: &User,
    audience: &Audience,
) -> Result<usize> {
    may_export(conn, tenant, who, audience)?;
    let mut ids: Vec<StoryId> = grants_to(conn, tenant, audience, now())?
        .into_iter()
        .map(|g| g.story_id)
        .collect();
    ids.dedup();
    Ok(ids.len())
}

/// Exports the stories shared with `audience` now, each read under live
/// consent and logged as a `download`, and records the export with the
/// grants it relied on.
pub fn export(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    who: &User,
    audience: &Audience,
) -> Result<StoryExport> {
    export_at(conn, keys, tenant, who, audience, now())
}

/// [`export`] at a given moment (for tests of expiry).
pub fn export_at(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    who: &User,
    audience: &Audience,
    at: NaiveDateTime,
) -> Result<StoryExport> {
    write_transaction(conn, |conn| {
        let acting_for = may_export(conn, tenant, who, audience)?;
        let viewer = viewer_of(conn, tenant, Some(who), acting_for.as_ref())?;
        let grants = grants_to(conn, tenant, audience, at)?;
        let mut story_ids: Vec<StoryId> = grants.iter().map(|g| g.story_id.clone()).collect();
        story_ids.dedup();
        let stories: Vec<Story> = stories::table
            .filter(stories::tenant_id.eq(tenant))
            .filter(stories::id.eq_any(&story_ids))
            .filter(stories::erased_at.is_null())
            .order(stories::created_at.asc())
            .select(Story::as_select())
            .load(conn)?;
        let ask = Ask {
            purpose: None,
            action: Action::Download,
        };
        let mut rows = Vec::new();
        let mut relied_on = Vec::new();
        for story in stories {
            // Authors never export their own stories through this path:
            // the one rule of reading covers only other people.
            if story.author_id == who.id {
                continue;
            }
            let own: Vec<Consent> = grants
                .iter()
                .filter(|g| g.story_id == story.id)
                .cloned()
                .collect();
            let Some(grant) =
                consent::choose(&own, &viewer, ask, story.deidentified_approved(), at)
            else {
                continue;
            };
            let grant = grant.clone();
            let held = hold_chain(conn, &story)?;
            let view = render(keys, &story, &grant, &held)?;
            log_use(
                conn,
                &held,
                &story,
                &grant,
                Some(&who.id),
                acting_for.as_ref(),
                Action::Download,
                grant.attribution(),
                at,
            )?;
            relied_on.push(grant.id.to_string());
            rows.push(ExportRow {
                story_id: story.id.to_string(),
                title: view.title,
                body: view.body,
                author: view.author,
                attribution: view.attribution,
                purpose: view.purpose,
                shared_until: grant.expires_at,
                grant_id: grant.id.to_string(),
            });
        }
        let id = uuid::Uuid::now_v7().to_string();
        let grant_ids =
            serde_json::to_string(&relied_on).map_err(|e| Error::Internal(e.to_string()))?;
        diesel::insert_into(story_exports::table)
            .values((
                story_exports::tenant_id.eq(tenant),
                story_exports::id.eq(&id),
                story_exports::exporter_id.eq(Some(who.id.as_str())),
                story_exports::audience_kind.eq(audience.kind()),
                story_exports::audience_id.eq(audience.id().unwrap_or_default()),
                story_exports::stories.eq(i32::try_from(rows.len()).unwrap_or(i32::MAX)),
                story_exports::grant_ids.eq(&grant_ids),
                story_exports::created_at.eq(at),
            ))
            .execute(conn)?;
        Ok(StoryExport {
            id,
            rows,
            grant_ids: relied_on,
            created_at: at,
        })
    })
}

/// The exports taken for an audience, newest first, for those who may
/// export.
pub fn exports_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    who: &User,
    audience: &Audience,
) -> Result<Vec<ExportRecord>> {
    may_export(conn, tenant, who, audience)?;
    let rows: Vec<(String, Option<String>, i32, String, NaiveDateTime)> = story_exports::table
        .filter(story_exports::tenant_id.eq(tenant))
        .filter(story_exports::audience_kind.eq(audience.kind()))
        .filter(story_exports::audience_id.eq(audience.id().unwrap_or_default()))
        .order((story_exports::created_at.desc(), story_exports::id.desc()))
        .select((
            story_exports::id,
            story_exports::exporter_id,
            story_exports::stories,
            story_exports::grant_ids,
            story_exports::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, exporter_id, stories, grants, created_at)| ExportRecord {
                id,
                exporter_id,
                audience: audience.to_string(),
                stories,
                grant_ids: serde_json::from_str(&grants).unwrap_or_default(),
                created_at,
            },
        )
        .collect())
}

/// The exports a person took, for their own export of their data.
pub fn exports_by(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &crate::db::ids::UserId,
) -> Result<Vec<ExportRecord>> {
    let rows: Vec<(String, String, String, i32, String, NaiveDateTime)> = story_exports::table
        .filter(story_exports::tenant_id.eq(tenant))
        .filter(story_exports::exporter_id.eq(person.as_str()))
        .order(story_exports::created_at.asc())
        .select((
            story_exports::id,
            story_exports::audience_kind,
            story_exports::audience_id,
            story_exports::stories,
            story_exports::grant_ids,
            story_exports::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, kind, audience, stories, grants, created_at)| ExportRecord {
                id,
                exporter_id: Some(person.to_string()),
                audience: format!("{kind}:{audience}"),
                stories,
                grant_ids: serde_json::from_str(&grants).unwrap_or_default(),
                created_at,
            },
        )
        .collect())
}

/// A person leaving: their exports stay (the authors' record) without
/// their name; inside the caller's transaction.
pub fn erase_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &crate::db::ids::UserId,
) -> Result<()> {
    diesel::update(
        story_exports::table
            .filter(story_exports::tenant_id.eq(tenant))
            .filter(story_exports::exporter_id.eq(person.as_str())),
    )
    .set(story_exports::exporter_id.eq(None::<String>))
    .execute(conn)?;
    Ok(())
}

/// The export as CSV, one story a row.
pub fn csv(export: &StoryExport) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let bad = |e: csv::Error| Error::Internal(format!("writing an export: {e}"));
    w.write_record([
        "story_id",
        "title",
        "story",
        "credit",
        "attribution",
        "purpose",
        "shared_until",
        "grant_id",
    ])
    .map_err(bad)?;
    for r in &export.rows {
        w.write_record([
            r.story_id.as_str(),
            r.title.as_str(),
            r.body.as_str(),
            r.author.as_str(),
            r.attribution.as_str(),
            r.purpose.as_str(),
            &r.shared_until.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            r.grant_id.as_str(),
        ])
        .map_err(bad)?;
    }
    w.into_inner()
        .map_err(|e| Error::Internal(format!("writing an export: {e}")))
}

fn csv_response(export: &StoryExport, audience: &Audience) -> Result<HttpResponse> {
    let body = csv(export)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"stories-{}-{}.csv\"",
                audience.kind(),
                export.created_at.format("%Y%m%d-%H%M%S")
            ),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("Export-Id", export.id.clone()))
        .body(body))
}

// ---- HTTP ----

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/organisations/{id}/story-exports")
            .get(api_list_org)
            .post(api_export_org),
    )
    .service(
        web::resource("/api/v1/boards/{id}/story-exports")
            .get(api_list_board)
            .post(api_export_board),
    )
    .service(
        web::resource("/organisations/{id}/stories/export")
            .get(page_org)
            .post(download_org),
    )
    .service(
        web::resource("/boards/{id}/stories/export")
            .get(page_board)
            .post(download_board),
    );
}

fn organisation(raw: &str) -> Result<Audience> {
    raw.parse::<OrganisationId>()
        .map(Audience::Organisation)
        .map_err(|_| Error::NotFound)
}

fn board(raw: &str) -> Result<Audience> {
    raw.parse::<crate::db::ids::BoardId>()
        .map(|b| Audience::Board(b.to_string()))
        .map_err(|_| Error::NotFound)
}

async fn api_export(
    state: &AppState,
    caller: &ApiUser,
    audience: Audience,
) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let keys = state.keys.clone();
    let a = audience.clone();
    let export = state
        .db(move |conn| export(conn, &keys, &me.tenant_id, &me, &a))
        .await?;
    csv_response(&export, &audience)
}

async fn api_list(state: &AppState, caller: &ApiUser, audience: Audience) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let list = state
        .db(move |conn| exports_of(conn, &me.tenant_id, &me, &audience))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Export the stories shared with your organisation now, as CSV: only
/// those under a live grant to it, each at the attribution allowed and
/// logged as a download in its author's record. The export is recorded
/// with the grants it relied on (`Export-Id` names it).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/story-exports", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation")),
    responses(
        (status = 200, description = "The stories, as CSV", content_type = "text/csv", body = String),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a member of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn api_export_org(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    api_export(&state, &caller, organisation(&path)?).await
}

/// The exports taken of the stories shared with your organisation, with
/// the grants each relied on.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/story-exports", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation")),
    responses(
        (status = 200, description = "The exports, newest first", body = [ExportRecord]),
        (status = 403, description = "Not a member of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn api_list_org(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    api_list(&state, &caller, organisation(&path)?).await
}

/// Export the stories shared with a board you facilitate, as CSV (as for
/// organisations).
#[utoipa::path(post, path = "/api/v1/boards/{id}/story-exports", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board")),
    responses(
        (status = 200, description = "The stories, as CSV", content_type = "text/csv", body = String),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
    ))]
pub async fn api_export_board(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    api_export(&state, &caller, board(&path)?).await
}

/// The exports taken of the stories shared with a board you facilitate.
#[utoipa::path(get, path = "/api/v1/boards/{id}/story-exports", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board")),
    responses(
        (status = 200, description = "The exports, newest first", body = [ExportRecord]),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
    ))]
pub async fn api_list_board(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    api_list(&state, &caller, board(&path)?).await
}

#[derive(Template)]
#[template(path = "stories/export.html")]
struct ExportPage {
    chrome: Chrome,
    /// Who the stories are shared with, in the reader's language: "with
    /// Night Shelter Trust", "with this board".
    shared_with: String,
    action: String,
    back: String,
    shared: usize,
    exports: Vec<ExportRecord>,
}

#[derive(Deserialize)]
struct Empty {}

async fn page(state: &AppState, signed_in: &SignedIn, audience: Audience) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let a = audience.clone();
    let lang = signed_in.page.language;
    let (shared_with, shared, exports) = state
        .db(move |conn| {
            let shared = shared_count(conn, &me.tenant_id, &me, &a)?;
            let exports = exports_of(conn, &me.tenant_id, &me, &a)?;
            let shared_with = match &a {
                Audience::Organisation(o) => match organisations::find(conn, &me.tenant_id, o)? {
                    Some(o) => lang.t1("story-export-with-organisation", "name", o.name),
                    None => lang.t("story-export-with-your-organisation"),
                },
                _ => lang.t("story-export-with-board"),
            };
            Ok((shared_with, shared, exports))
        })
        .await?;
    let (action, back) = match &audience {
        Audience::Organisation(o) => (
            format!("/organisations/{o}/stories/export"),
            format!("/organisations/{o}"),
        ),
        Audience::Board(b) => (
            format!("/boards/{b}/stories/export"),
            format!("/boards/{b}"),
        ),
        _ => return Err(Error::NotFound),
    };
    pages::page(&ExportPage {
        chrome: signed_in.page.chrome(),
        shared_with,
        action,
        back,
        shared,
        exports,
    })
}

async fn download(
    state: &AppState,
    signed_in: &SignedIn,
    audience: Audience,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let a = audience.clone();
    let export = state
        .db(move |conn| export(conn, &keys, &me.tenant_id, &me, &a))
        .await?;
    csv_response(&export, &audience)
}

async fn page_org(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    page(&state, &signed_in, organisation(&path)?).await
}

async fn download_org(
    state: web::Data<AppState>,
    form: ProtectedForm<Empty>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let _ = form;
    download(&state, &signed_in, organisation(&path)?).await
}

async fn page_board(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    page(&state, &signed_in, board(&path)?).await
}

async fn download_board(
    state: web::Data<AppState>,
    form: ProtectedForm<Empty>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let _ = form;
    download(&state, &signed_in, board(&path)?).await
}
