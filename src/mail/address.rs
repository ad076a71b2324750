//! Email addresses, parsed once at the edge.

/// An email address as people give it: trimmed, at most 254 characters,
/// one `@` with a non-empty local part and a domain with a dot (or
/// `localhost`). Stored and compared in lowercase, since people do not
/// expect `Ann@Example.org` and `ann@example.org` to be two accounts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        // The rules hold for the form that is stored: lowercasing can
        // change the length and the characters (`İ` becomes `i` and a
        // combining dot), so checking the raw form would store addresses
        // that no longer parse.
        let s = raw.trim().to_lowercase();
        let s = s.as_str();
        let bad = || "enter an email address like name@example.org".to_owned();
        if s.is_empty() || s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(bad)?;
        if local.is_empty()
            || local.len() > 64
            || local.contains('@')
            || domain.is_empty()
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
            || !(domain.contains('.') || domain.eq_ignore_ascii_case("localhost"))
            || !domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        {
            return Err(bad());
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            Email::parse(" Ann@Example.ORG ").unwrap().as_str(),
            "ann@example.org"
        );
        assert!(Email::parse("a@localhost").is_ok());
        for bad in [
            "",
            "ann",
            "ann@",
            "@x.org",
            "a b@x.org",
            "a@x",
            "a@x..org",
            "a@.x.org",
            "a@b@c.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    /// Found by fuzzing: `İ` is alphanumeric but lowercases to `i` plus a
    /// combining dot, which is not; and `ẞ`-like changes alter the length.
    #[test]
    fn what_is_stored_parses_again() {
        let table = [
            "ann@İstanbul.example",
            "İİİ@example.org",
            &format!("{}@example.org", "İ".repeat(40)),
            &format!("a@{}.org", "Ⱥ".repeat(120)),
            "ÅNGSTRÖM@Example.ORG",
            "Ǆ@example.org",
        ];
        for raw in table {
            if let Ok(email) = Email::parse(raw) {
                assert_eq!(Email::parse(email.as_str()), Ok(email.clone()), "{raw:?}");
                assert!(email.as_str().len() <= 254, "{raw:?}");
            }
        }
        assert!(Email::parse("ann@İstanbul.example").is_err());
        assert_eq!(
            Email::parse("ÅNGSTRÖM@Example.ORG").unwrap().as_str(),
            "ångström@example.org"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// Whatever is accepted is stored in a form that is accepted
            /// again, unchanged.
            #[test]
            fn what_is_stored_parses_again(raw in "\\PC{0,6}@\\PC{0,6}\\.(org|İ|ẞ)") {
                if let Ok(email) = Email::parse(&raw) {
                    prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
                    prop_assert!(email.as_str().len() <= 254);
                }
            }
        }
    }
}
