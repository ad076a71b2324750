//! What a poll is, for the engine: its method and that method's limits, its
//! options, its rule and its quorum. A [`PollSpec`] can only be built whole
//! and consistent, so the ballot parser and the count never meet a poll that
//! makes no sense (a `no_blocks` rule on a ranked poll, a budget option with
//! no cost, a supermajority of 40%).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Say, Words};

/// Most options a multi-option poll may have: keeps every count bounded.
pub const MAX_OPTIONS: usize = 100;
/// Most dots a voter may be given in a dot poll.
pub const MAX_DOTS: u32 = 1_000;
/// Most voice credits a voter may be given in a quadratic poll.
pub const MAX_CREDITS: u32 = 10_000;
/// Largest budget cap (in whatever whole unit the poll counts money in).
pub const MAX_CAP: u64 = 1_000_000_000_000_000;
/// Longest option id.
pub const MAX_ID_LEN: usize = 100;

/// A problem with a poll's definition, naming the request field at fault so
/// the polls room can show it beside that field (422).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SpecError {
    pub field: String,
    pub message: Say,
}

impl SpecError {
    fn new(field: impl Into<String>, message: impl Into<Say>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl From<SpecError> for crate::error::FieldError {
    fn from(e: SpecError) -> Self {
        crate::error::FieldError::new(&e.field, "invalid", e.message)
    }
}

impl From<SpecError> for crate::error::Error {
    fn from(e: SpecError) -> Self {
        crate::error::Error::Validation(vec![e.into()])
    }
}

/// An option's id as the poll knows it (the polls room passes its option
/// ids' text, UUIDs in practice). Any non-empty text up to
/// [`MAX_ID_LEN`] characters; the engine only compares ids.
///
/// The text is shared: a count copies an option's id into every ballot
/// that ranks or scores it, and a copy costs no allocation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OptionId(Arc<str>);

impl Serialize for OptionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl OptionId {
    pub fn parse(raw: &str) -> Result<Self, SpecError> {
        if raw.is_empty() || raw.chars().count() > MAX_ID_LEN {
            return Err(SpecError::new(
                "options",
                Words::of1("poll-error-option-id-length", "max", MAX_ID_LEN),
            ));
        }
        Ok(Self(Arc::from(raw)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OptionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One option of a multi-option poll. `cost` is for budget polls only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PollOption {
    pub id: OptionId,
    pub label: String,
    pub cost: Option<u64>,
}

impl PollOption {
    pub fn new(id: OptionId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
            cost: None,
        }
    }

    pub fn costing(mut self, cost: u64) -> Self {
        self.cost = Some(cost);
        self
    }
}

/// How voters express themselves, with the limits the method needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// yes / no / abstain on the question itself (a motion).
    Approval,
    /// agree / abstain / disagree / block on the question itself (a motion).
    Consent,
    /// Each voter spreads up to `dots` dots over the options.
    Dot { dots: u32 },
    /// Each voter gives each option 0 to 5.
    Score,
    /// Each voter ranks options in order of preference; instant runoff.
    Ranked,
    /// Options have costs; each voter picks options costing at most `cap`.
    Budget { cap: u64 },
    /// Each voter has `credits` voice credits; n votes on one option (for
    /// or against) cost n² credits.
    Quadratic { credits: u32 },
}

/// The method's parameters as the poll-creation request carries them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
pub struct MethodParams {
    pub dots: Option<u32>,
    pub cap: Option<u64>,
    pub credits: Option<u32>,
}

impl Method {
    /// The API vocabulary word (`/shared/API.md`, poll `method`).
    pub fn name(self) -> &'static str {
        match self {
            Method::Approval => "approval",
            Method::Consent => "consent",
            Method::Dot { .. } => "dot",
            Method::Score => "score",
            Method::Ranked => "ranked",
            Method::Budget { .. } => "budget",
            Method::Quadratic { .. } => "quadratic",
        }
    }

    /// Motions decide the question itself and have no options.
    pub fn is_motion(self) -> bool {
        matches!(self, Method::Approval | Method::Consent)
    }

    /// Reads the API's method word and the parameters it needs.
    pub fn parse(name: &str, params: MethodParams) -> Result<Self, SpecError> {
        // A limit the method needs: present, and from 1 to `max`.
        let limit = |value: Option<u64>, field: &str, max: u64| {
            let value = value.ok_or_else(|| {
                let needs = match field {
                    "dots" => Words::of1("poll-error-dots-needed", "method", name),
                    "cap" => Words::of1("poll-error-cap-needed", "method", name),
                    _ => Words::of1("poll-error-credits-needed", "method", name),
                };
                SpecError::new(field, needs)
            })?;
            if (1..=max).contains(&value) {
                Ok(value)
            } else {
                let max = max.to_string();
                let range = match field {
                    "dots" => Words::of1("poll-error-dots-range", "max", max),
                    "cap" => Words::of1("poll-error-cap-range", "max", max),
                    _ => Words::of1("poll-error-credits-range", "max", max),
                };
                Err(SpecError::new(field, range))
            }
        };
        let method = match name {
            "approval" => Method::Approval,
            "consent" => Method::Consent,
            "score" => Method::Score,
            "ranked" => Method::Ranked,
            "dot" => Method::Dot {
                dots: limit(params.dots.map(u64::from), "dots", MAX_DOTS.into())? as u32,
            },
            "budget" => Method::Budget {
                cap: limit(params.cap, "cap", MAX_CAP)?,
            },
            "quadratic" => Method::Quadratic {
                credits: limit(params.credits.map(u64::from), "credits", MAX_CREDITS.into())?
                    as u32,
            },
            _ => {
                return Err(SpecError::new(
                    "method",
                    Words::of("poll-error-method-unknown"),
                ))
            }
        };
        Ok(method)
    }
}

/// A supermajority threshold: an exact fraction in (1/2, 1]. Kept exact so
/// "two thirds" means two thirds: 2 of 3 reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Threshold {
    num: u32,
    den: u32,
}

impl Threshold {
    /// `num / den`, which must lie in (1/2, 1]; reduced to lowest terms.
    pub fn new(num: u32, den: u32) -> Result<Self, SpecError> {
        if den == 0 || 2 * u64::from(num) <= u64::from(den) || num > den {
            return Err(SpecError::new(
                "threshold",
                Words::of("poll-error-threshold-range"),
            ));
        }
        let g = gcd(num, den);
        Ok(Self {
            num: num / g,
            den: den / g,
        })
    }

    /// Reads a decimal threshold such as `0.6667` or `2.0 / 3.0`: the
    /// simplest fraction with a denominator up to 10 000 that lies within
    /// 1e-9 of it, so a float two-thirds becomes exactly 2/3 while 0.6667
    /// stays 6667/10000.
    pub fn from_decimal(value: f64) -> Result<Self, SpecError> {
        if !value.is_finite() || value <= 0.5 || value > 1.0 {
            return Self::new(0, 1);
        }
        for den in 1..=10_000u32 {
            let num = (value * f64::from(den)).round();
            if (num / f64::from(den) - value).abs() < 1e-9 {
                return Self::new(num as u32, den);
            }
        }
        Err(SpecError::new(
            "threshold",
            Words::of("poll-error-threshold-places"),
        ))
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.num) / f64::from(self.den)
    }

    /// "2/3" for simple fractions, "66.67%" for decimal ones.
    pub fn words(self) -> String {
        if self.den <= 12 {
            format!("{}/{}", self.num, self.den)
        } else {
            format!("{}%", trim_decimal(self.as_f64() * 100.0))
        }
    }
}

fn trim_decimal(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The bar a share of support must clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bar {
    /// Strictly more than half.
    MoreThanHalf,
    /// At least this fraction.
    AtLeast(Threshold),
}

impl Bar {
    /// Whether `support` out of `of` clears the bar. Nothing out of nothing
    /// clears no bar.
    pub fn met(self, support: u64, of: u64) -> bool {
        if of == 0 {
            return false;
        }
        match self {
            Bar::MoreThanHalf => u128::from(support) * 2 > u128::from(of),
            Bar::AtLeast(t) => {
                u128::from(support) * u128::from(t.den) >= u128::from(t.num) * u128::from(of)
            }
        }
    }

    /// "more than half", "at least 2/3".
    pub fn words(self) -> String {
        match self {
            Bar::MoreThanHalf => "more than half".to_owned(),
            Bar::AtLeast(t) => format!("at least {}", t.words()),
        }
    }

    fn threshold(self) -> Option<f64> {
        match self {
            Bar::MoreThanHalf => None,
            Bar::AtLeast(t) => Some(t.as_f64()),
        }
    }
}

/// How a poll decides (API `rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// More than half of the support, all ballots pooled.
    Majority,
    /// At least the threshold, all ballots pooled.
    Supermajority(Threshold),
    /// Consent polls only: passes when nobody blocks and somebody agrees.
    NoBlocks,
    /// Citizens and organisation members each, counted apart, must clear
    /// the bar (more than half unless a threshold is given).
    Parity(Bar),
}

impl Rule {
    /// Reads the API's rule word and optional `threshold`.
    pub fn parse(name: &str, threshold: Option<f64>) -> Result<Self, SpecError> {
        let bar = threshold
            .map(|t| Threshold::from_decimal(t).map(Bar::AtLeast))
            .transpose()?;
        match (name, bar) {
            ("majority", None) => Ok(Rule::Majority),
            ("supermajority", Some(Bar::AtLeast(t))) => Ok(Rule::Supermajority(t)),
            ("supermajority", _) => Err(SpecError::new(
                "threshold",
                Words::of("poll-error-supermajority-threshold"),
            )),
            ("no_blocks", None) => Ok(Rule::NoBlocks),
            ("parity", bar) => Ok(Rule::Parity(bar.unwrap_or(Bar::MoreThanHalf))),
            ("majority" | "no_blocks", Some(_)) => Err(SpecError::new(
                "threshold",
                Words::of1("poll-error-rule-no-threshold", "rule", name),
            )),
            _ => Err(SpecError::new("rule", Words::of("poll-error-rule-unknown"))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::Majority => "majority",
            Rule::Supermajority(_) => "supermajority",
            Rule::NoBlocks => "no_blocks",
            Rule::Parity(_) => "parity",
        }
    }

    /// The bar support must clear (for `no_blocks`, the bar its per-group
    /// summaries are shown against: more than half).
    pub fn bar(self) -> Bar {
        match self {
            Rule::Majority | Rule::NoBlocks => Bar::MoreThanHalf,
            Rule::Supermajority(t) => Bar::AtLeast(t),
            Rule::Parity(bar) => bar,
        }
    }

    /// The rule in plain words, for results pages.
    pub fn words(self) -> String {
        match self {
            Rule::Majority => "Majority: more than half of the support, all ballots counted together.".to_owned(),
            Rule::Supermajority(t) => format!(
                "Supermajority: at least {} of the support, all ballots counted together.",
                t.words()
            ),
            Rule::NoBlocks => "No blocks: passes when at least one person agrees and nobody blocks.".to_owned(),
            Rule::Parity(bar) => format!(
                "Parity: citizens and organisation members are counted apart, and each group must give {} of its support, whatever the size of the group.",
                bar.words()
            ),
        }
    }
}

/// The rule as results show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleView {
    pub kind: &'static str,
    /// The supermajority fraction, if the rule has one (`null` = more than half).
    pub threshold: Option<f64>,
    /// The rule in plain words.
    pub summary: String,
}

impl From<Rule> for RuleView {
    fn from(rule: Rule) -> Self {
        Self {
            kind: rule.name(),
            threshold: rule.bar().threshold(),
            summary: rule.words(),
        }
    }
}

/// Minimum ballots from each constituency for the poll to decide anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Quorum {
    pub citizens: u64,
    pub organisations: u64,
}

