//! Ballots: the API's raw JSON shapes parsed once, against the poll, into a
//! [`Ballot`] that is valid by construction (known options, no duplicate
//! ranks, within the dots / cap / credits, scores 0–5), or a [`BallotError`]
//! naming the field and saying what is wrong in words a voter understands.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::spec::{Method, OptionId, PollSpec, MAX_OPTIONS};

/// Which side of the board a voter counts in. The polls room decides it
/// once, when the poll opens (an organisation's staff count as
/// organisation members).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Constituency {
    Citizen,
    Organisation,
}

/// An answer to a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Yes,
    No,
    Abstain,
    Agree,
    Disagree,
    Block,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
            Choice::Agree => "agree",
            Choice::Disagree => "disagree",
            Choice::Block => "block",
        }
    }

    /// The answers a motion of this method offers, in the order shown.
    pub fn vocabulary(method: Method) -> &'static [Choice] {
        match method {
            Method::Approval => &[Choice::Yes, Choice::No, Choice::Abstain],
            Method::Consent => &[
                Choice::Agree,
                Choice::Abstain,
                Choice::Disagree,
                Choice::Block,
            ],
            _ => &[],
        }
    }
}

/// A ballot that fits its poll. Only [`Ballot::parse`] makes one.
///
/// It serialises back to the API shape in a canonical form (map keys
/// sorted, zero allocations dropped, rankings in order), so the same vote
/// always has the same bytes: that is what secret-ballot storage and the
/// closing digest should use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub(crate) poll: u64,
    pub(crate) content: Content,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum Content {
    Choice {
        choice: Choice,
    },
    Ranking {
        ranking: Vec<OptionId>,
    },
    /// Dots (≥ 1), budget selections (1) or quadratic votes (≠ 0).
    Allocations {
        allocations: BTreeMap<OptionId, i64>,
    },
    Scores {
        scores: BTreeMap<OptionId, u8>,
    },
}

impl Serialize for Ballot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.content.serialize(s)
    }
}

/// Why a raw ballot does not fit its poll. `field()` names the JSON field
/// (`allocations.<option id>` where one entry is at fault), `code()` is a
/// short machine word, and the message is for the voter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    #[error("send the ballot as a JSON object")]
    NotAnObject,
    #[error("a {method} ballot needs `{expected}`")]
    Missing {
        method: &'static str,
        expected: &'static str,
    },
    #[error("a {method} ballot has no `{key}`; send only `{expected}`")]
    Unexpected {
        method: &'static str,
        key: String,
        expected: &'static str,
    },
    #[error("choose one of: {allowed}")]
    BadChoice { allowed: String },
    #[error("`{field}` must be {shape}")]
    WrongShape {
        field: &'static str,
        shape: &'static str,
    },
    #[error("{option:?} is not an option in this poll")]
    UnknownOption { field: String, option: String },
    #[error("{option:?} is ranked twice (choices {first} and {again}); rank each option once")]
    DuplicateRank {
        option: String,
        first: usize,
        again: usize,
    },
    #[error("give a whole number from {min} to {max}")]
    OutOfRange { field: String, min: i64, max: i64 },
    #[error("you placed {spent} dots but each voter has {dots}")]
    TooManyDots { spent: u64, dots: u32 },
    #[error("the options you chose cost {cost} together, more than the budget of {cap}")]
    OverCap { cost: u64, cap: u64 },
    #[error(
        "your votes cost {spent} voice credits (n votes cost n×n) but each voter has {credits}"
    )]
    OverCredits { spent: u64, credits: u32 },
}

impl BallotError {
    /// The field to show the message beside.
    pub fn field(&self) -> String {
        match self {
            BallotError::NotAnObject => "ballot".to_owned(),
            BallotError::Missing { expected, .. } => (*expected).to_owned(),
            BallotError::Unexpected { key, .. } => key.clone(),
            BallotError::BadChoice { .. } => "choice".to_owned(),
            BallotError::WrongShape { field, .. } => (*field).to_owned(),
            BallotError::UnknownOption { field, .. } | BallotError::OutOfRange { field, .. } => {
                field.clone()
            }
            BallotError::DuplicateRank { .. } => "ranking".to_owned(),
            BallotError::TooManyDots { .. }
            | BallotError::OverCap { .. }
            | BallotError::OverCredits { .. } => "allocations".to_owned(),
        }
    }

