//! Extractors: the typed ways a handler gets request context.

use std::future::{ready, Ready};
use std::ops::Deref;
use std::sync::Arc;

use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};

use crate::error::Error;

/// The tenant this request is for. The resolution middleware is the only
/// code that creates one, from the `Host` header; handlers get the tenant
/// from here and nowhere else (never from a body, query or other header).
#[derive(Clone, Debug)]
pub struct Tenant(pub(crate) Arc<crate::tenancy::Tenant>);

impl Deref for Tenant {
    type Target = crate::tenancy::Tenant;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl FromRequest for Tenant {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<Tenant>()
                .cloned()
                .ok_or(Error::UnknownHost),
        )
    }
}

/// The id of this request, as logged and returned in `x-request-id`.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
