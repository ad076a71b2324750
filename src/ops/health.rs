//! `/healthz` says the process is up; `/readyz` says it can serve: the
//! database answers and holds every migration this binary expects.

use std::time::Duration;

use actix_web::{web, HttpResponse};

use crate::error::Error;
use crate::state::AppState;

#[derive(serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` for liveness, `ready` for readiness.
    pub status: String,
}

/// Liveness: answers as long as the process serves HTTP.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The process is up", body = Health)))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness: the database answers within two seconds and its migrations
/// are current.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, description = "Not ready", body = crate::http::problem::Problem,
            content_type = "application/problem+json"),
    ))]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, Error> {
    let pool = state.pool.clone();
    let current = web::block(move || {
        let mut conn = pool
            .get_timeout(Duration::from_secs(2))
            .map_err(|e| Error::Unavailable(format!("database unreachable: {e}")))?;
        crate::db::ping(&mut conn)
            .map_err(|e| Error::Unavailable(format!("database does not answer: {e}")))?;
        crate::db::migrations_current(&mut conn).map_err(Error::from)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    if !current {
        return Err(Error::Unavailable("migrations are pending".into()));
    }
    Ok(HttpResponse::Ok().json(Health {
        status: "ready".into(),
    }))
}
