//! MERGE POINT: everything polls need from boards, in one place. Each
//! function is a call to the boards room's service; polls never read
//! boards' tables.

use crate::accounts::User;
use crate::db::ids::{TenantId, UserId};
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::voting::Constituency;

// Until boards land: their id type. (Replaced by `crate::db::ids::BoardId`.)
crate::define_id!(
    /// A co-design board.
    BoardId
);

/// What polls show of their board.
#[derive(Debug, Clone)]
pub struct BoardInfo {
    pub id: BoardId,
    pub title: String,
}

/// The board, if `viewer` may see it (404 otherwise, as for another
/// place's board).
pub fn visible(
    _conn: &mut DbConn,
    _tenant: &TenantId,
    _id: &BoardId,
    _viewer: Option<&User>,
) -> Result<BoardInfo> {
    Err(Error::NotFound)
}

pub fn is_facilitator(
    _conn: &mut DbConn,
    _tenant: &TenantId,
    _board: &BoardId,
    _user: &UserId,
) -> Result<bool> {
    Ok(false)
}

pub fn is_member(
    _conn: &mut DbConn,
    _tenant: &TenantId,
    _board: &BoardId,
    _user: &UserId,
) -> Result<bool> {
    Ok(false)
}

/// Who may vote when a poll opens: the board's members (an organisation's
/// staff for their organisation), each in their constituency.
pub fn eligible_voters(
    _conn: &mut DbConn,
    _tenant: &TenantId,
    _board: &BoardId,
) -> Result<Vec<(UserId, Constituency)>> {
    Ok(Vec::new())
}

/// Whether the person took part in one of the board's workshops in person
/// (so a facilitator may cast a ballot for them).
pub fn attended_in_person(
    _conn: &mut DbConn,
    _tenant: &TenantId,
    _board: &BoardId,
    _user: &UserId,
) -> Result<bool> {
    Ok(false)
}