    /// The message in words any page language can say; in English, the
    /// same as `Display`. A key the ballot should not have stays English:
    /// only a client of the API sends one.
    pub fn words(&self) -> crate::error::Say {
        use crate::error::{Say, Value, Words};
        // Exact as a number (for plural forms) while a float holds it.
        let big = |n: u64| match i64::try_from(n) {
            Ok(n) if n < 1 << 53 => Value::Number(n),
            _ => Value::Text(n.to_string()),
        };
        let words = match self {
            BallotError::NotAnObject => Words::of("ballot-error-not-an-object"),
            BallotError::Missing { method, expected } => Words::of2(
                "ballot-error-missing",
                "method",
                *method,
                "expected",
                *expected,
            ),
            BallotError::Unexpected { .. } => return Say::English(self.to_string()),
            BallotError::BadChoice { allowed } => {
                Words::of1("ballot-error-bad-choice", "allowed", allowed.as_str())
            }
            BallotError::WrongShape { field, shape } => {
                Words::of2("ballot-error-wrong-shape", "field", *field, "shape", *shape)
            }
            BallotError::UnknownOption { option, .. } => Words::of1(
                "ballot-error-unknown-option",
                "option",
                format!("{option:?}"),
            ),
            BallotError::DuplicateRank {
                option,
                first,
                again,
            } => Words::of2(
                "ballot-error-duplicate-rank",
                "option",
                format!("{option:?}"),
                "choices",
                format!("{first} and {again}"),
            ),
            BallotError::OutOfRange { min, max, .. } => Words::of2(
                "ballot-error-out-of-range",
                "min",
                min.to_string(),
                "max",
                max.to_string(),
            ),
            BallotError::TooManyDots { spent, dots } => Words::of2(
                "ballot-error-too-many-dots",
                "spent",
                big(*spent),
                "dots",
                i64::from(*dots),
            ),
            BallotError::OverCap { cost, cap } => Words::of2(
                "ballot-error-over-cap",
                "cost",
                cost.to_string(),
                "cap",
                cap.to_string(),
            ),
            BallotError::OverCredits { spent, credits } => Words::of2(
                "ballot-error-over-credits",
                "spent",
                big(*spent),
                "credits",
                i64::from(*credits),
            ),
        };
        words.into()
    }

    /// A short machine word for the problem (the `code` of a field error).
    pub fn code(&self) -> &'static str {
        match self {
            BallotError::NotAnObject | BallotError::WrongShape { .. } => "invalid",
            BallotError::Missing { .. } => "required",
            BallotError::Unexpected { .. } => "unexpected",
            BallotError::BadChoice { .. } => "unknown_choice",
            BallotError::UnknownOption { .. } => "unknown_option",
            BallotError::DuplicateRank { .. } => "duplicate_rank",
            BallotError::OutOfRange { .. } => "out_of_range",
            BallotError::TooManyDots { .. }
            | BallotError::OverCap { .. }
            | BallotError::OverCredits { .. } => "over_limit",
        }
    }
}

impl From<BallotError> for crate::error::FieldError {
    fn from(e: BallotError) -> Self {
        crate::error::FieldError::new(&e.field(), e.code(), e.words())
    }
}

impl From<BallotError> for crate::error::Error {
    fn from(e: BallotError) -> Self {
        crate::error::Error::Validation(vec![e.into()])
    }
}

