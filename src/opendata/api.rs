//! The open data downloads, streamed a batch at a time.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde::Serialize;

use super::model::{Licence, FIELDS};
use super::service::{self, BATCH};
use crate::db::ids::{ProposalId, TenantId};
use crate::error::{Error, Result};
use crate::http::extract::Tenant;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/open-data/proposals.csv").get(csv))
        .service(web::resource("/open-data/proposals.json").get(json));
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// What the JSON file says before its items.
#[derive(Serialize)]
struct Meta<'a> {
    dataset: &'static str,
    place: &'a str,
    licence: &'a Licence,
    /// Where the fields are explained.
    documentation: &'static str,
    generated_at: String,
    fields: Vec<&'static str>,
}

/// Where a download has got to.
struct Progress {
    state: web::Data<AppState>,
    tenant: TenantId,
    format: Format,
    /// Written before the first batch.
    head: Vec<u8>,
    after: Option<ProposalId>,
    written: usize,
    done: bool,
}

impl Progress {
    /// The next piece of the file: a batch of proposals (the head before
    /// the first, the end after the last).
    async fn next(mut self) -> Option<(std::result::Result<Bytes, Error>, Self)> {
        if self.done {
            return None;
        }
        let (tenant, after) = (self.tenant.clone(), self.after.clone());
        let batch = match self
            .state
            .db(move |conn| service::batch(conn, &tenant, after.as_ref(), BATCH))
            .await
        {
            Ok(b) => b,
            Err(e) => {
                tracing::error!(error = %e, "open data download stopped");
                self.done = true;
                return Some((Err(e), self));
            }
        };
        let mut out = std::mem::take(&mut self.head);
        match self.format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::new());
                for p in &batch {
                    if let Err(e) = w.write_record(p.record()) {
                        return Some((Err(Error::Internal(e.to_string())), self));
                    }
                }
                match w.into_inner() {
                    Ok(bytes) => out.extend(bytes),
                    Err(e) => return Some((Err(Error::Internal(e.to_string())), self)),
                }
            }
            Format::Json => {
                for p in &batch {
                    if self.written > 0 {
                        out.push(b',');
                    }
                    out.push(b'\n');
                    match serde_json::to_vec(p) {
                        Ok(bytes) => out.extend(bytes),
                        Err(e) => return Some((Err(Error::Internal(e.to_string())), self)),
                    }
                    self.written += 1;
                }
            }
        }
        if (batch.len() as i64) < BATCH {
            self.done = true;
            if self.format == Format::Json {
                out.extend_from_slice(b"\n]}\n");
            }
        }
        self.after = batch.last().and_then(|p| p.id.parse().ok());
        Some((Ok(Bytes::from(out)), self))
    }
}

async fn download(
    state: web::Data<AppState>,
    tenant: Tenant,
    format: Format,
) -> Result<HttpResponse> {
    let tenant_id = tenant.id.clone();
    let licence = state
        .db(move |conn| service::licence(conn, &tenant_id))
        .await?;
    let head = match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(FIELDS.iter().map(|(name, _)| *name))
                .map_err(|e| Error::Internal(e.to_string()))?;
            w.into_inner().map_err(|e| Error::Internal(e.to_string()))?
        }
        Format::Json => {
            let meta = Meta {
                dataset: "proposals",
                place: &tenant.name,
                licence,
                documentation: "/open-data",
                generated_at: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                fields: FIELDS.iter().map(|(name, _)| *name).collect(),
            };
            let mut bytes =
                serde_json::to_vec(&meta).map_err(|e| Error::Internal(e.to_string()))?;
            // Leave the object open for the items.
            bytes.pop();
            bytes.extend_from_slice(b",\"items\":[");
            bytes
        }
    };
    let progress = Progress {
        state: state.clone(),
        tenant: tenant.id.clone(),
        format,
        head,
        after: None,
        written: 0,
        done: false,
    };
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8; header=present", "csv"),
        Format::Json => ("application/json", "json"),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}-proposals.{extension}\"",
                tenant.slug
            ),
        ))
        .insert_header((header::LINK, format!("<{}>; rel=\"license\"", licence.url)))
        .insert_header(("Licence", licence.id))
        .streaming(futures_util::stream::unfold(progress, Progress::next)))
}

/// The place's proposals as CSV: one row per proposal (never drafts or
/// hidden ones), the columns documented on `/open-data`. The licence is
/// in the `Link` (rel="license") and `Licence` headers.
#[utoipa::path(get, path = "/open-data/proposals.csv", tag = "open data",
    responses((status = 200, description = "The proposals as CSV, streamed", body = String, content_type = "text/csv")))]
pub async fn csv(state: web::Data<AppState>, tenant: Tenant) -> Result<HttpResponse> {
    download(state, tenant, Format::Csv).await
}

/// The place's proposals as JSON: `{dataset, place, licence: {id, name,
/// url}, documentation, generated_at, fields, items: [...]}`.
#[utoipa::path(get, path = "/open-data/proposals.json", tag = "open data",
    responses((status = 200, description = "The proposals as JSON, streamed", body = super::model::OpenDataFile)))]
pub async fn json(state: web::Data<AppState>, tenant: Tenant) -> Result<HttpResponse> {
    download(state, tenant, Format::Json).await
}
