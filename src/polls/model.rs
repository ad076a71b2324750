//! Polls as stored and as shown: the rows, the checks on a new poll (no
//! I/O), how a stored poll becomes the voting engine's [`PollSpec`], the
//! canonical ballot text, receipts and the closing digest.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::db::ids::{BallotId, BoardId, PollId, PollOptionId, TenantId, UserId};
use crate::db::schema::{poll_ballots, poll_options, poll_voters, polls};
use crate::error::{Error, FieldError, Result, Words};
use crate::voting::{
    Ballot, Bar, Constituency, Method, MethodParams, OptionId, PollOption, PollSpec, Quorum, Rule,
};

/// The longest question, in characters.
pub const QUESTION_MAX: usize = 300;
/// The longest details text.
pub const DETAILS_MAX: usize = 4_000;
/// The longest option label.
pub const LABEL_MAX: usize = 200;
/// How far ahead a closing time may be.
pub const LONGEST_DAYS: i64 = 366;

/// The stored word for a constituency.
pub fn constituency_word(c: Constituency) -> &'static str {
    match c {
        Constituency::Citizen => "citizen",
        Constituency::Organisation => "organisation",
    }
}

/// A constituency from its stored word.
pub fn parse_constituency(raw: &str) -> Result<Constituency> {
    match raw {
        "citizen" => Ok(Constituency::Citizen),
        "organisation" => Ok(Constituency::Organisation),
        other => Err(Error::Internal(format!("unknown constituency {other}"))),
    }
}

/// A stored poll.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = polls)]
pub struct Poll {
    pub tenant_id: TenantId,
    pub id: PollId,
    pub board_id: BoardId,
    pub question: String,
    pub details: String,
    pub method: String,
    pub dots: Option<i32>,
    pub cap: Option<i64>,
    pub credits: Option<i32>,
    pub rule: String,
    pub threshold: Option<String>,
    pub quorum_citizens: i64,
    pub quorum_organisations: i64,
    pub secret: bool,
    pub live_results: bool,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub closes_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub closed_by: Option<UserId>,
    pub result: Option<String>,
    pub digest: Option<String>,
}

impl Poll {
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }

    /// Open, but past its closing time: the next reader or the sweep
    /// closes it.
    pub fn is_due(&self, now: NaiveDateTime) -> bool {
        !self.is_closed() && self.closes_at.is_some_and(|at| at <= now)
    }

    pub fn method_params(&self) -> MethodParams {
        MethodParams {
            dots: self.dots.and_then(|n| u32::try_from(n).ok()),
            cap: self.cap.and_then(|n| u64::try_from(n).ok()),
            credits: self.credits.and_then(|n| u32::try_from(n).ok()),
        }
    }

    /// The voting engine's view of this poll and its options (in order).
    pub fn spec(&self, options: &[PollOptionRow]) -> Result<PollSpec> {
        let broken = |e: crate::voting::SpecError| {
            Error::Internal(format!("poll {} no longer makes sense: {e}", self.id))
        };
        let method = Method::parse(&self.method, self.method_params()).map_err(broken)?;
        let threshold = match &self.threshold {
            Some(raw) => Some(
                raw.parse::<f64>()
                    .map_err(|_| Error::Internal(format!("poll {}: threshold {raw}", self.id)))?,
            ),
            None => None,
        };
        let rule = Rule::parse(&self.rule, threshold).map_err(broken)?;
        let options = options
            .iter()
            .map(|o| {
                let option = PollOption::new(OptionId::parse(o.id.as_str())?, o.label.clone());
                Ok(match o.cost {
                    Some(cost) => option.costing(cost.max(0) as u64),
                    None => option,
                })
            })
            .collect::<Result<Vec<_>, crate::voting::SpecError>>()
            .map_err(broken)?;
        PollSpec::new(method, options, rule, self.quorum()).map_err(broken)
    }

    pub fn quorum(&self) -> Quorum {
        Quorum {
            citizens: self.quorum_citizens.max(0) as u64,
            organisations: self.quorum_organisations.max(0) as u64,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = poll_options)]
pub struct PollOptionRow {
    pub tenant_id: TenantId,
    pub id: PollOptionId,
    pub poll_id: PollId,
    pub position: i32,
    pub label: String,
    pub cost: Option<i64>,
}

/// A ballot's contents: no voter, no time.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = poll_ballots)]
pub struct BallotRow {
    pub tenant_id: TenantId,
    pub poll_id: PollId,
    pub id: BallotId,
    pub constituency: String,
    pub content: String,
    pub receipt_hash: Option<String>,
}

