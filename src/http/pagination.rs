//! Lists come a page at a time: `?page=N&per_page=M` (pages from 1,
//! default 20 a page, at most 100), answered on the API as `{items, page,
//! per_page, total}`. Bad values are field errors (422), never a guess.

use crate::error::{Problems, Result, Words};

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

/// The query of a paginated list, as sent (numbers are checked by
/// [`Paging::parse`] so a typo gets a field error, not a generic 400).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Which page, from 1 (default 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1_000_000)]
    pub page: Option<String>,
    /// Items per page, 1 to 100 (default 20).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    pub fn parse(query: &PageQuery) -> Result<Self> {
        let mut problems = Problems::default();
        let mut number = |field: &str, raw: Option<&str>, default: u32, max: u32| {
            let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
                return default;
            };
            match raw.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => n,
                _ => {
                    problems.add(
                        field,
                        "invalid",
                        Words::of1("error-page-number-invalid", "max", i64::from(max)),
                    );
                    default
                }
            }
        };
        let page = number("page", query.page.as_deref(), 1, 1_000_000);
        let per_page = number(
            "per_page",
            query.per_page.as_deref(),
            DEFAULT_PER_PAGE,
            MAX_PER_PAGE,
        );
        problems.into_result()?;
        Ok(Self { page, per_page })
    }

    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(self) -> i64 {
        i64::from(self.per_page)
    }

    /// The list's total, when this page (of `shown` items) already tells
    /// it: a page short of full ends the list, unless it is empty past the
    /// first page (asked beyond the end). Saves counting the common case,
    /// a short list on its first page.
    pub fn total_if_last(self, shown: usize) -> Option<i64> {
        let shown = i64::try_from(shown).ok()?;
        let short = shown < self.limit();
        (short && (shown > 0 || self.page == 1)).then(|| self.offset() + shown)
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
    pub fn new(items: Vec<T>, paging: Paging, total: i64) -> Self {
        Self {
            items,
            page: i64::from(paging.page),
            per_page: i64::from(paging.per_page),
            total,
        }
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
    pub fn new(paging: Paging, total: i64) -> Self {
        let (page, per_page) = (i64::from(paging.page), i64::from(paging.per_page));
        let pages = ((total + per_page - 1) / per_page).max(1);
        Self {
            previous: (page > 1).then(|| page - 1),
            next: (page < pages).then(|| page + 1),
            page,
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_page_tells_the_total_and_a_full_or_empty_later_one_does_not() {
        let page = |page, per_page| Paging { page, per_page };
        assert_eq!(page(1, 20).total_if_last(0), Some(0));
        assert_eq!(page(1, 20).total_if_last(7), Some(7));
        assert_eq!(page(3, 20).total_if_last(5), Some(45));
        assert_eq!(page(1, 20).total_if_last(20), None);
        assert_eq!(page(3, 20).total_if_last(0), None);
    }

    fn q(page: Option<&str>, per_page: Option<&str>) -> PageQuery {
        PageQuery {
            page: page.map(str::to_owned),
            per_page: per_page.map(str::to_owned),
        }
    }

    #[test]
    fn defaults_bounds_and_offsets() {
        let p = Paging::parse(&q(None, None)).unwrap();
        assert_eq!((p.page, p.per_page, p.offset()), (1, 20, 0));
        let p = Paging::parse(&q(Some("3"), Some("10"))).unwrap();
        assert_eq!((p.offset(), p.limit()), (20, 10));
        for (page, per) in [(Some("0"), None), (Some("x"), None), (None, Some("101"))] {
            assert!(Paging::parse(&q(page, per)).is_err());
        }
    }
}
