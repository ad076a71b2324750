//! The rules of areas: checked input, names unique among siblings, parents
//! of the same tenant, no removal while children remain; every change is
//! written to the audit log with the area's id (never its text).

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::{
    check_description, check_name, check_point, degrees, Area, AreaChanges, AreaKind, NewArea,
};
use crate::audit::{self, Event, Kind};
use crate::db::ids::{AreaId, TenantId, UserId};
use crate::db::schema::areas;
use crate::db::DbConn;
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::http::pagination::Paging;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = areas)]
struct AreaRow {
    tenant_id: TenantId,
    id: AreaId,
    parent_id: Option<AreaId>,
    name: String,
    kind: String,
    description: Option<String>,
    latitude_micro: Option<i64>,
    longitude_micro: Option<i64>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl AreaRow {
    fn into_area(self) -> Area {
        Area {
            id: self.id,
            parent_id: self.parent_id,
            name: self.name,
            // A kind this version does not know reads as "other".
            kind: AreaKind::parse(&self.kind).unwrap_or(AreaKind::Other),
            description: self.description,
            latitude: self.latitude_micro.map(degrees),
            longitude: self.longitude_micro.map(degrees),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Which areas a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    TopLevel,
    ChildrenOf(AreaId),
}

/// One page of the tenant's areas, by name.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    scope: &Scope,
    paging: Paging,
) -> Result<(Vec<Area>, i64)> {
    let filtered = || {
        let mut query = areas::table
            .filter(areas::tenant_id.eq(tenant.clone()))
            .into_boxed();
        match scope {
            Scope::Everywhere => {}
            Scope::TopLevel => query = query.filter(areas::parent_id.is_null()),
            Scope::ChildrenOf(parent) => query = query.filter(areas::parent_id.eq(parent.clone())),
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<AreaRow> = filtered()
        .order((areas::name.asc(), areas::id.asc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(AreaRow::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(AreaRow::into_area).collect(), total))
}

/// Every area of the tenant, by name: for the pages, which show the
/// whole tree (a place has hundreds of areas, not millions).
pub fn all(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<Area>> {
    let rows: Vec<AreaRow> = areas::table
        .filter(areas::tenant_id.eq(tenant))
        .order((areas::name.asc(), areas::id.asc()))
        .select(AreaRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(AreaRow::into_area).collect())
}

/// An area of this tenant; another tenant's id finds nothing.
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &AreaId) -> Result<Option<Area>> {
    Ok(areas::table
        .find((tenant, id))
        .select(AreaRow::as_select())
        .first(conn)
        .optional()?
        .map(AreaRow::into_area))
}

/// Whether a sibling (same parent, or top level) already has this name,
/// compared without regard to case; `except` is the area being renamed.
fn name_taken(
    conn: &mut DbConn,
    tenant: &TenantId,
    parent: Option<&AreaId>,
    name: &str,
    except: Option<&AreaId>,
) -> Result<bool> {
    let mut query = areas::table
        .filter(areas::tenant_id.eq(tenant))
        .select((areas::id, areas::name))
        .into_boxed();
    // NULL parents are distinct in the unique index, so top-level names are
    // only kept unique here.
    query = match parent {
        Some(p) => query.filter(areas::parent_id.eq(p.clone())),
        None => query.filter(areas::parent_id.is_null()),
    };
    let siblings: Vec<(AreaId, String)> = query.load(conn)?;
    let wanted = name.to_lowercase();
    Ok(siblings
        .iter()
        .any(|(id, n)| Some(id) != except && n.to_lowercase() == wanted))
}

fn name_clash() -> Error {
    Error::conflict("area_name_taken", Words::of("places-error-name-taken"))
}

/// Reads a parent id sent by a client: it must be an area of this tenant.
fn resolve_parent(conn: &mut DbConn, tenant: &TenantId, raw: &str) -> Result<AreaId, FieldError> {
    let unknown = || {
        FieldError::new(
            "parent_id",
            "unknown",
            Words::of("places-error-parent-unknown"),
        )
    };
    let id: AreaId = raw.trim().parse().map_err(|_| unknown())?;
    match find(conn, tenant, &id) {
        Ok(Some(_)) => Ok(id),
        _ => Err(unknown()),
    }
}

/// Adds an area.
/// `by` is the admin, or nobody for the command line.
pub fn create(
    conn: &mut DbConn,
    tenant: &TenantId,
    by: Option<&UserId>,
    new: &NewArea,
) -> Result<Area> {
    crate::db::write_transaction(conn, |conn| {
        let mut problems = Problems::default();
        let name = problems.check("name", check_name(&new.name));
        let kind = match new.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            Some(raw) => problems.check("kind", AreaKind::parse(raw)),
            None => Some(AreaKind::Other),
        };
        let description = problems.check(
            "description",
            check_description(new.description.as_deref().unwrap_or("")),
        );
        let point = check_point(&mut problems, new.latitude, new.longitude);
        let parent = match new.parent_id.as_deref().filter(|p| !p.trim().is_empty()) {
            Some(raw) => problems.check("parent_id", resolve_parent(conn, tenant, raw).map(Some)),
            None => Some(None),
        };
        problems.into_result()?;
        let (Some(name), Some(kind), Some(description), Some(point), Some(parent)) =
            (name, kind, description, point, parent)
        else {
            return Err(Error::Internal("a checked area lost a field".into()));
        };
        if name_taken(conn, tenant, parent.as_ref(), &name, None)? {
            return Err(name_clash());
        }
        let now = Utc::now().naive_utc();
        let row = AreaRow {
            tenant_id: tenant.clone(),
            id: AreaId::new(),
            parent_id: parent,
            name,
            kind: kind.as_str().to_owned(),
            description,
            latitude_micro: point.map(|p| p.0),
            longitude_micro: point.map(|p| p.1),
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(areas::table)
            .values(&row)
            .execute(conn)
            .map_err(unique_as_clash)?;
        audit::service::record(conn, tenant, event(Kind::AreaCreated, by, &row.id))?;
        Ok(row.into_area())
    })
}

/// Changes an area's name, kind, description or point.
pub fn update(
    conn: &mut DbConn,
    tenant: &TenantId,
    by: Option<&UserId>,
    id: &AreaId,
    changes: &AreaChanges,
) -> Result<Area> {
    crate::db::write_transaction(conn, |conn| {
        let area = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
        let mut problems = Problems::default();
        let name = match &changes.name {
            Some(raw) => problems.check("name", check_name(raw)),
            None => Some(area.name.clone()),
        };
        let kind = match &changes.kind {
            Some(raw) => problems.check("kind", AreaKind::parse(raw)),
            None => Some(area.kind),
        };
        let description = match &changes.description {
            Some(raw) => problems.check("description", check_description(raw)),
            None => Some(area.description.clone()),
        };
        let latitude = changes.latitude.unwrap_or(area.latitude);
        let longitude = changes.longitude.unwrap_or(area.longitude);
        let point = check_point(&mut problems, latitude, longitude);
        problems.into_result()?;
        let (Some(name), Some(kind), Some(description), Some(point)) =
            (name, kind, description, point)
        else {
            return Err(Error::Internal("a checked area lost a field".into()));
        };
        if name_taken(conn, tenant, area.parent_id.as_ref(), &name, Some(id))? {
            return Err(name_clash());
        }
        diesel::update(areas::table.find((tenant, id)))
            .set((
                areas::name.eq(&name),
                areas::kind.eq(kind.as_str()),
                areas::description.eq(&description),
                areas::latitude_micro.eq(point.map(|p| p.0)),
                areas::longitude_micro.eq(point.map(|p| p.1)),
                areas::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)
            .map_err(unique_as_clash)?;
        audit::service::record(conn, tenant, event(Kind::AreaUpdated, by, id))?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// Removes an area that has no areas inside it.
pub fn delete(conn: &mut DbConn, tenant: &TenantId, by: &UserId, id: &AreaId) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        let area = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
        let children: i64 = areas::table
            .filter(areas::tenant_id.eq(tenant))
            .filter(areas::parent_id.eq(id))
            .count()
            .get_result(conn)?;
        if children > 0 {
            return Err(Error::conflict(
                "area_has_children",
                Words::of1("places-error-has-children", "n", children),
            ));
        }
        let proposals = crate::proposals::service::count_in_area(conn, tenant, id)?;
        if proposals > 0 {
            return Err(Error::conflict(
                "area_in_use",
                Words::of1("places-error-in-use", "n", proposals),
            ));
        }
        // What is in the area stays on the map, in the area around it.
        crate::assets::service::area_removed(conn, tenant, id, area.parent_id.as_ref())?;
        crate::stories::service::area_removed(conn, tenant, id, area.parent_id.as_ref())?;
        diesel::delete(areas::table.find((tenant, id))).execute(conn)?;
        audit::service::record(conn, tenant, event(Kind::AreaDeleted, Some(by), id))?;
        Ok(())
    })
}

/// An audit event about an area, by its id only (names are free text).
fn event(kind: Kind, by: Option<&UserId>, area: &AreaId) -> Event {
    let event = Event::new(kind).detail(json!({ "area_id": area }));
    match by {
        Some(admin) => event.by(admin),
        None => event,
    }
}

/// Two admins adding the same name at once: the index refuses the second,
/// which is the same clash the check above reports.
fn unique_as_clash(e: diesel::result::Error) -> Error {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => name_clash(),
        other => other.into(),
    }
}
