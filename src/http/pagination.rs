//! Lists come a page at a time: `?page=N&per_page=M` (default 20, at most
//! 100), answered on the API as `{items, page, per_page, total}`.

use crate::error::Result;

pub const DEFAULT_PER_PAGE: i64 = 20;
pub const MAX_PER_PAGE: i64 = 100;

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    /// Which page, from 1.
    pub page: Option<i64>,
    /// How many items a page holds (1 to 100, default 20).
    pub per_page: Option<i64>,
}

impl PageQuery {
    /// The page and page size asked for, checked.
    pub fn resolve(&self) -> Result<(i64, i64)> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        let mut problems = crate::error::Problems::default();
        if page < 1 {
            problems.add("page", "out_of_range", "page numbers start at 1");
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            problems.add(
                "per_page",
                "out_of_range",
                format!("per_page must be from 1 to {MAX_PER_PAGE}"),
            );
        }
        problems.into_result().map(|_| (page, per_page))
    }
}

/// One page of a list.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Paginated<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

impl<T> Paginated<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Page links for HTML lists: previous and next, when they exist.
pub struct PageLinks {
    pub previous: Option<i64>,
    pub next: Option<i64>,
    pub page: i64,
    pub pages: i64,
}

impl PageLinks {
    pub fn new(page: i64, per_page: i64, total: i64) -> Self {
        let pages = ((total + per_page - 1) / per_page).max(1);
        Self {
            previous: (page > 1).then(|| page - 1),
            next: (page < pages).then(|| page + 1),
            page,
            pages,
        }
    }
}
