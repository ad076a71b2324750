//! Invitation pages: the admins' invite, resend and withdraw forms on the
//! members page, and the page an invitation's link opens, where the person
//! it was sent to accepts or declines it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::invitations::{self, NewInvitation, Opened};
use super::model::MemberRole;
use super::pages::{members_page, InviteForm};
use crate::db::ids::{InvitationId, OrganisationId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/organisations/invitations/{token}").get(show))
        .service(web::resource("/organisations/invitations/{token}/accept").post(accept))
        .service(web::resource("/organisations/invitations/{token}/decline").post(decline))
        .service(web::resource("/organisations/{id}/invitations").post(invite))
        .service(
            web::resource("/organisations/{id}/invitations/{invitation_id}/resend").post(resend),
        )
        .service(
            web::resource("/organisations/{id}/invitations/{invitation_id}/revoke").post(revoke),
        );
}

fn organisation_id(raw: &str) -> Result<OrganisationId> {
    raw.parse().map_err(|_| Error::NotFound)
}

fn ids(raw: &(String, String)) -> Result<(OrganisationId, InvitationId)> {
    Ok((
        organisation_id(&raw.0)?,
        raw.1.parse().map_err(|_| Error::NotFound)?,
    ))
}

#[derive(Deserialize)]
struct Empty {}

async fn invite(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<InviteForm>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let form = submitted.form;
    let new = NewInvitation {
        email: form.email.clone(),
        role: form.role.clone(),
    };
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let base = signed_in.page.origin.base_url.clone();
    let org = id.clone();
    let outcome = state
        .db(move |conn| invitations::invite(conn, &tenant, &base, &me, &org, &new))
        .await;
    let (errors, status) = match outcome {
        Ok(sent) => {
            tracing::info!(user = %signed_in.user.id, invitation = %sent.id, "organisation invitation sent");
            return Ok(see_other(&format!(
                "/organisations/{id}/members?done=invited"
            )));
        }
        Err(Error::RateLimited { retry_after }) => (
            FormErrors::one(
                "email",
                "too_many_invitations",
                Words::of2(
                    "organisations-error-too-many-invitations",
                    "n",
                    invitations::DAILY_LIMIT,
                    "wait",
                    crate::error::wait_in(retry_after, signed_in.page.language),
                ),
            ),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(e) => (FormErrors::from_error(e)?, StatusCode::UNPROCESSABLE_ENTITY),
    };
    members_page(&state, &signed_in, &id, None, None, form, errors, status).await
}

async fn resend(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let (id, invitation) = ids(&path)?;
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let base = signed_in.page.origin.base_url.clone();
    let org = id.clone();
    state
        .db(move |conn| invitations::resend(conn, &tenant, &base, &me, &org, &invitation))
        .await?;
    Ok(see_other(&format!(
        "/organisations/{id}/members?done=resent"
    )))
}

async fn revoke(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let (id, invitation) = ids(&path)?;
    let me = signed_in.user.clone();
    let org = id.clone();
    state
        .db(move |conn| invitations::revoke(conn, &me.tenant_id, &me, &org, &invitation))
        .await?;
    Ok(see_other(&format!(
        "/organisations/{id}/members?done=revoked"
    )))
}

/// Who is reading an invitation's page.
enum Reader {
    SignedOut,
    /// Signed in with another address than the one invited.
    SomeoneElse,
    /// The person invited; when they are a member already, what that
    /// means for the invitation, in a sentence.
    Invited {
        current: Option<String>,
    },
}

#[derive(Template)]
#[template(path = "organisations/invitation.html")]
struct InvitationPage {
    chrome: Chrome,
    token: String,
    org_id: String,
    org_name: String,
    invited_by: String,
    role: String,
    meaning: String,
    expires: String,
    /// The invited address with most of it hidden, for the wrong account.
    masked_email: String,
    reader: Reader,
    /// `?next=` back to this page, for signing in or registering.
    next_query: String,
}

#[derive(Template)]
#[template(path = "organisations/invitation_gone.html")]
struct GonePage {
    chrome: Chrome,
}

/// The one answer for any link that cannot be used, whatever the reason.
fn gone(page: &Page) -> Result<HttpResponse> {
    render::page_with_status(
        StatusCode::NOT_FOUND,
        &GonePage {
            chrome: page.chrome(),
        },
    )
}

async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let token = path.into_inner();
    let tenant = page.tenant.id.clone();
    let reader = page.user().cloned();
    let for_lookup = token.clone();
    let found = state
        .db(move |conn| {
            let Some(opened) = invitations::open(conn, &tenant, &for_lookup, reader.as_ref())?
            else {
                return Ok(None);
            };
            let current = match &reader {
                Some(r) if invitations::is_for(&opened.invitation, r) => Some(
                    super::service::membership(conn, &tenant, &opened.organisation.id, &r.id)?,
                ),
                _ => None,
            };
            Ok(Some((opened, current)))
        })
        .await?;
    let Some((opened, current)) = found else {
        return gone(&page);
    };
    let Opened {
        invitation,
        organisation,
        invited_by,
    } = opened;
    let lang = page.language;
    let org = organisation.name.as_str();
    let reader = match (page.user(), current) {
        (None, _) => Reader::SignedOut,
        (Some(_), None) => Reader::SomeoneElse,
        (Some(_), Some(role)) => Reader::Invited {
            current: role.map(|r| match r {
                MemberRole::Admin => lang.t1("organisations-invitation-already-admin", "org", org),
                MemberRole::Member => {
                    lang.t1("organisations-invitation-already-member", "org", org)
                }
            }),
        },
    };
    let (role, meaning) = match invitation.role() {
        MemberRole::Admin => (
            lang.t("organisations-invitation-role-admin"),
            lang.t("organisations-invitation-meaning-admin"),
        ),
        MemberRole::Member => (
            lang.t("organisations-invitation-role-member"),
            lang.t("organisations-invitation-meaning-member"),
        ),
    };
    let next_query = render::next_query(&format!("{}{token}", invitations::LINK_PATH));
    render::page(&InvitationPage {
        chrome: page.chrome(),
        org_id: organisation.id.to_string(),
        org_name: organisation.name.clone(),
        invited_by: invited_by
            .unwrap_or_else(|| lang.t1("organisations-invitation-one-of-the-admins", "org", org)),
        role,
        meaning,
        expires: lang.date(&invitation.expires_at),
        masked_email: invitations::masked(&invitation.email),
        token,
        reader,
        next_query,
    })
}

