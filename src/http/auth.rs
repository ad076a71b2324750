//! Who is asking, and did they mean to: the extractors for page context
//! (tenant, signed-in person, CSRF token), for signed-in pages, for API
//! callers with a bearer token, and for forms that change state.
//!
//! Browser sessions are an opaque id in a cookie (`__Host-` prefixed,
//! HttpOnly, SameSite=Lax, Secure; a plain name only on plain-HTTP hosts).
//! Every state-changing form carries a CSRF token bound to the session (or,
//! before sign-in, to a random cookie), and its `Origin` must be this site:
//! sibling tenant subdomains are same-site, so SameSite alone is not enough.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{dev::Payload, web, FromRequest, HttpMessage, HttpRequest};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::extract::Tenant;
use crate::accounts::model::{Session, User};
use crate::accounts::service as accounts;
use crate::error::{Error, Words};
use crate::state::AppState;

/// Where this request came from, as the person typed it: used for email
/// links, cookie names and the `Origin` check.
#[derive(Clone, Debug)]
pub struct PublicOrigin {
    /// e.g. `https://coventry.example.org` or `http://localhost:8080`
    pub base_url: String,
    /// Whether cookies are `Secure` with the `__Host-` prefix.
    pub secure: bool,
}

impl PublicOrigin {
    pub fn session_cookie(&self) -> &'static str {
        if self.secure {
            "__Host-coproduce_session"
        } else {
            "coproduce_session"
        }
    }

    pub fn csrf_cookie(&self) -> &'static str {
        if self.secure {
            "__Host-coproduce_csrf"
        } else {
            "coproduce_csrf"
        }
    }

    /// A cookie with the attributes every cookie of ours has.
    pub fn cookie(&self, name: &'static str, value: String) -> Cookie<'static> {
        Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .finish()
    }

    /// The cookie that removes another.
    pub fn removal(&self, name: &'static str) -> Cookie<'static> {
        let mut c = self.cookie(name, String::new());
        c.make_removal();
        c
    }
}

/// A CSRF cookie to set on the way out (first form a visitor sees).
#[derive(Clone)]
pub(crate) struct NewCsrfCookie(pub Cookie<'static>);

fn origin(req: &HttpRequest) -> Result<PublicOrigin, Error> {
    req.extensions()
        .get::<PublicOrigin>()
        .cloned()
        .ok_or(Error::UnknownHost)
}

fn tenant(req: &HttpRequest) -> Result<Tenant, Error> {
    req.extensions()
        .get::<Tenant>()
        .cloned()
        .ok_or(Error::UnknownHost)
}

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, Error> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| Error::Internal("application state missing".into()))
}

fn csrf_token(state: &AppState, binding: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&state.secrets.csrf_key())
        .expect("HMAC takes keys of any length");
    mac.update(b"csrf|");
    mac.update(binding.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Everything a page handler needs about the request: the tenant, where
/// it came from, the signed-in person (if any) and the CSRF token for its
/// forms.
#[derive(Clone)]
pub struct Page {
    pub tenant: Tenant,
    pub origin: PublicOrigin,
    pub path: String,
    /// The path and query, for links that bring the person back.
    pub here: String,
    pub signed_in: Option<(Session, User)>,
    pub csrf: String,
    /// The language to answer in (see [`crate::i18n`]).
    pub language: crate::i18n::Language,
}

impl Page {
    /// The signed-in person, if they finished signing in.
    pub fn user(&self) -> Option<&User> {
        Page::person(&self.signed_in)
    }

    pub fn chrome(&self) -> super::render::Chrome {
        super::render::Chrome::for_page(self)
    }
}

impl Page {
    /// The person a session lookup found, if they finished signing in:
    /// who a page is for.
    pub fn person(signed_in: &Option<(Session, User)>) -> Option<&User> {
        signed_in
            .as_ref()
            .filter(|(s, _)| s.fully_signed_in)
            .map(|(_, u)| u)
    }
}

impl FromRequest for Page {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            // Handlers that take several extractors (a signed-in page and
            // its form) look the session up once: checked when this one
            // runs, after the others before it.
            if let Some(page) = req.extensions().get::<Page>().cloned() {
                return Ok(page);
            }
            let mut start = PageStart::of(&req)?;
            let signed_in = match start.take_lookup() {
                Some(lookup) => start.state.db(move |conn| lookup.run(conn)).await?,
                None => None,
            };
            start.finish(signed_in).await
        })
    }
}

