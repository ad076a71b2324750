//! The shapes of residency, with their rules of form (no I/O): the routes
//! a place allows, postcodes and vouching codes as typed once at the edge.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{FieldError, Words};

/// A way to show that one lives in the place, beyond a confirmed email
/// address.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// A postcode in the place's list.
    Postcode,
    /// A one-time code from an organisation the council recognises.
    Vouching,
    /// An admin of the place approves the person.
    Manual,
}

impl Route {
    pub const ALL: [Route; 3] = [Route::Postcode, Route::Vouching, Route::Manual];

    pub fn as_str(self) -> &'static str {
        match self {
            Route::Postcode => "postcode",
            Route::Vouching => "vouching",
            Route::Manual => "manual",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    /// How a person would name the route.
    pub fn label(self) -> &'static str {
        match self {
            Route::Postcode => "a postcode in the place",
            Route::Vouching => "a code from an organisation the council recognises",
            Route::Manual => "approval by the place's admins",
        }
    }

    /// [`Route::label`] in a person's language, for pages.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Route::Postcode => lang.t("residency-route-postcode"),
            Route::Vouching => lang.t("residency-route-vouching"),
            Route::Manual => lang.t("residency-route-manual"),
        }
    }
}

/// The name the rule "a confirmed email address is enough" goes by.
pub const VERIFIED_EMAIL: &str = "verified_email";

/// A place's residency rule: the routes it accepts, any one of which makes
/// a person a verified resident. No routes means a confirmed email address
/// is enough (`verified_email`), which is where every new place starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rule(BTreeSet<Route>);

impl Rule {
    pub fn of(routes: impl IntoIterator<Item = Route>) -> Self {
        Self(routes.into_iter().collect())
    }

    /// A confirmed email address is enough.
    pub fn email_is_enough(&self) -> bool {
        self.0.is_empty()
    }

    pub fn allows(&self, route: Route) -> bool {
        self.0.contains(&route)
    }

    pub fn routes(&self) -> impl Iterator<Item = Route> + '_ {
        self.0.iter().copied()
    }

    /// The names as the API and the database give them: `verified_email`
    /// alone, or the routes in a fixed order.
    pub fn names(&self) -> Vec<&'static str> {
        if self.0.is_empty() {
            vec![VERIFIED_EMAIL]
        } else {
            self.0.iter().map(|r| r.as_str()).collect()
        }
    }

    /// As stored: the names joined by commas.
    pub fn to_stored(&self) -> String {
        self.names().join(",")
    }

    /// Reads the stored form; anything unknown is left out (the column is
    /// only ever written by [`Rule::parse`]'s output).
    pub fn from_stored(raw: &str) -> Self {
        Self(raw.split(',').filter_map(Route::parse).collect())
    }

    /// Parses names as people send them: `verified_email` alone (or
    /// nothing), or any of `postcode`, `vouching`, `manual`.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, FieldError> {
        let mut routes = BTreeSet::new();
        let mut email_only = false;
        for name in names {
            let name = name.as_ref().trim();
            if name == VERIFIED_EMAIL {
                email_only = true;
            } else if let Some(route) = Route::parse(name) {
                routes.insert(route);
            } else {
                return Err(FieldError::new(
                    "residency_routes",
                    "invalid",
                    Words::of1("residency-error-route-unknown", "name", name),
                ));
            }
        }
        if email_only && !routes.is_empty() {
            return Err(FieldError::new(
                "residency_routes",
                "invalid",
                Words::of("residency-error-email-alone"),
            ));
        }
        Ok(Self(routes))
    }
}

/// A UK-style postcode, normalised: upper case, no inner spaces but one
/// before the inward code (the last three characters), such as `CV1 5FB`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Postcode(String);

impl Postcode {
    /// Accepts the shapes of the UK's postcodes: an outward code of a
    /// letter or two, a digit, and optionally a letter or digit (`CV1`,
    /// `B33`, `SW1A`, `M1`), then an inward code of a digit and two letters.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let bad = |why: Words| FieldError::new("postcode", "invalid", why);
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(bad(Words::of("residency-error-postcode-empty")));
        }
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad(Words::of("residency-error-postcode-characters")));
        }
        if !(5..=7).contains(&compact.len()) {
            return Err(bad(Words::of("residency-error-postcode-length")));
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let inward_ok = {
            let b = inward.as_bytes();
            b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
        };
        if !inward_ok {
            return Err(bad(Words::of("residency-error-postcode-inward")));
        }
        let o = outward.as_bytes();
        let letters = o.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let rest = &o[letters..];
        let outward_ok = (1..=2).contains(&letters)
            && !rest.is_empty()
            && rest[0].is_ascii_digit()
            && rest.len() <= 2
            && rest.iter().all(|c| c.is_ascii_alphanumeric());
        if !outward_ok {
            return Err(bad(Words::of("residency-error-postcode-outward")));
        }
        Ok(Self(format!("{outward} {inward}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Crockford's base 32: no I, L, O or U, so codes read aloud or copied by
/// hand survive.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a vouching code (60 bits).
pub const CODE_LEN: usize = 12;

/// A vouching code: 12 characters of Crockford base 32, shown in groups of
/// four (`7KQ2-M9XD-4RTA`).
#[derive(Clone, PartialEq, Eq)]
pub struct VouchingCode(String);

impl std::fmt::Debug for VouchingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never in logs.
        f.write_str("VouchingCode(…)")
    }
}

impl VouchingCode {
    /// A fresh random code.
    pub fn generate() -> Self {
        use rand::Rng;
        let mut rng = rand::rngs::OsRng;
        Self(
            (0..CODE_LEN)
                .map(|_| char::from(CROCKFORD[rng.gen_range(0..32)]))
                .collect(),
        )
    }

    /// A code as typed: any case, with or without hyphens and spaces; the
    /// letters people confuse (O for 0, I and L for 1) are read as meant.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let mut out = String::with_capacity(CODE_LEN);
        for c in raw.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
                return Err(Self::malformed());
            }
            out.push(c);
        }
        if out.len() != CODE_LEN {
            return Err(Self::malformed());
        }
        Ok(Self(out))
    }

    fn malformed() -> FieldError {
        FieldError::new(
            "code",
            "invalid",
            Words::of("residency-error-code-malformed"),
        )
    }

    /// As shown to people: `XXXX-XXXX-XXXX`.
    pub fn display(&self) -> String {
        format!("{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }

    /// What is stored: the SHA-256 of the normalised code. Codes are
    /// random and 60 bits long, so a fast hash is enough.
    pub fn hash(&self) -> String {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(format!("vouching|{}", self.0).as_bytes()))
    }
}