/// One eligible voter of a poll and whether they voted.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = poll_voters)]
pub struct Voter {
    pub tenant_id: TenantId,
    pub poll_id: PollId,
    pub user_id: UserId,
    pub constituency: String,
    pub voted: bool,
    pub assisted_by: Option<UserId>,
    pub ballot_id: Option<BallotId>,
}

/// The SHA-256 (lowercase hex) over a poll's ballots, order-free: one
/// line per ballot, `<constituency>\t<canonical ballot JSON>\n`
/// (`citizen` or `organisation`), the lines sorted by their bytes and
/// joined. Anyone with the `poll_ballots` rows can recompute it, e.g.
/// `SELECT constituency || char(9) || content FROM poll_ballots WHERE
/// poll_id = '…'`, sort, add a newline to each line, `sha256sum`.
pub fn digest<'a>(ballots: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut lines: Vec<String> = ballots
        .into_iter()
        .map(|(constituency, content)| format!("{constituency}\t{content}\n"))
        .collect();
    lines.sort_unstable();
    let mut hasher = Sha256::new();
    for line in &lines {
        hasher.update(line.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// A ballot's canonical text: the same vote always has the same bytes.
pub fn canonical(ballot: &Ballot) -> String {
    serde_json::to_string(ballot).expect("a ballot serialises")
}

/// Reads a stored ballot back against its poll.
pub fn reparse(spec: &PollSpec, content: &str) -> Result<Ballot> {
    let value: Value = serde_json::from_str(content)
        .map_err(|e| Error::Internal(format!("a stored ballot is not JSON: {e}")))?;
    Ballot::parse(spec, &value)
        .map_err(|e| Error::Internal(format!("a stored ballot no longer fits its poll: {e}")))
}

// ---------------------------------------------------------------- requests

fn add(
    problems: &mut Vec<FieldError>,
    field: &str,
    code: &str,
    message: impl Into<crate::error::Say>,
) {
    problems.push(FieldError::new(field, code, message));
}

/// One option of a new poll.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewOption {
    /// 1 to 200 characters.
    pub label: String,
    /// Budget polls only: what the option costs (1 to the cap).
    #[serde(default)]
    pub cost: Option<u64>,
}

/// A poll's quorum: the fewest ballots each constituency must cast for
/// the poll to decide anything (abstentions count).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
pub struct QuorumInput {
    #[serde(default)]
    pub citizens: u64,
    #[serde(default)]
    pub organisations: u64,
}

/// A new poll (a board's facilitators).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewPoll {
    /// 3 to 300 characters.
    pub question: String,
    /// More about the question, plain text, up to 4,000 characters.
    #[serde(default)]
    pub details: Option<String>,
    /// `approval`, `consent`, `dot`, `score`, `ranked`, `budget` or `quadratic`.
    pub method: String,
    /// None for approval and consent (they vote on the question itself);
    /// 2 to 100 for the others; budget options need a `cost`.
    #[serde(default)]
    pub options: Vec<NewOption>,
    /// `majority`, `supermajority` (with `threshold`), `no_blocks`
    /// (consent polls) or `parity`.
    pub rule: String,
    /// Supermajority (required) or parity (optional, default more than
    /// half): a fraction above 0.5 and at most 1, e.g. 0.6667.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// A secret poll: nothing links a voter to their ballot.
    #[serde(default)]
    pub secret: bool,
    /// When it closes by itself (RFC 3339, in the future, within a year).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime, pattern = r"(Z|[+-][0-9]{2}:[0-9]{2})$")]
    pub closes_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub quorum: Option<QuorumInput>,
    /// Dot polls: the dots each voter has (1 to 1,000).
    #[serde(default)]
    pub dots: Option<u32>,
    /// Budget polls: the budget to share out.
    #[serde(default)]
    pub cap: Option<u64>,
    /// Quadratic polls: the voice credits each voter has (1 to 10,000).
    #[serde(default)]
    pub credits: Option<u32>,
    /// Show results while the poll is open (not for secret polls).
    #[serde(default)]
    pub live_results: bool,
}

/// A new poll, checked whole: every problem at once, each beside its
/// field.
#[derive(Debug, Clone)]
pub struct CheckedPoll {
    pub question: String,
    pub details: String,
    pub spec: PollSpec,
    /// The labels and costs in order (the spec's ids are placeholders
    /// until the options are stored).
    pub options: Vec<(String, Option<u64>)>,
    pub threshold: Option<f64>,
    pub secret: bool,
    pub live_results: bool,
    pub closes_at: Option<NaiveDateTime>,
}

