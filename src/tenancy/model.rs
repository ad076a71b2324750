//! Tenant records and the small types that keep their invariants.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::ids::TenantId;
use crate::db::schema::{tenant_hosts, tenants};

/// A tenant as handlers and services see it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = tenants)]
pub struct Tenant {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub default_language: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Tenant {
    pub fn status(&self) -> TenantStatus {
        TenantStatus::parse(&self.status)
    }
}

/// Whether a tenant serves its people. A suspended tenant answers every
/// request with a "paused" page until an operator reopens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantStatus {
    Active,
    Suspended,
}

impl TenantStatus {
    /// How the status is stored and shown to programs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }

    /// Reads a status someone asked for (a form, the API); unlike stored
    /// values, anything unknown is refused rather than guessed.
    pub fn from_input(raw: &str) -> Option<Self> {
        match raw.trim() {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            _ => None,
        }
    }

    fn parse(raw: &str) -> Self {
        // The column has a CHECK constraint; anything unexpected is treated
        // as the safe choice.
        if raw == "active" {
            Self::Active
        } else {
            Self::Suspended
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = tenants)]
pub(super) struct NewTenant<'a> {
    pub id: &'a TenantId,
    pub slug: &'a str,
    pub name: &'a str,
    pub status: &'a str,
    pub default_language: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = tenant_hosts)]
pub(super) struct NewTenantHost<'a> {
    pub host: &'a str,
    pub tenant_id: &'a TenantId,
    pub created_at: NaiveDateTime,
}