/// How a person stands, as they and the API see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ResidencyStatus)]
pub struct Status {
    /// Whether the person counts as a verified resident now.
    pub resident: bool,
    pub email_verified: bool,
    /// The routes the place accepts: `["verified_email"]` when a confirmed
    /// address is enough.
    pub allowed_routes: Vec<String>,
    /// How the person was verified, if they were: `postcode`, `vouching`
    /// or `manual`.
    pub verified_by: Option<Route>,
    pub verified_at: Option<NaiveDateTime>,
    /// Their request for approval by an admin, if they made one.
    pub request: Option<RequestView>,
}

/// A person's request to be approved by hand.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ResidencyRequestView)]
pub struct RequestView {
    /// `pending`, `approved` or `declined`.
    pub status: String,
    pub note: Option<String>,
    /// The admin's reason, once decided.
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// A pending request, as the place's admins see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PendingRequest {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A vouching code just issued: the only time it is shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssuedCode {
    /// `XXXX-XXXX-XXXX`; only a hash is kept, so it cannot be shown again.
    pub code: String,
    pub expires_at: NaiveDateTime,
}

/// What an organisation sees of its codes: counts, never who used them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct CodeSummary {
    /// Every code ever issued.
    pub issued: i64,
    /// Codes someone used.
    pub used: i64,
    /// Codes that ran out unused.
    pub expired: i64,
    /// Codes that can still be used.
    pub outstanding: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_route_is_named_as_before_in_english() {
        use crate::residency::service::RESIDENCY_PAGE;
        for route in Route::ALL {
            let said = Words::of2(
                "residency-error-route-not-allowed",
                "route",
                route.as_str(),
                "page",
                RESIDENCY_PAGE,
            )
            .in_language(crate::i18n::Language::En);
            assert_eq!(
                said,
                format!(
                    "this place does not accept {} as a way to show you live here; see {RESIDENCY_PAGE} for the ways it does",
                    route.label()
                )
            );
        }
        let empty = Postcode::parse(" ").err().map(|e| e.message);
        assert_eq!(
            empty.as_deref(),
            Some("the postcode is empty: give a postcode such as CV1 5FB")
        );
    }

    #[test]
    fn postcodes_are_normalised_or_refused() {
        for (raw, want) in [
            ("cv1 5fb", "CV1 5FB"),
            ("CV15FB", "CV1 5FB"),
            ("  sw1a  1aa ", "SW1A 1AA"),
            ("M1 1AE", "M1 1AE"),
            ("B33 8TH", "B33 8TH"),
            ("W1A 0AX", "W1A 0AX"),
            ("EC1A 1BB", "EC1A 1BB"),
        ] {
            assert_eq!(Postcode::parse(raw).unwrap().as_str(), want, "{raw}");
        }
        for bad in [
            "",
            "CV1",
            "12345",
            "CV1 5F8",
            "CV1-5FB",
            "ABC1 5FB",
            "1V1 5FB",
            "CV123 5FB",
        ] {
            assert!(Postcode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_read_as_meant_and_hash_the_same() {
        let code = VouchingCode::generate();
        let shown = code.display();
        assert_eq!(shown.len(), 14);
        let typed = VouchingCode::parse(&shown.to_lowercase().replace('-', " ")).unwrap();
        assert_eq!(typed.hash(), code.hash());
        let a = VouchingCode::parse("0011-ABCD-EFGH").unwrap();
        let b = VouchingCode::parse("oOiL abcd efgh").unwrap();
        assert_eq!(a.hash(), b.hash());
        for bad in [
            "",
            "ABCD-EFGH",
            "ABCD-EFGH-JKMU",
            "ABCD-EFGH-JKM!",
            "ABCD-EFGH-JKMNP",
            "ÄBCD-EFGH-JKMN",
        ] {
            assert!(VouchingCode::parse(bad).is_err(), "{bad}");
        }
        assert_ne!(VouchingCode::generate(), VouchingCode::generate());
    }

    #[test]
    fn rules_parse_and_round_trip() {
        assert!(Rule::parse::<&str>(&[]).unwrap().email_is_enough());
        assert!(Rule::parse(&["verified_email"]).unwrap().email_is_enough());
        let r = Rule::parse(&["vouching", "postcode"]).unwrap();
        assert_eq!(r.to_stored(), "postcode,vouching");
        assert_eq!(Rule::from_stored(&r.to_stored()), r);
        assert_eq!(
            Rule::from_stored("verified_email").names(),
            vec!["verified_email"]
        );
        assert!(Rule::parse(&["verified_email", "manual"]).is_err());
        assert!(Rule::parse(&["anything"]).is_err());
    }
}