/// A whole, consistent poll definition. Build it with [`PollSpec::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollSpec {
    method: Method,
    options: Vec<PollOption>,
    rule: Rule,
    quorum: Quorum,
    fingerprint: u64,
}

impl PollSpec {
    /// Checks the parts fit together: motions have no options; other
    /// methods have 2 to [`MAX_OPTIONS`] options with distinct ids; budget
    /// options (and only they) have a cost between 1 and the cap;
    /// `no_blocks` is for consent polls only.
    pub fn new(
        method: Method,
        options: Vec<PollOption>,
        rule: Rule,
        quorum: Quorum,
    ) -> Result<Self, SpecError> {
        if method.is_motion() {
            if !options.is_empty() {
                return Err(SpecError::new(
                    "options",
                    Words::of1("poll-error-motion-options", "method", method.name()),
                ));
            }
        } else if options.len() < 2 || options.len() > MAX_OPTIONS {
            return Err(SpecError::new(
                "options",
                Words::of1("poll-error-options-count", "max", MAX_OPTIONS),
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, option) in options.iter().enumerate() {
            if !seen.insert(&option.id) {
                return Err(SpecError::new(
                    format!("options.{i}"),
                    Words::of1("poll-error-option-id-twice", "id", option.id.to_string()),
                ));
            }
            match (method, option.cost) {
                (Method::Budget { cap }, Some(cost)) if (1..=cap).contains(&cost) => {}
                (Method::Budget { cap }, Some(_)) => {
                    return Err(SpecError::new(
                        format!("options.{i}.cost"),
                        Words::of1("poll-error-cost-range", "cap", cap.to_string()),
                    ))
                }
                (Method::Budget { .. }, None) => {
                    return Err(SpecError::new(
                        format!("options.{i}.cost"),
                        Words::of("poll-error-cost-needed"),
                    ))
                }
                (_, Some(_)) => {
                    return Err(SpecError::new(
                        format!("options.{i}.cost"),
                        Words::of("poll-error-cost-not-budget"),
                    ))
                }
                (_, None) => {}
            }
        }
        if rule == Rule::NoBlocks && method != Method::Consent {
            return Err(SpecError::new(
                "rule",
                Words::of("poll-error-no-blocks-consent"),
            ));
        }
        let mut hasher = std::hash::DefaultHasher::new();
        (method, &options, rule, quorum).hash(&mut hasher);
        Ok(Self {
            method,
            options,
            rule,
            quorum,
            fingerprint: hasher.finish(),
        })
    }

    pub fn method(&self) -> Method {
        self.method
    }

    pub fn options(&self) -> &[PollOption] {
        &self.options
    }

    pub fn rule(&self) -> Rule {
        self.rule
    }

    pub fn quorum(&self) -> Quorum {
        self.quorum
    }

    /// The option's position in the poll, if it is one of its options.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id.as_str() == id)
    }

    /// [`position`](Self::position) of an id taken from this poll, as a
    /// parsed ballot's are: such ids share the poll's text, so each
    /// comparison is a pointer's.
    pub(crate) fn position_of(&self, id: &OptionId) -> Option<usize> {
        self.options.iter().position(|o| o.id == *id)
    }

    /// Identifies this exact definition within the process, so a ballot
    /// parsed for one poll is never counted in another.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_exact_fractions() {
        assert_eq!(
            Threshold::from_decimal(2.0 / 3.0).unwrap(),
            Threshold::new(2, 3).unwrap()
        );
        assert_eq!(
            Threshold::from_decimal(0.6667).unwrap(),
            Threshold::new(6667, 10000).unwrap()
        );
        assert_eq!(Threshold::from_decimal(0.75).unwrap().words(), "3/4");
        assert_eq!(Threshold::from_decimal(0.6667).unwrap().words(), "66.67%");
        assert!(Threshold::from_decimal(0.5).is_err());
        assert!(Threshold::from_decimal(1.01).is_err());
        assert!(Threshold::from_decimal(f64::NAN).is_err());
        assert!(Threshold::from_decimal(1.0).is_ok());
        // 2 of 3 reaches two thirds; 0.6667 is a little stricter.
        let two_thirds = Bar::AtLeast(Threshold::new(2, 3).unwrap());
        assert!(two_thirds.met(2, 3));
        assert!(!Bar::AtLeast(Threshold::from_decimal(0.6667).unwrap()).met(2, 3));
        assert!(!Bar::MoreThanHalf.met(1, 2));
        assert!(Bar::MoreThanHalf.met(2, 3));
        assert!(!Bar::MoreThanHalf.met(0, 0));
    }