impl Ballot {
    /// Parses the API's ballot JSON for `spec`'s method:
    /// approval and consent `{"choice": "yes"}`; ranked
    /// `{"ranking": [id, ...]}` (partial rankings allowed); dot, budget and
    /// quadratic `{"allocations": {id: n}}` (budget: n is 1 for a chosen
    /// option, 0 or absent otherwise; quadratic: n may be negative, a vote
    /// against); score `{"scores": {id: 0..=5}}` (unscored options count
    /// as 0). Any other key is refused. An empty ranking, allocation or
    /// score map is an abstention.
    pub fn parse(spec: &PollSpec, raw: &Value) -> Result<Ballot, BallotError> {
        let method = spec.method();
        let object = raw.as_object().ok_or(BallotError::NotAnObject)?;
        let expected = match method {
            Method::Approval | Method::Consent => "choice",
            Method::Ranked => "ranking",
            Method::Dot { .. } | Method::Budget { .. } | Method::Quadratic { .. } => "allocations",
            Method::Score => "scores",
        };
        // Refuse stray keys in a fixed order so the error does not depend
        // on how the client ordered them.
        if let Some(key) = object.keys().filter(|k| *k != expected).min() {
            return Err(BallotError::Unexpected {
                method: method.name(),
                key: key.clone(),
                expected,
            });
        }
        let value = object.get(expected).ok_or(BallotError::Missing {
            method: method.name(),
            expected,
        })?;
        let content = match method {
            Method::Approval | Method::Consent => Content::Choice {
                choice: parse_choice(method, value)?,
            },
            Method::Ranked => Content::Ranking {
                ranking: parse_ranking(spec, value)?,
            },
            Method::Score => Content::Scores {
                scores: parse_map(spec, value, "scores", 0, 5)?
                    .into_iter()
                    .map(|(id, n)| (id, n as u8))
                    .collect(),
            },
            Method::Dot { dots } => {
                let allocations = nonzero(parse_map(spec, value, "allocations", 0, dots.into())?);
                let spent: u64 = allocations.values().map(|&n| n as u64).sum();
                if spent > u64::from(dots) {
                    return Err(BallotError::TooManyDots { spent, dots });
                }
                Content::Allocations { allocations }
            }
            Method::Budget { cap } => {
                let allocations = nonzero(parse_map(spec, value, "allocations", 0, 1)?);
                let cost = allocations
                    .keys()
                    .filter_map(|id| spec.position(id.as_str()))
                    .filter_map(|i| spec.options()[i].cost)
                    .fold(0u64, u64::saturating_add);
                if cost > cap {
                    return Err(BallotError::OverCap { cost, cap });
                }
                Content::Allocations { allocations }
            }
            Method::Quadratic { credits } => {
                let max = i64::from(credits);
                let allocations = nonzero(parse_map(spec, value, "allocations", -max, max)?);
                let spent = allocations
                    .values()
                    .map(|&n| n.unsigned_abs().saturating_mul(n.unsigned_abs()))
                    .fold(0u64, u64::saturating_add);
                if spent > u64::from(credits) {
                    return Err(BallotError::OverCredits { spent, credits });
                }
                Content::Allocations { allocations }
            }
        };
        Ok(Ballot {
            poll: spec.fingerprint(),
            content,
        })
    }

    /// Whether the voter took part without supporting anything: an
    /// `abstain` choice, an empty ranking, no allocations, no scores.
    pub fn is_abstention(&self) -> bool {
        match &self.content {
            Content::Choice { choice } => *choice == Choice::Abstain,
            Content::Ranking { ranking } => ranking.is_empty(),
            Content::Allocations { allocations } => allocations.is_empty(),
            Content::Scores { scores } => scores.is_empty(),
        }
    }
}