/// A [`Page`] whose session is not looked up yet, for the busiest pages:
/// they look it up in their own trip to the database ([`SessionLookup`]),
/// one trip to a database thread rather than two, then [`finish`] it.
///
/// [`finish`]: PageStart::finish
pub struct PageStart {
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: Tenant,
    origin: PublicOrigin,
    lookup: Option<SessionLookup>,
}

/// Finds the session a request's cookie names, in the caller's database
/// work.
pub struct SessionLookup {
    tenant: crate::db::ids::TenantId,
    secret: String,
    lifetimes: accounts::SessionLifetimes,
}

impl SessionLookup {
    pub fn run(&self, conn: &mut crate::db::DbConn) -> Result<Option<(Session, User)>, Error> {
        accounts::browser_session(conn, &self.tenant, &self.secret, self.lifetimes)
    }
}

impl PageStart {
    fn of(req: &HttpRequest) -> Result<Self, Error> {
        let tenant = tenant(req)?;
        let origin = origin(req)?;
        let state = state(req)?;
        let lookup = req
            .cookie(origin.session_cookie())
            .map(|cookie| SessionLookup {
                tenant: tenant.id.clone(),
                secret: cookie.value().to_owned(),
                lifetimes: state.session_lifetimes(),
            });
        Ok(Self {
            req: req.clone(),
            state,
            tenant,
            origin,
            lookup,
        })
    }

    /// The tenant the request is for.
    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }

    /// The lookup to run in the handler's database work, if the request
    /// names a session; what it finds goes to [`PageStart::finish`].
    pub fn take_lookup(&mut self) -> Option<SessionLookup> {
        self.lookup.take()
    }

    /// The page, with the session the lookup found (`None` when there was
    /// no lookup to run).
    pub async fn finish(self, signed_in: Option<(Session, User)>) -> Result<Page, Error> {
        let Self {
            req,
            state,
            tenant,
            origin,
            ..
        } = self;
        if let Some((session, _)) = &signed_in {
            mark_seen(&state, session).await?;
        }
        let binding = match (&signed_in, req.cookie(origin.csrf_cookie())) {
            (Some((session, _)), _) => format!("session:{}", session.id),
            (None, Some(c)) if c.value().len() >= 32 => format!("visitor:{}", c.value()),
            (None, _) => {
                let (value, _) = crate::accounts::tokens::opaque();
                let binding = format!("visitor:{value}");
                req.extensions_mut()
                    .insert(NewCsrfCookie(origin.cookie(origin.csrf_cookie(), value)));
                binding
            }
        };
        let language = crate::i18n::Language::for_request(&req, Some(&tenant.default_language));
        let page = Page {
            csrf: csrf_token(&state, &binding),
            tenant,
            origin,
            path: req.path().to_owned(),
            here: req
                .uri()
                .path_and_query()
                .map_or_else(|| req.path().to_owned(), |p| p.to_string()),
            signed_in,
            language,
        };
        req.extensions_mut().insert(page.clone());
        Ok(page)
    }
}

impl FromRequest for PageStart {
    type Error = Error;
    type Future = std::future::Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(PageStart::of(req))
    }
}

/// A page only for people who are signed in. Others are sent to sign in
/// and brought back afterwards.
pub struct SignedIn {
    pub page: Page,
    pub session: Session,
    pub user: User,
}

impl FromRequest for SignedIn {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let page = Page::from_request(req, payload);
        let next = req
            .uri()
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_else(|| "/".into());
        Box::pin(async move {
            let mut page = page.await?;
            match page.signed_in.take() {
                Some((session, user)) if session.fully_signed_in => {
                    page.signed_in = Some((session.clone(), user.clone()));
                    Ok(SignedIn {
                        page,
                        session,
                        user,
                    })
                }
                _ => Err(Error::SignInRequired { next }),
            }
        })
    }
}

/// An API caller with a valid access token for this tenant whose session
/// is still live (so signing out ends its tokens at once).
pub struct ApiUser {
    pub tenant: Tenant,
    pub session: Session,
    pub user: User,
}