impl NewPoll {
    pub fn check(&self, now: NaiveDateTime) -> Result<CheckedPoll> {
        let mut problems: Vec<FieldError> = Vec::new();
        let question = self.question.trim().to_owned();
        let n = question.chars().count();
        if n == 0 {
            add(
                &mut problems,
                "question",
                "required",
                Words::of("poll-error-question-required"),
            );
        } else if !(3..=QUESTION_MAX).contains(&n) {
            add(
                &mut problems,
                "question",
                "length",
                Words::of1("poll-error-question-length", "max", QUESTION_MAX),
            );
        }
        let details = self.details.as_deref().unwrap_or("").trim().to_owned();
        if details.chars().count() > DETAILS_MAX {
            add(
                &mut problems,
                "details",
                "length",
                Words::of1("poll-error-details-length", "max", DETAILS_MAX),
            );
        }
        let mut labels = Vec::with_capacity(self.options.len());
        for (i, o) in self.options.iter().enumerate() {
            let label = o.label.trim().to_owned();
            let n = label.chars().count();
            if n == 0 || n > LABEL_MAX {
                add(
                    &mut problems,
                    &format!("options.{i}.label"),
                    "length",
                    Words::of1("poll-error-option-label", "max", LABEL_MAX),
                );
            } else if labels
                .iter()
                .any(|(l, _): &(String, _)| l.eq_ignore_ascii_case(&label))
            {
                add(
                    &mut problems,
                    &format!("options.{i}.label"),
                    "duplicate",
                    Words::of("poll-error-option-duplicate"),
                );
            }
            labels.push((label, o.cost));
        }
        let closes_at = self.closes_at.map(|t| t.naive_utc());
        if let Some(at) = closes_at {
            if at <= now {
                add(
                    &mut problems,
                    "closes_at",
                    "in_the_past",
                    Words::of("poll-error-closes-in-past"),
                );
            } else if at > now + chrono::Duration::days(LONGEST_DAYS) {
                add(
                    &mut problems,
                    "closes_at",
                    "too_far",
                    Words::of("poll-error-closes-too-far"),
                );
            }
        }
        if self.secret && self.live_results {
            add(
                &mut problems,
                "live_results",
                "secret",
                Words::of("poll-error-secret-live"),
            );
        }
        let spec = match self.spec(&labels) {
            Ok(spec) => Some(spec),
            Err(e) => {
                let e: FieldError = e.into();
                // The engine reports one problem at a time; skip it if the
                // same field already has one.
                if !problems.iter().any(|p| p.field == e.field) {
                    problems.push(e);
                }
                None
            }
        };
        let Some(spec) = spec.filter(|_| problems.is_empty()) else {
            return Err(Error::Validation(problems));
        };
        Ok(CheckedPoll {
            question,
            details,
            threshold: match spec.rule() {
                Rule::Supermajority(t) | Rule::Parity(Bar::AtLeast(t)) => Some(t.as_f64()),
                _ => None,
            },
            spec,
            options: labels,
            secret: self.secret,
            live_results: self.live_results,
            closes_at,
        })
    }

    fn spec(&self, labels: &[(String, Option<u64>)]) -> Result<PollSpec, crate::voting::SpecError> {
        let method = Method::parse(
            self.method.trim(),
            MethodParams {
                dots: self.dots,
                cap: self.cap,
                credits: self.credits,
            },
        )?;
        let rule = Rule::parse(self.rule.trim(), self.threshold)?;
        // Placeholder ids by position; the stored options get real ones.
        let options = labels
            .iter()
            .enumerate()
            .map(|(i, (label, cost))| {
                let o = PollOption::new(OptionId::parse(&i.to_string())?, label.clone());
                Ok(match cost {
                    Some(c) => o.costing(*c),
                    None => o,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let quorum = self.quorum.unwrap_or_default();
        PollSpec::new(
            method,
            options,
            rule,
            Quorum {
                citizens: quorum.citizens,
                organisations: quorum.organisations,
            },
        )
    }
}

/// A ballot sent for someone who took part in a workshop in person.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AssistedBallot {
    /// The member the ballot is for.
    pub voter_id: String,
    /// The ballot, exactly as the member would send it.
    #[schema(value_type = Object)]
    pub ballot: Value,
}

// ---------------------------------------------------------------- views

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OptionView {
    pub id: String,
    pub label: String,
    /// Budget polls: what it costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
}

/// How many may vote, and how many did, in each constituency.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Counts {
    pub citizens: u64,
    pub organisations: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.citizens + self.organisations
    }
}

/// Where the caller stands in a poll.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Participation {
    /// A board member when the poll opened: may vote.
    pub eligible: bool,
    pub voted: bool,
    /// A facilitator cast the ballot for you.
    pub assisted: bool,
    /// `citizen` or `organisation`, when eligible.
    pub constituency: Option<String>,
    /// Your ballot as stored (open polls only; a secret poll's ballot is
    /// linked to nobody).
    #[schema(value_type = Option<Object>)]
    pub ballot: Option<Value>,
}