/// Where someone who is not signed in is sent back to: the invitation's
/// page, which offers signing in.
fn back_to(token: &str) -> HttpResponse {
    see_other(&format!(
        "{}{}",
        invitations::LINK_PATH,
        percent_encoding::utf8_percent_encode(token, render::UNRESERVED)
    ))
}

/// The answer the person invited gave on the invitation's page.
#[derive(Clone, Copy)]
enum Answer {
    Accept,
    Decline,
}

/// Accepts or declines as the signed-in person, then goes to the
/// organisation's profile with what happened; someone not signed in goes
/// back to the invitation, and an unusable link gets its one page.
async fn answer(
    state: &AppState,
    token: String,
    page: Page,
    answer: Answer,
) -> Result<HttpResponse> {
    let Some(me) = page.user().cloned() else {
        return Ok(back_to(&token));
    };
    let outcome = state
        .db(move |conn| {
            let tenant = me.tenant_id.clone();
            Ok(match answer {
                Answer::Accept => {
                    let accepted = invitations::accept(conn, &tenant, &me, &token)?;
                    let done = match (accepted.already_member, accepted.role) {
                        (true, _) => "already_member",
                        (false, super::MemberRole::Admin) => "joined_admin",
                        (false, super::MemberRole::Member) => "joined_member",
                    };
                    (accepted.organisation.id, done)
                }
                Answer::Decline => (
                    invitations::decline(conn, &tenant, &me, &token)?.id,
                    "invitation_declined",
                ),
            })
        })
        .await;
    match outcome {
        Ok((org, done)) => {
            tracing::info!(organisation = %org, done, "organisation invitation answered");
            Ok(see_other(&format!("/organisations/{org}?done={done}")))
        }
        Err(Error::NotFound) => gone(&page),
        Err(e) => Err(e),
    }
}

async fn accept(
    state: web::Data<AppState>,
    path: web::Path<String>,
    submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    answer(&state, path.into_inner(), submitted.page, Answer::Accept).await
}

async fn decline(
    state: web::Data<AppState>,
    path: web::Path<String>,
    submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    answer(&state, path.into_inner(), submitted.page, Answer::Decline).await
}
