//! The place's story: its history, geography and how things get done
//! there, told by its admins in Markdown and shown to everyone.

use chrono::Utc;
use diesel::prelude::*;

use crate::accounts::User;
use crate::db::ids::TenantId;
use crate::db::schema::place_stories;
use crate::db::DbConn;
use crate::error::{Error, Result, Words};

/// Longest story accepted, in characters.
pub const MAX_CHARS: usize = 20_000;

/// The story as written, if there is one.
pub fn markdown(conn: &mut DbConn, tenant: &TenantId) -> Result<Option<String>> {
    Ok(place_stories::table
        .find(tenant)
        .select(place_stories::markdown)
        .first(conn)
        .optional()?)
}

/// Replaces the story; an empty one removes it.
pub fn save(conn: &mut DbConn, tenant: &TenantId, by: &User, text: &str) -> Result<()> {
    let text = text.trim();
    if text.chars().count() > MAX_CHARS {
        return Err(Error::field(
            "story",
            "too_long",
            Words::of1("places-error-too-long", "max", MAX_CHARS),
        ));
    }
    crate::db::write_transaction(conn, |conn| {
        diesel::delete(place_stories::table.find(tenant)).execute(conn)?;
        if !text.is_empty() {
            diesel::insert_into(place_stories::table)
                .values((
                    place_stories::tenant_id.eq(tenant),
                    place_stories::markdown.eq(text),
                    place_stories::updated_at.eq(Utc::now().naive_utc()),
                ))
                .execute(conn)?;
        }
        crate::audit::service::record(
            conn,
            tenant,
            crate::audit::Event::new(crate::audit::Kind::PlaceStoryChanged).by(&by.id),
        )
    })
}