/// A poll as the API and pages show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollView {
    pub id: String,
    pub board_id: String,
    pub question: String,
    pub details: String,
    pub method: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dots: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<u32>,
    /// In the order given; empty for approval and consent.
    pub options: Vec<OptionView>,
    pub rule: String,
    pub threshold: Option<f64>,
    pub quorum: QuorumInput,
    pub secret: bool,
    pub live_results: bool,
    /// `open` or `closed`.
    pub status: String,
    pub created_at: NaiveDateTime,
    pub closes_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    /// Board members when the poll opened, by constituency.
    pub eligible: Counts,
    /// Ballots cast so far, by constituency.
    pub voted: Counts,
    /// The SHA-256 of the sorted ballots, once closed.
    pub digest: Option<String>,
    /// The caller's standing (absent for anonymous callers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub you: Option<Participation>,
    /// The caller facilitates the board: may close the poll and cast
    /// assisted ballots.
    pub facilitator: bool,
}

impl PollView {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
}

/// The human name of a method, for lists and headings.
pub fn method_label(method: &str) -> &'static str {
    match method {
        "approval" => "Yes or no",
        "consent" => "Consent",
        "dot" => "Dot voting",
        "score" => "Scores",
        "ranked" => "Ranked choice",
        "budget" => "Budget",
        "quadratic" => "Quadratic voting",
        _ => "Poll",
    }
}

/// A poll as its board's page lists it: enough to find it and see where
/// it stands, without its options or ballots.
#[derive(Debug, Clone)]
pub struct PollSummary {
    pub id: PollId,
    pub question: String,
    /// The engine's name (`ranked`, `quadratic`, ...).
    pub method: String,
    pub secret: bool,
    pub created_at: NaiveDateTime,
    pub closes_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    /// Closed, or open with live results: the results page has a count.
    pub results_visible: bool,
    pub eligible: u64,
    pub voted: u64,
    /// For a signed-in viewer who may vote: whether they have.
    pub you_voted: Option<bool>,
}

impl PollSummary {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    pub fn method_label(&self) -> &'static str {
        method_label(&self.method)
    }
}

/// A board's polls for its page: the open ones and the most recently
/// closed, with how many there are of each.
#[derive(Debug, Clone, Default)]
pub struct BoardPolls {
    /// Open polls, those closing soonest first (no closing time last).
    pub open: Vec<PollSummary>,
    /// Closed polls, most recently closed first.
    pub closed: Vec<PollSummary>,
    pub open_total: i64,
    pub closed_total: i64,
}

impl BoardPolls {
    pub fn is_empty(&self) -> bool {
        self.open_total == 0 && self.closed_total == 0
    }

    /// More polls than listed: link to the board's full list.
    pub fn more(&self) -> bool {
        self.open_total > self.open.len() as i64 || self.closed_total > self.closed.len() as i64
    }
}

/// A page of a board's polls.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PollPage {
    pub items: Vec<PollView>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// What casting a ballot did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CastView {
    pub poll_id: String,
    /// The ballot as stored (canonical: keys sorted, zeros dropped).
    #[schema(value_type = Object)]
    pub ballot: Value,
    /// It replaced the voter's earlier ballot.
    pub replaced: bool,
    /// A facilitator cast it for the voter.
    pub assisted: bool,
    /// Secret polls, on the first ballot only: the one thing that can
    /// replace this ballot while the poll is open. It is not kept: send
    /// it as `receipt` with a new ballot to replace this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
}

/// A poll's results: the engine's result (`tallies`, `outcome`, `rule`,
/// `turnout`, `quorum`, `rounds` for ranked polls) and the poll's state.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ResultsView {
    pub poll_id: String,
    /// `open` (live results) or `closed`.
    pub status: String,
    pub closed_at: Option<NaiveDateTime>,
    /// The API method word.
    pub method: String,
    /// `{kind, threshold, summary}`.
    #[schema(value_type = Object)]
    pub rule: Value,
    #[schema(value_type = Object)]
    pub quorum: Value,
    /// Ballots from each constituency: `{citizens, organisations}`.
    pub turnout: Counts,
    /// Who could vote, by constituency.
    pub eligible: Counts,
    /// `{all, citizens, organisations}`, each a count with its verdict.
    #[schema(value_type = Object)]
    pub tallies: Value,
    /// Ranked polls: the instant-runoff rounds of each count.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub rounds: Option<Value>,
    /// `{status: passed|failed|no_quorum|no_agreement, winner, funded?, explanation}`.
    #[schema(value_type = Object)]
    pub outcome: Value,
    /// Closed polls: the SHA-256 over the sorted ballots, as in the audit
    /// log.
    pub digest: Option<String>,
}

