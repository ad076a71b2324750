//! The stories part of a board's page: what residents shared with that
//! board, each read through the one reading path (checked against live
//! consent and logged), with the "quote it in a report" action for
//! members of an organisation.

use askama::Template;

use super::model::{Attribution, ReadView};
use super::service;
use crate::db::ids::BoardId;
use crate::error::{Error, Result};
use crate::http::auth::Page;
use crate::http::render::Chrome;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "stories/board_section.html")]
struct Section {
    /// The board's page's chrome, for the reader's language.
    chrome: Chrome,
    stories: Vec<ReadView>,
    in_an_organisation: bool,
}

impl Section {
    fn author(&self, s: &ReadView) -> String {
        super::pages::author_name(
            self.chrome.language,
            &s.author,
            s.attribution == Attribution::Anonymous,
        )
    }
}

/// The section as HTML, for the board's page: empty for anyone not on
/// the board (they are not shown stories shared with it).
pub async fn section(state: &AppState, page: &Page, board: &BoardId) -> Result<String> {
    let Some(viewer) = page.user().cloned() else {
        return Ok(String::new());
    };
    let keys = state.keys.clone();
    let board = board.to_string();
    let chrome = page.chrome();
    let shown = state
        .db(move |conn| {
            let tenant = viewer.tenant_id.clone();
            if !service::boards_of(conn, &tenant, &viewer.id)?.contains(&board) {
                return Ok(None);
            }
            let stories = service::board_stories(conn, &keys, &tenant, &board, &viewer)?;
            let in_an_organisation =
                !crate::organisations::service::organisations_of(conn, &tenant, &viewer.id)?
                    .is_empty();
            Ok(Some(Section {
                chrome,
                stories,
                in_an_organisation,
            }))
        })
        .await?;
    match shown {
        None => Ok(String::new()),
        Some(section) => section
            .render()
            .map_err(|e| Error::Internal(format!("template failed: {e}"))),
    }
}