fn parse_choice(method: Method, value: &Value) -> Result<Choice, BallotError> {
    let allowed = Choice::vocabulary(method);
    value
        .as_str()
        .and_then(|s| allowed.iter().copied().find(|c| c.as_str() == s))
        .ok_or_else(|| BallotError::BadChoice {
            allowed: allowed
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The poll's id for `raw`. The field is named only in the error: a count
/// parses every ranked option of every ballot through here.
fn known(spec: &PollSpec, field: &str, raw: &str) -> Result<OptionId, BallotError> {
    spec.position(raw)
        .map(|i| spec.options()[i].id.clone())
        .ok_or_else(|| unknown(field, raw))
}

fn unknown(field: &str, raw: &str) -> BallotError {
    BallotError::UnknownOption {
        field: field.to_owned(),
        option: raw.chars().take(120).collect(),
    }
}

fn parse_ranking(spec: &PollSpec, value: &Value) -> Result<Vec<OptionId>, BallotError> {
    let shape = BallotError::WrongShape {
        field: "ranking",
        shape: "a list of option ids, most preferred first",
    };
    let items = value.as_array().ok_or(shape.clone())?;
    let mut ranking: Vec<OptionId> = Vec::with_capacity(items.len().min(spec.options().len()));
    let mut ranked = [false; MAX_OPTIONS];
    for (i, item) in items.iter().enumerate() {
        let raw = item.as_str().ok_or(shape.clone())?;
        let at = spec.position(raw).ok_or_else(|| unknown("ranking", raw))?;
        let id = &spec.options()[at].id;
        if ranked[at] {
            return Err(BallotError::DuplicateRank {
                option: raw.to_owned(),
                first: ranking.iter().position(|r| r == id).unwrap_or(0) + 1,
                again: i + 1,
            });
        }
        ranked[at] = true;
        ranking.push(id.clone());
    }
    Ok(ranking)
}

/// Reads `{option id: whole number in min..=max}`, entries checked in id
/// order so the error reported does not depend on the client's key order.
fn parse_map(
    spec: &PollSpec,
    value: &Value,
    field: &'static str,
    min: i64,
    max: i64,
) -> Result<BTreeMap<OptionId, i64>, BallotError> {
    let object = value.as_object().ok_or(BallotError::WrongShape {
        field,
        shape: "an object of option ids and whole numbers",
    })?;
    let keys: BTreeSet<&String> = object.keys().collect();
    let mut out = BTreeMap::new();
    for key in keys {
        let id = known(spec, field, key)?;
        let n = object[key.as_str()]
            .as_i64()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| BallotError::OutOfRange {
                field: format!("{field}.{id}"),
                min,
                max,
            })?;
        out.insert(id, n);
    }
    Ok(out)
}

fn nonzero(map: BTreeMap<OptionId, i64>) -> BTreeMap<OptionId, i64> {
    map.into_iter().filter(|(_, n)| *n != 0).collect()
}

#[cfg(test)]
mod tests {
    use super::BallotError;
    use crate::i18n::Language;

    /// The translated words say in English exactly what `Display` says
    /// (the API's message), and Welsh says something else.
    #[test]
    fn a_ballot_errors_words_are_its_english_message() {
        let errors = [
            BallotError::NotAnObject,
            BallotError::Missing {
                method: "approval",
                expected: "choice",
            },
            BallotError::Unexpected {
                method: "ranked",
                key: "scores".into(),
                expected: "ranking",
            },
            BallotError::BadChoice {
                allowed: "yes, no or abstain".into(),
            },
            BallotError::WrongShape {
                field: "ranking",
                shape: "a list of option ids",
            },
            BallotError::UnknownOption {
                field: "ranking".into(),
                option: "x\"y".into(),
            },
            BallotError::DuplicateRank {
                option: "a".into(),
                first: 1,
                again: 3,
            },
            BallotError::OutOfRange {
                field: "scores.a".into(),
                min: -3,
                max: 5,
            },
            BallotError::TooManyDots { spent: 12, dots: 2 },
            BallotError::OverCap {
                cost: 18_000_000_000_000_000_001,
                cap: 1_000_000_000_000_000,
            },
            BallotError::OverCredits {
                spent: 100,
                credits: 99,
            },
        ];
        for e in errors {
            let (english, _) = e.words().in_language(Language::En);
            assert_eq!(english, e.to_string());
            let (welsh, untranslated) = e.words().in_language(Language::Cy);
            if !untranslated {
                assert_ne!(welsh, english);
            }
        }
    }
}