/// What a recount found.
#[derive(Debug, Clone)]
pub struct Recount {
    pub poll_id: PollId,
    pub ballots: u64,
    pub stored_digest: Option<String>,
    /// The digest the audit log recorded at close.
    pub audited_digest: Option<String>,
    pub recomputed_digest: String,
    pub stored_result: Option<Value>,
    pub recomputed_result: Value,
}

impl Recount {
    /// The digests agree with each other and the result with the stored
    /// one.
    pub fn matches(&self) -> bool {
        self.stored_digest.as_deref() == Some(self.recomputed_digest.as_str())
            && self.audited_digest.as_deref() == Some(self.recomputed_digest.as_str())
            && self.stored_result.as_ref() == Some(&self.recomputed_result)
    }
}

/// A person's part in polls, for their data export.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PollData {
    pub poll_id: String,
    pub question: String,
    pub constituency: String,
    pub voted: bool,
    /// A facilitator cast it for them.
    pub assisted: bool,
    /// Open polls: their ballot. Secret polls: absent, since nothing links
    /// it to them.
    #[schema(value_type = Option<Object>)]
    pub ballot: Option<Value>,
}

/// Polls a person created and ballots they cast for others, for their
/// data export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = PollPersonalData)]
pub struct PersonalData {
    pub eligible_in: Vec<PollData>,
    pub created: Vec<String>,
    /// Polls in which they cast a ballot for someone who attended a
    /// workshop in person.
    pub assisted_others_in: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn fields(e: Error) -> Vec<String> {
        match e {
            Error::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_digest_ignores_order_but_not_content() {
        let a = digest([
            ("citizen", r#"{"choice":"yes"}"#),
            ("organisation", r#"{"choice":"no"}"#),
        ]);
        let b = digest([
            ("organisation", r#"{"choice":"no"}"#),
            ("citizen", r#"{"choice":"yes"}"#),
        ]);
        assert_eq!(a, b);
        let c = digest([
            ("citizen", r#"{"choice":"no"}"#),
            ("organisation", r#"{"choice":"no"}"#),
        ]);
        assert_ne!(a, c);
        // The documented encoding: sorted lines, tab, newline.
        let text = "citizen\t{\"choice\":\"yes\"}\norganisation\t{\"choice\":\"no\"}\n";
        assert_eq!(a, hex::encode(Sha256::digest(text.as_bytes())));
        assert_eq!(
            digest(std::iter::empty()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn new_polls_are_checked_whole() {
        let poll = NewPoll {
            question: "Which opening hours?".into(),
            method: "ranked".into(),
            rule: "parity".into(),
            options: vec![
                NewOption {
                    label: "Mornings".into(),
                    cost: None,
                },
                NewOption {
                    label: "Evenings".into(),
                    cost: None,
                },
            ],
            ..Default::default()
        };
        let checked = poll.check(at()).unwrap();
        assert_eq!(checked.spec.method(), Method::Ranked);
        assert_eq!(checked.threshold, None);

        let bad = NewPoll {
            question: "?".into(),
            closes_at: Some(DateTime::from_naive_utc_and_offset(at(), Utc)),
            secret: true,
            live_results: true,
            options: vec![
                NewOption {
                    label: "A".into(),
                    cost: None,
                },
                NewOption {
                    label: "a".into(),
                    cost: None,
                },
            ],
            ..poll.clone()
        };
        assert_eq!(
            fields(bad.check(at()).unwrap_err()),
            ["question", "options.1.label", "closes_at", "live_results"]
        );

        let budget = NewPoll {
            method: "budget".into(),
            cap: Some(100),
            rule: "supermajority".into(),
            threshold: Some(2.0 / 3.0),
            options: vec![
                NewOption {
                    label: "Benches".into(),
                    cost: Some(40),
                },
                NewOption {
                    label: "Lights".into(),
                    cost: Some(140),
                },
            ],
            ..poll.clone()
        };
        assert_eq!(fields(budget.check(at()).unwrap_err()), ["options.1.cost"]);
        let motion = NewPoll {
            method: "approval".into(),
            options: vec![],
            rule: "supermajority".into(),
            threshold: Some(0.75),
            ..poll
        };
        let checked = motion.check(at()).unwrap();
        assert_eq!(checked.threshold, Some(0.75));
    }
}
