//! The stories API.
