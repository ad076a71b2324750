//! The area of the place a person lives in: one of its areas, chosen by
//! the person (never checked against a postcode, and never shown to
//! others). It lets the place ask the residents of an area, for example
//! to evaluate a proposal delivered there ([`residents_in`]).

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::User;
use crate::db::ids::{AreaId, TenantId, UserId};
use crate::db::schema::{residency_verifications, resident_areas, users};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, FieldError, Result, Words};
use crate::places::settings;

/// The area a person lives in, as they and the API see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct HomeArea {
    /// None until the person chooses one.
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    pub chosen_at: Option<NaiveDateTime>,
}

fn unknown_area() -> FieldError {
    FieldError::new(
        "area_id",
        "unknown",
        Words::of("residency-error-area-unknown"),
    )
}

/// The area a person said they live in, if any.
pub fn home_area(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<HomeArea> {
    let row: Option<(AreaId, NaiveDateTime)> = resident_areas::table
        .find((tenant, person))
        .select((resident_areas::area_id, resident_areas::chosen_at))
        .first(conn)
        .optional()?;
    let Some((area_id, chosen_at)) = row else {
        return Ok(HomeArea {
            area_id: None,
            area_name: None,
            chosen_at: None,
        });
    };
    let name = crate::places::service::find(conn, tenant, &area_id)?.map(|a| a.name);
    Ok(HomeArea {
        area_id: Some(area_id.to_string()),
        area_name: name,
        chosen_at: Some(chosen_at),
    })
}

/// Records the area a person lives in (`None` or an empty text forgets
/// it). An id that is not an area of this place is a field error.
pub fn set_home_area(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    raw: Option<&str>,
) -> Result<HomeArea> {
    let wanted = match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(raw) => Some(
            raw.parse::<AreaId>()
                .map_err(|_| Error::Validation(vec![unknown_area()]))?,
        ),
    };
    write_transaction(conn, |conn| {
        diesel::delete(resident_areas::table.find((tenant, &person.id))).execute(conn)?;
        if let Some(area) = &wanted {
            if crate::places::service::find(conn, tenant, area)?.is_none() {
                return Err(Error::Validation(vec![unknown_area()]));
            }
            diesel::insert_into(resident_areas::table)
                .values((
                    resident_areas::tenant_id.eq(tenant),
                    resident_areas::user_id.eq(&person.id),
                    resident_areas::area_id.eq(area),
                    resident_areas::chosen_at.eq(Utc::now().naive_utc()),
                ))
                .execute(conn)?;
        }
        home_area(conn, tenant, &person.id)
    })
}

/// The verified residents of the place (under its rule now) who live in
/// one of `areas`: a confirmed email address, a verification unless the
/// place asks for nothing more, and that home area.
pub fn residents_in(conn: &mut DbConn, tenant: &TenantId, areas: &[AreaId]) -> Result<Vec<UserId>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let email_is_enough = settings::residency_rule(conn, tenant)?.email_is_enough();
    let mut query = resident_areas::table
        .inner_join(
            users::table.on(users::tenant_id
                .eq(resident_areas::tenant_id)
                .and(users::id.eq(resident_areas::user_id))),
        )
        .filter(resident_areas::tenant_id.eq(tenant))
        .filter(resident_areas::area_id.eq_any(areas))
        .filter(users::email_verified_at.is_not_null())
        .into_boxed();
    if !email_is_enough {
        query = query.filter(
            resident_areas::user_id.eq_any(
                residency_verifications::table
                    .filter(residency_verifications::tenant_id.eq(tenant))
                    .select(residency_verifications::user_id),
            ),
        );
    }
    Ok(query
        .order(resident_areas::user_id.asc())
        .select(resident_areas::user_id)
        .load(conn)?)
}

/// Forgets a person's area (their erasure), inside the caller's
/// transaction.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(resident_areas::table.find((tenant, person))).execute(conn)?;
    Ok(())
}