impl FromRequest for ApiUser {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let tenant = tenant(&req)?;
            if let Some(Authenticated(session, user)) = req.extensions().get::<Authenticated>() {
                return Ok(ApiUser {
                    tenant,
                    session: session.clone(),
                    user: user.clone(),
                });
            }
            let state = state(&req)?;
            let token = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or(Error::Unauthorized)?;
            let Some(claims) = state.access_keys.verify(token.trim(), &tenant.id) else {
                // Never the token itself: it may be someone's valid one.
                tracing::warn!("refused an invalid or expired access token");
                return Err(Error::Unauthorized);
            };
            let tenant_id = tenant.id.clone();
            let lifetimes = state.session_lifetimes();
            let sid = claims.sid.clone();
            let (session, user) = state
                .db(move |conn| accounts::api_session(conn, &tenant_id, &sid, lifetimes))
                .await?
                .filter(|(_, u)| u.id == claims.sub)
                .ok_or_else(|| {
                    tracing::warn!(session = %claims.sid, "refused a token whose session has ended");
                    Error::Unauthorized
                })?;
            mark_seen(&state, &session).await?;
            req.extensions_mut()
                .insert(Authenticated(session.clone(), user.clone()));
            Ok(ApiUser {
                tenant,
                session,
                user,
            })
        })
    }
}

/// Writes down a session's use when the last note is old, through group
/// commit (many people's first requests share one commit).
async fn mark_seen(state: &AppState, session: &Session) -> Result<(), Error> {
    if !accounts::seen_long_ago(session) {
        return Ok(());
    }
    let session = session.clone();
    state
        .write(move |conn| accounts::mark_seen(conn, &session))
        .await
}

/// The bearer token's session and person, once checked for this request.
#[derive(Clone)]
struct Authenticated(Session, User);

/// Routes that take their credential in the body (a password, a refresh or
/// emailed token): a stale access token sent along must not lock the
/// caller out of getting a new one.
const CREDENTIAL_ROUTES: [&str; 6] = [
    "/api/v1/auth/register",
    "/api/v1/auth/login",
    "/api/v1/auth/refresh",
    "/api/v1/auth/verify-email",
    "/api/v1/auth/password-reset",
    "/api/v1/auth/password-reset/confirm",
];

/// A bearer token on an API request must be good for this place, even on
/// routes anyone may call: a foreign, forged or ended token is 401, not
/// silently treated as anonymous. Runs after the tenant is resolved.
pub async fn refuse_bad_bearer(req: &HttpRequest) -> Result<(), Error> {
    let path = req.path();
    if !path.starts_with("/api/")
        || CREDENTIAL_ROUTES.contains(&path)
        || !req.headers().contains_key(header::AUTHORIZATION)
    {
        return Ok(());
    }
    ApiUser::from_request(req, &mut Payload::None)
        .await
        .map(|_| ())
}

/// The field every protected form carries.
#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// A form that changes state: its `Origin` must be this site and its CSRF
/// token must match the session (or visitor cookie). The form's own fields
/// are then parsed into `T`; bad fields are the handler's to report.
pub struct ProtectedForm<T> {
    pub page: Page,
    pub form: T,
}

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for ProtectedForm<T> {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let page = Page::from_request(req, payload);
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let page = page.await?;
            let body = body.await.map_err(|_| Error::PayloadTooLarge)?;
            if body.len() > super::FORM_LIMIT {
                return Err(Error::PayloadTooLarge);
            }
            let from_elsewhere = req
                .headers()
                .get(header::ORIGIN)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|o| o != page.origin.base_url);
            if from_elsewhere {
                tracing::warn!("refused a form posted from another site");
                return Err(Error::Forbidden(Words::of("error-form-cross-site").into()));
            }
            let field: CsrfField = serde_urlencoded::from_bytes(&body).unwrap_or(CsrfField {
                csrf: String::new(),
            });
            let valid: bool = field.csrf.as_bytes().ct_eq(page.csrf.as_bytes()).into();
            if !valid {
                tracing::warn!("refused a form without a valid CSRF token");
                return Err(Error::Forbidden(Words::of("error-form-expired").into()));
            }
            let form = serde_urlencoded::from_bytes(&body).map_err(|e| {
                Error::bad_request(
                    "unreadable_form",
                    Words::of1("error-form-unreadable", "reason", e.to_string()),
                )
            })?;
            Ok(ProtectedForm { page, form })
        })
    }
}

/// An API caller who may or may not be signed in. No `Authorization`
/// header means anonymous; a header with a bad token is still 401, so a
/// client never mistakes an expired token for a deliberate anonymous call.
pub struct MaybeApiUser(pub Option<ApiUser>);

impl FromRequest for MaybeApiUser {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            let user = ApiUser::from_request(req, payload);
            Box::pin(async move { Ok(MaybeApiUser(Some(user.await?))) })
        } else {
            Box::pin(async { Ok(MaybeApiUser(None)) })
        }
    }
}
