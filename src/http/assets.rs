//! Static files (CSS, icons), compiled into the binary so a deployment is
//! one file. URLs carry a content hash, so browsers may cache them for a
//! year and still see a new version at once.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::error::Error;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../web/static/app.css"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../../web/static/icon.svg"),
    },
    Asset {
        name: "ballot.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../web/static/ballot.js"),
    },
];

fn hashes() -> &'static Vec<String> {
    static HASHES: OnceLock<Vec<String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| hex::encode(&Sha256::digest(a.body)[..6]))
            .collect()
    })
}

/// The versioned URL of an asset, for templates.
pub fn url(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!("/static/{name}?v={}", hashes()[i]),
        None => format!("/static/{name}"),
    }
}

pub async fn serve(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, Error> {
    let i = ASSETS
        .iter()
        .position(|a| a.name == name.as_str())
        .ok_or(Error::NotFound)?;
    let asset = &ASSETS[i];
    let hash = &hashes()[i];
    let etag = format!("\"{hash}\"");
    let versioned = req.query_string() == format!("v={hash}");
    let cache = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut res = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache));
    if matches {
        return Ok(res.finish());
    }
    Ok(res.content_type(asset.content_type).body(asset.body))
}
