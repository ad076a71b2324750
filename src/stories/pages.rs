//! Story pages.
