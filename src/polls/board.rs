//! MERGE POINT: everything polls need from boards, in one place. Each
//! function is a call to the boards room's service; polls never read
//! boards' tables.

use crate::accounts::User;
use crate::db::ids::{TenantId, UserId};
use crate::db::DbConn;
use crate::error::Result;
use crate::voting::Constituency;

pub use crate::db::ids::BoardId;

/// What polls show of their board.
#[derive(Debug, Clone)]
pub struct BoardInfo {
    pub id: BoardId,
    pub title: String,
}

/// The board, if `viewer` may see it (404 otherwise, as for another
/// place's board).
pub fn visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &BoardId,
    viewer: Option<&User>,
) -> Result<BoardInfo> {
    let board = crate::boards::service::visible(conn, tenant, id, viewer)?;
    Ok(BoardInfo {
        id: board.id,
        title: board.title,
    })
}

pub fn is_facilitator(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<bool> {
    crate::boards::service::is_facilitator(conn, tenant, board, user)
}

pub fn is_member(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<bool> {
    crate::boards::service::is_member(conn, tenant, board, user)
}

/// Who may vote when a poll opens: the board's members (an organisation's
/// staff for their organisation), each in their constituency.
pub fn eligible_voters(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
) -> Result<Vec<(UserId, Constituency)>> {
    crate::boards::service::eligible_voters(conn, tenant, board)
}

/// Whether the person took part in one of the board's workshops in person
/// (so a facilitator may cast a ballot for them).
pub fn attended_in_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<bool> {
    crate::boards::service::attended_in_person(conn, tenant, board, user)
}