    #[test]
    fn rules_read_the_api_vocabulary() {
        assert_eq!(Rule::parse("majority", None).unwrap(), Rule::Majority);
        assert_eq!(
            Rule::parse("parity", None).unwrap(),
            Rule::Parity(Bar::MoreThanHalf)
        );
        assert!(matches!(
            Rule::parse("parity", Some(0.75)).unwrap(),
            Rule::Parity(Bar::AtLeast(_))
        ));
        assert_eq!(
            Rule::parse("supermajority", None).unwrap_err().field,
            "threshold"
        );
        assert_eq!(
            Rule::parse("majority", Some(0.6)).unwrap_err().field,
            "threshold"
        );
        assert_eq!(Rule::parse("plurality", None).unwrap_err().field, "rule");
    }

    #[test]
    fn specs_must_be_consistent() {
        let id = |s: &str| OptionId::parse(s).unwrap();
        let two = || vec![PollOption::new(id("a"), "A"), PollOption::new(id("b"), "B")];
        let q = Quorum::default();
        assert!(PollSpec::new(Method::Approval, two(), Rule::Majority, q).is_err());
        assert!(PollSpec::new(Method::Approval, vec![], Rule::Majority, q).is_ok());
        assert!(PollSpec::new(Method::Score, vec![], Rule::Majority, q).is_err());
        assert!(PollSpec::new(Method::Score, two(), Rule::NoBlocks, q).is_err());
        assert!(PollSpec::new(Method::Consent, vec![], Rule::NoBlocks, q).is_ok());
        assert_eq!(
            PollSpec::new(Method::Budget { cap: 10 }, two(), Rule::Majority, q)
                .unwrap_err()
                .field,
            "options.0.cost"
        );
        let costly = vec![
            PollOption::new(id("a"), "A").costing(5),
            PollOption::new(id("b"), "B").costing(11),
        ];
        assert_eq!(
            PollSpec::new(Method::Budget { cap: 10 }, costly, Rule::Majority, q)
                .unwrap_err()
                .field,
            "options.1.cost"
        );
        let twice = vec![PollOption::new(id("a"), "A"), PollOption::new(id("a"), "A")];
        assert!(PollSpec::new(Method::Ranked, twice, Rule::Majority, q).is_err());
        assert!(Method::parse("dot", MethodParams::default()).is_err());
        assert_eq!(
            Method::parse(
                "dot",
                MethodParams {
                    dots: Some(5),
                    ..Default::default()
                }
            )
            .unwrap(),
            Method::Dot { dots: 5 }
        );
        let none = Method::parse(
            "quadratic",
            MethodParams {
                credits: Some(0),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(none.field, "credits");
        assert_eq!(
            none.message.to_string(),
            "the voice credits each voter has must be from 1 to 10000"
        );
        assert!(OptionId::parse("").is_err());
    }
}
