//! Reading and changing profiles.

use std::collections::BTreeMap;

use chrono::Utc;
use diesel::prelude::*;

use super::model::{Field, Profile, ProfileChanges, ProfileView, Viewer, Visibility};
use crate::accounts::service as accounts;
use crate::accounts::User;
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::{profiles, users};
use crate::db::DbConn;
use crate::error::{Error, Result};

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = profiles)]
struct ProfileRow {
    tenant_id: TenantId,
    user_id: UserId,
    pronouns: Option<String>,
    bio: Option<String>,
    neighbourhood: Option<String>,
    skills: String,
    interests: String,
    visibility: String,
    updated_at: chrono::NaiveDateTime,
}

fn from_row(display_name: &str, row: Option<ProfileRow>) -> Profile {
    let Some(row) = row else {
        return Profile {
            display_name: display_name.to_owned(),
            pronouns: None,
            bio: None,
            home_area: None,
            skills: vec![],
            interests: vec![],
            visibility: BTreeMap::new(),
        };
    };
    let visibility = visibility_of(&row.visibility);
    Profile {
        display_name: display_name.to_owned(),
        pronouns: row.pronouns,
        bio: row.bio,
        home_area: row.neighbourhood,
        skills: serde_json::from_str(&row.skills).unwrap_or_default(),
        interests: serde_json::from_str(&row.interests).unwrap_or_default(),
        visibility,
    }
}

fn visibility_of(stored: &str) -> BTreeMap<Field, Visibility> {
    match serde_json::from_str::<BTreeMap<String, String>>(stored) {
        Ok(map) => map
            .iter()
            .filter_map(|(k, v)| Some((Field::parse(k)?, Visibility::parse(v)?)))
            .collect(),
        // Settings that cannot be read show nothing to anyone but the owner.
        Err(_) => Field::ALL
            .iter()
            .map(|f| (*f, Visibility::Private))
            .collect(),
    }
}

/// A person's account and whole profile.
pub fn load(conn: &mut DbConn, tenant: &TenantId, id: &UserId) -> Result<Option<(User, Profile)>> {
    let Some(user) = accounts::find_user(conn, tenant, id)? else {
        return Ok(None);
    };
    let row: Option<ProfileRow> = profiles::table
        .find((tenant, id))
        .select(ProfileRow::as_select())
        .first(conn)
        .optional()?;
    let profile = from_row(&user.display_name, row);
    Ok(Some((user, profile)))
}

/// Applies a person's changes to their own profile, all or nothing.
pub fn update(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &UserId,
    changes: &ProfileChanges,
) -> Result<Profile> {
    crate::db::write_transaction(conn, |conn| {
        let (user, mut profile) = load(conn, tenant, id)?.ok_or(Error::NotFound)?;
        changes.apply_to(&mut profile)?;
        let now = Utc::now().naive_utc();
        if profile.display_name != user.display_name {
            diesel::update(users::table.find((tenant, id)))
                .set((
                    users::display_name.eq(&profile.display_name),
                    users::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        let visibility: BTreeMap<&str, &str> = Field::ALL
            .iter()
            .map(|f| (f.as_str(), profile.visibility_of(*f).as_str()))
            .collect();
        let row = ProfileRow {
            tenant_id: tenant.clone(),
            user_id: id.clone(),
            pronouns: profile.pronouns.clone(),
            bio: profile.bio.clone(),
            neighbourhood: profile.home_area.clone(),
            skills: serde_json::to_string(&profile.skills)
                .map_err(|e| Error::Internal(e.to_string()))?,
            interests: serde_json::to_string(&profile.interests)
                .map_err(|e| Error::Internal(e.to_string()))?,
            visibility: serde_json::to_string(&visibility)
                .map_err(|e| Error::Internal(e.to_string()))?,
            updated_at: now,
        };
        // Update, or insert the first time: portable on both backends, and
        // safe because the write transaction holds the row (or the lock).
        let updated = diesel::update(profiles::table.find((tenant, id)))
            .set(&row)
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(profiles::table)
                .values(&row)
                .execute(conn)?;
        }
        Ok(profile)
    })
}

/// A profile as `viewer` (a signed-in person of this tenant, or nobody)
/// may see it. Someone of another tenant is nobody here.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &UserId,
    viewer: Option<&User>,
) -> Result<Option<ProfileView>> {
    let Some((user, profile)) = load(conn, tenant, id)? else {
        return Ok(None);
    };
    let who = who_views(tenant, &user.id, viewer);
    Ok(Some(profile.seen_by(user.id.as_str(), who)))
}

/// How `viewer` stands to `user`'s profile.
fn who_views(tenant: &TenantId, person: &UserId, viewer: Option<&User>) -> Viewer {
    match viewer {
        Some(v) if v.tenant_id == *tenant && v.id == *person => Viewer::Owner,
        Some(v) if v.tenant_id == *tenant => Viewer::Member,
        _ => Viewer::Anonymous,
    }
}

/// The names of many people as `viewer` may see them (`None`: kept
/// private from this viewer), in one query: every page that names people
/// asks this, and the name with its visibility is all it needs of the
/// profile. People who no longer exist are left out.
pub fn shown_names(
    conn: &mut DbConn,
    tenant: &TenantId,
    ids: &[UserId],
    viewer: Option<&User>,
) -> Result<Vec<(UserId, Option<String>)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Joined here rather than through the accounts room's service: a
    // second query was a second round trip on every such page.
    let rows: Vec<(UserId, String, Option<String>)> = crate::db::direct!(conn, |c| users::table
        .left_join(
            profiles::table.on(profiles::tenant_id
                .eq(users::tenant_id)
                .and(profiles::user_id.eq(users::id))),
        )
        .filter(users::tenant_id.eq(tenant))
        .filter(crate::db::one_of(users::id, ids))
        .select((
            users::id,
            users::display_name,
            profiles::visibility.nullable()
        ))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, visibility)| {
            let profile = Profile {
                display_name,
                pronouns: None,
                bio: None,
                home_area: None,
                skills: vec![],
                interests: vec![],
                visibility: visibility.as_deref().map(visibility_of).unwrap_or_default(),
            };
            let name = profile
                .seen_by(id.as_str(), who_views(tenant, &id, viewer))
                .display_name;
            (id, name)
        })
        .collect())
}

/// Removes the profile (erasure).
pub fn delete(conn: &mut DbConn, tenant: &TenantId, id: &UserId) -> Result<()> {
    diesel::delete(profiles::table.find((tenant, id))).execute(conn)?;
    Ok(())
}