/// A tenant's short name, used in URLs, the CLI and configuration:
/// 2–40 characters of lowercase letters, digits and single hyphens,
/// starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(2..=40).contains(&s.len())
            || !ok_chars
            || !s.starts_with(|c: char| c.is_ascii_lowercase())
            || s.ends_with('-')
            || s.contains("--")
        {
            return Err(format!(
                "`{raw}` is not a valid slug: use 2 to 40 lowercase letters, digits and single hyphens, starting with a letter (for example `coventry`)"
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A hostname as tenants are looked up by: lowercase, without port or
/// trailing dot. IPv6 literals keep their brackets (`[::1]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hostname(String);

impl Hostname {
    /// Parses a configured hostname (CLI, settings). Strict: no port.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let lowered = raw.trim().trim_end_matches('.').to_ascii_lowercase();
        let bad = || {
            format!("`{raw}` is not a hostname; give a name like `coventry.example.org`, `localhost` or an IP address, without `http://` or a port")
        };
        if lowered.is_empty() || lowered.len() > 253 {
            return Err(bad());
        }
        if let Some(inner) = lowered.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            // One spelling per address (`[0:0::1]` is `[::1]`), so an
            // address is one key and loopback is recognised.
            let v6 = inner.parse::<std::net::Ipv6Addr>().map_err(|_| bad())?;
            return Ok(Self(format!("[{v6}]")));
        }
        if let Ok(v6) = lowered.parse::<std::net::Ipv6Addr>() {
            return Ok(Self(format!("[{v6}]")));
        }
        let labels_ok = lowered.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if !labels_ok {
            return Err(bad());
        }
        Ok(Self(lowered))
    }

    /// Reads the host out of a `Host` header value: the port is ignored and
    /// case does not matter. Anything malformed yields `None`.
    pub fn from_header(value: &str) -> Option<Self> {
        let value = value.trim();
        let host = if value.starts_with('[') {
            // [v6]:port or [v6]
            let end = value.find(']')?;
            &value[..=end]
        } else {
            match value.rsplit_once(':') {
                Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
                Some(_) => return None,
                None => value,
            }
        };
        Self::parse(host).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Loopback names are development machines: always plain HTTP.
    pub fn is_loopback(&self) -> bool {
        matches!(self.0.as_str(), "localhost" | "127.0.0.1" | "[::1]")
    }

    /// Where people reach this host, for links in email: `https` unless
    /// every host is served over plain HTTP or this one is loopback, and a
    /// port only when one is given.
    pub fn base_url(&self, insecure_http: bool, port: Option<u16>) -> String {
        let scheme = if insecure_http || self.is_loopback() {
            "http"
        } else {
            "https"
        };
        match port {
            Some(port) => format!("{scheme}://{}:{port}", self.0),
            None => format!("{scheme}://{}", self.0),
        }
    }
}

impl std::fmt::Display for Hostname {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("coventry").is_ok());
        assert!(Slug::parse("west-midlands-2").is_ok());
        for bad in [
            "",
            "a",
            "Coventry",
            "2cov",
            "cov--x",
            "cov-",
            "cov entry",
            "cóv",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn hosts_from_headers_ignore_port_and_case() {
        let h = |v| Hostname::from_header(v).map(|h| h.0);
        assert_eq!(
            h("Coventry.Example.ORG:8080").as_deref(),
            Some("coventry.example.org")
        );
        assert_eq!(h("localhost").as_deref(), Some("localhost"));
        assert_eq!(h("127.0.0.1:3000").as_deref(), Some("127.0.0.1"));
        assert_eq!(h("[::1]:8080").as_deref(), Some("[::1]"));
        assert_eq!(h("example.org.").as_deref(), Some("example.org"));
        assert_eq!(h("evil.org:80x"), None);
        assert_eq!(h("a b.org"), None);
        assert_eq!(h(""), None);
    }

    #[test]
    fn base_urls_use_https_except_on_loopback() {
        let h = |v| Hostname::parse(v).unwrap();
        assert_eq!(h("x.org").base_url(false, None), "https://x.org");
        assert_eq!(h("x.org").base_url(true, Some(8080)), "http://x.org:8080");
        assert_eq!(
            h("localhost").base_url(false, Some(8080)),
            "http://localhost:8080"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Hostnames as people type them: DNS labels in any case, maybe a
        /// trailing dot, maybe spaces around.
        fn typed_host() -> impl Strategy<Value = String> {
            (
                proptest::collection::vec("[a-zA-Z0-9]([a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?", 1..4),
                any::<bool>(),
                " {0,2}",
            )
                .prop_map(|(labels, dot, pad)| {
                    format!(
                        "{pad}{}{}{pad}",
                        labels.join("."),
                        if dot { "." } else { "" }
                    )
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// A parsed hostname is already normal: parsing it again, or
            /// reading it from a `Host` header with any port or case, gives
            /// the same tenant key.
            #[test]
            fn hostnames_normalise_once_whatever_the_case_or_port(raw in typed_host(), port in any::<u16>()) {
                let host = Hostname::parse(&raw).unwrap();
                prop_assert_eq!(host.as_str(), host.as_str().to_ascii_lowercase());
                prop_assert!(!host.as_str().ends_with('.') && !host.as_str().contains(' '));
                prop_assert_eq!(Hostname::parse(host.as_str()), Ok(host.clone()));
                prop_assert_eq!(Hostname::parse(&raw.to_ascii_uppercase()), Ok(host.clone()));
                let header = format!("{}:{port}", raw.trim());
                prop_assert_eq!(Hostname::from_header(&header), Some(host.clone()));
                prop_assert_eq!(Hostname::from_header(&header.to_ascii_uppercase()), Some(host));
            }

            /// Two hostnames that differ other than in case, a trailing dot
            /// or a port are different keys: one place's host never finds
            /// another place.
            #[test]
            fn different_hostnames_never_share_a_key(a in typed_host(), b in typed_host()) {
                let norm = |s: &str| s.trim().trim_end_matches('.').to_ascii_lowercase();
                prop_assume!(norm(&a) != norm(&b));
                prop_assert_ne!(Hostname::parse(&a).unwrap(), Hostname::parse(&b).unwrap());
            }

            /// A `Host` header is either refused or names a host that
            /// parses to itself; it never panics.
            #[test]
            fn any_host_header_is_read_or_refused(value in "\\PC{0,40}") {
                if let Some(host) = Hostname::from_header(&value) {
                    prop_assert_eq!(Hostname::parse(host.as_str()), Ok(host));
                }
            }

            /// An IPv6 address is one key however it is written: bracketed
            /// or not, compressed or not, in any case.
            #[test]
            fn an_ipv6_address_is_one_key_however_written(bits in any::<u128>()) {
                let ip = std::net::Ipv6Addr::from(bits);
                let s = ip.segments();
                let full = format!(
                    "{:x}:{:x}:{:x}:{:x}:{:x}:{:X}:{:X}:{:X}",
                    s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
                );
                let key = Hostname::parse(&format!("[{ip}]")).unwrap();
                prop_assert_eq!(key.as_str(), format!("[{ip}]"));
                for form in [ip.to_string(), full.clone(), format!("[{full}]")] {
                    prop_assert_eq!(Hostname::parse(&form), Ok(key.clone()));
                }
                prop_assert_eq!(Hostname::from_header(&format!("[{full}]:443")), Some(key));
            }

            /// Valid slugs round-trip; anything else is refused in words.
            #[test]
            fn slugs_round_trip(raw in "[a-z][a-z0-9-]{0,45}|\\PC{0,12}") {
                match Slug::parse(&raw) {
                    Ok(slug) => {
                        prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
                        prop_assert!((2..=40).contains(&slug.as_str().len()));
                        prop_assert!(!slug.as_str().contains("--") && !slug.as_str().ends_with('-'));
                    }
                    Err(message) => prop_assert!(message.contains("not a valid slug")),
                }
            }
        }
    }

    #[test]
    fn configured_hosts_refuse_urls_and_ports() {
        assert!(Hostname::parse("https://x.org").is_err());
        assert!(Hostname::parse("x.org:80").is_err());
        assert_eq!(Hostname::parse("::1").unwrap().as_str(), "[::1]");
        // Regression: a bracketed address was kept as typed, so
        // `[0:0::1]` was a different key from `[::1]` and not loopback.
        let long = Hostname::parse("[0:0:0:0:0:0:0:1]").unwrap();
        assert_eq!(long.as_str(), "[::1]");
        assert!(long.is_loopback());
        assert_eq!(
            Hostname::from_header("[0:0::1]:8080")
                .map(|h| h.0)
                .as_deref(),
            Some("[::1]")
        );
    }
}
