//! Audit pages: the admin's view of the tenant's log (with a check of its
//! chain), and "My data", where each person sees the events about them.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::api::parse_kind;
use super::model::{AuditEvent, Kind, Verification};
use super::service;
use crate::accounts::authz::{self, Permission};
use crate::accounts::service as accounts;
use crate::db::ids::{TenantId, UserId};
use crate::db::DbConn;
use crate::error::Result;
use crate::http::auth::SignedIn;
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, Chrome};
use crate::i18n::Language;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/audit").get(log));
}

/// The display names of the people events mention, looked up once each;
/// people whose account is gone are missing from the map.
fn names_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    events: &[AuditEvent],
) -> Result<HashMap<String, String>> {
    let mut names = HashMap::new();
    let ids = events
        .iter()
        .flat_map(|e| [e.actor_id.as_deref(), e.subject_id.as_deref()])
        .flatten();
    for raw in ids {
        if names.contains_key(raw) {
            continue;
        }
        let Ok(id) = raw.parse::<UserId>() else {
            continue;
        };
        if let Some(user) = accounts::find_user(conn, tenant, &id)? {
            names.insert(raw.to_owned(), user.display_name);
        }
    }
    Ok(names)
}

/// One event as a person reads it.
struct EventRow {
    seq: i64,
    when: String,
    what: String,
    who: String,
    whom: String,
    detail: String,
}

impl EventRow {
    fn new(e: &AuditEvent, names: &HashMap<String, String>, lang: Language) -> Self {
        // What a row shows about a person who no longer has an account here.
        let name = |id: &Option<String>| match id {
            None => "—".to_owned(),
            Some(id) => names
                .get(id)
                .cloned()
                .unwrap_or_else(|| lang.t("admin-audit-former-member")),
        };
        Self {
            seq: e.seq,
            when: lang.date_time(&e.occurred_at),
            what: super::model::describe_in(&e.kind, lang),
            who: name(&e.actor_id),
            whom: name(&e.subject_id),
            detail: readable_detail(&e.detail),
        }
    }
}

/// `{"method":"password","role":"admin"}` as "method: password, role:
/// admin", for people rather than programs.
fn readable_detail(raw: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{}: {s}", k.replace('_', " ")),
                other => format!("{}: {other}", k.replace('_', " ")),
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => raw.to_owned(),
    }
}

struct KindOption {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Deserialize)]
struct LogQuery {
    #[serde(default)]
    kind: String,
    page: Option<String>,
    check: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct LogPage<'a> {
    chrome: Chrome,
    kind: &'a str,
    kinds: Vec<KindOption>,
    events: Vec<EventRow>,
    total: i64,
    links: PageLinks,
    /// The outcome of "Check the log", in words, and whether it is good.
    check: Option<(bool, String)>,
}

/// A verification as the admin reads it.
fn in_words(outcome: &Verification, lang: Language) -> (bool, String) {
    match outcome {
        Verification::Intact { events } => (true, lang.t1("admin-audit-intact", "n", *events)),
        Verification::Broken { seq, id, reason } => (
            false,
            lang.t_args(
                "admin-audit-broken",
                &[("seq", seq), ("id", id), ("reason", reason)],
            ),
        ),
    }
}

async fn log(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ViewAudit)?;
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: None,
    })?;
    let kind = parse_kind(Some(&query.kind))?;
    let check = query.check.is_some();
    let tenant = signed_in.user.tenant_id.clone();
    let (events, total, names, verification) = state
        .db(move |conn| {
            let (events, total) = service::list(conn, &tenant, kind, paging)?;
            let names = names_of(conn, &tenant, &events)?;
            let verification = if check {
                Some(service::verify(conn, &tenant)?)
            } else {
                None
            };
            Ok((events, total, names, verification))
        })
        .await?;
    let lang = signed_in.page.language;
    render::page(&LogPage {
        chrome: signed_in.page.chrome(),
        kind: kind.map_or("", Kind::as_str),
        kinds: Kind::ALL
            .into_iter()
            .map(|k| KindOption {
                value: k.as_str(),
                label: k.describe_in(lang),
                selected: Some(k) == kind,
            })
            .collect(),
        events: events
            .iter()
            .map(|e| EventRow::new(e, &names, lang))
            .collect(),
        total,
        links: PageLinks::new(paging, total),
        check: verification.as_ref().map(|v| in_words(v, lang)),
    })
}
