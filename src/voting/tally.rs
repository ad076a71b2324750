//! The count: ballots in, a [`PollResult`] out. Every number is a sum over
//! ballots and every tie is broken by the poll's own data, so the result
//! does not depend on the order ballots arrive in.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

use super::ballot::{Ballot, Choice, Constituency, Content};
use super::spec::{Bar, Method, OptionId, PollSpec, Quorum, Rule, RuleView, MAX_OPTIONS};

/// A ballot handed to [`tally`] was parsed for another poll (another
/// method, options or limits): a bug in the caller, never the voter's doing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a ballot was parsed for a different poll from the one being counted")]
pub struct TallyError;

/// The result of a poll, as `GET /api/v1/polls/{id}/results` returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PollResult {
    /// The API method word.
    pub method: &'static str,
    pub rule: RuleView,
    pub quorum: Quorum,
    /// Ballots received from each constituency.
    pub turnout: Turnout,
    /// The count over all ballots, and over each constituency apart.
    pub tallies: Tallies,
    /// Ranked polls: the instant-runoff rounds of each count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Rounds>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Turnout {
    pub citizens: u64,
    pub organisations: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tallies {
    pub all: Count,
    pub citizens: Count,
    pub organisations: Count,
}

/// One group's count (all ballots, or one constituency's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub ballots: u64,
    /// Ballots that took part without supporting anything (counted for
    /// quorum and turnout, left out of shares).
    pub abstentions: u64,
    /// Motions: how many gave each answer, in the method's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ChoiceCount>,
    /// Multi-option polls: one row per option, in the poll's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionTally>,
    /// What this group's ballots alone say under the rule's bar.
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceCount {
    pub choice: Choice,
    pub votes: u64,
}

/// One option's numbers in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionTally {
    pub option: OptionId,
    pub label: String,
    /// What the method ranks options by: dots (dot), total score (score),
    /// net votes, for minus against (quadratic), times chosen (budget),
    /// first preferences (ranked).
    pub total: i64,
    /// Voters who back the option: gave it at least one dot, scored it 3
    /// or more, voted for it (quadratic), chose it (budget), ranked it
    /// first (ranked).
    pub backers: u64,
    /// Quadratic: voters who voted against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opponents: Option<u64>,
    /// Score: how many gave it 0, 1, 2, 3, 4, 5 (abstentions left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<[u64; 6]>,
    /// Budget: its cost, and whether this group's ballots alone fund it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funded: Option<bool>,
}

/// How far a group's support went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Single-winner multi-option polls: the option that came first.
    pub leader: Option<OptionId>,
    /// Motions: yes (agree) out of yes + no (agree + disagree + block).
    /// Dot, score, quadratic: the leader's backers out of the ballots that
    /// were not abstentions. Ranked: the leader's votes out of the ballots
    /// still counting in the final round. Budget: none (see `funded`).
    pub support: Option<Support>,
    /// Whether the support clears the rule's bar (budget: whether anything
    /// is funded).
    pub meets_bar: bool,
    /// Budget: the options this group's ballots alone fund, in the order
    /// they were funded, and what they cost together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funded: Option<Vec<OptionId>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Support {
    pub count: u64,
    pub of: u64,
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rounds {
    pub all: Vec<Round>,
    pub citizens: Vec<Round>,
    pub organisations: Vec<Round>,
}

/// One instant-runoff round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub round: u32,
    /// Votes of the options still in, in the poll's order.
    pub votes: Vec<OptionVotes>,
    /// Ballots whose ranked options are all out.
    pub exhausted: u64,
    /// The option that goes out after this round (none in the final round).
    pub eliminated: Option<OptionId>,
    /// Set when options tied for fewest votes (or tied in the final round):
    /// how the tie was broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<TieBreak>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionVotes {
    pub option: OptionId,
    pub votes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// Fewer votes in an earlier round, looking back one round at a time.
    EarlierRounds,
    /// Still tied in every round: the option listed later in the poll.
    PollOrder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    Failed,
    NoQuorum,
    /// Parity, multi-option: the constituencies chose differently.
    NoAgreement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub status: Status,
    /// Single-winner multi-option polls that passed: the chosen option.
    pub winner: Option<OptionId>,
    /// Budget polls: the options funded, in the order they were funded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funded: Option<Vec<OptionId>>,
    /// The outcome in plain words, for results pages.
    pub explanation: String,
}

/// Counts `ballots` for `spec`. Each ballot comes with the constituency
/// its voter counts in. Ballots may be owned or borrowed.
pub fn tally<B: Borrow<Ballot>>(
    spec: &PollSpec,
    ballots: impl IntoIterator<Item = (Constituency, B)>,
) -> Result<PollResult, TallyError> {
    let mut citizens = Acc::new(spec);
    let mut organisations = Acc::new(spec);
    for (constituency, ballot) in ballots {
        let ballot = ballot.borrow();
        if ballot.poll != spec.fingerprint() {
            return Err(TallyError);
        }
        match constituency {
            Constituency::Citizen => citizens.add(spec, ballot)?,
            Constituency::Organisation => organisations.add(spec, ballot)?,
        }
    }
    let all = citizens.merged(&organisations);
    let bar = spec.rule().bar();
    let groups = [
        judge(spec, bar, &all),
        judge(spec, bar, &citizens),
        judge(spec, bar, &organisations),
    ];
    let turnout = Turnout {
        citizens: citizens.ballots,
        organisations: organisations.ballots,
    };
    let outcome = decide(spec, turnout, &all, &groups);
    let [all, citizens, organisations] = groups;
    let rounds = (spec.method() == Method::Ranked).then(|| Rounds {
        all: all.rounds.clone(),
        citizens: citizens.rounds.clone(),
        organisations: organisations.rounds.clone(),
    });
    Ok(PollResult {
        method: spec.method().name(),
        rule: spec.rule().into(),
        quorum: spec.quorum(),
        turnout,
        tallies: Tallies {
            all: all.count,
            citizens: citizens.count,
            organisations: organisations.count,
        },
        rounds,
        outcome,
    })
}

// ---------------------------------------------------------------- counting

#[derive(Debug, Clone, Default)]
struct OptAcc {
    total: i64,
    backers: u64,
    opponents: u64,
    histogram: [u64; 6],
}

/// Running sums for one constituency.
#[derive(Debug, Clone)]
struct Acc {
    ballots: u64,
    abstentions: u64,
    choices: BTreeMap<Choice, u64>,
    options: Vec<OptAcc>,
    /// Distinct rankings (as option positions) and how many ballots gave each.
    rankings: BTreeMap<Vec<u16>, u64>,
}

impl Acc {
    fn new(spec: &PollSpec) -> Self {
        Self {
            ballots: 0,
            abstentions: 0,
            choices: BTreeMap::new(),
            options: vec![OptAcc::default(); spec.options().len()],
            rankings: BTreeMap::new(),
        }
    }

    fn add(&mut self, spec: &PollSpec, ballot: &Ballot) -> Result<(), TallyError> {
        let at = |id: &OptionId| spec.position_of(id).ok_or(TallyError);
        self.ballots += 1;
        if ballot.is_abstention() {
            self.abstentions += 1;
        }
        match &ballot.content {
            Content::Choice { choice } => *self.choices.entry(*choice).or_default() += 1,
            Content::Ranking { ranking } => {
                // Most ballots repeat a ranking already seen: look it up
                // from the stack, and allocate only for a new one.
                let mut buffer = [0u16; MAX_OPTIONS];
                let positions = buffer.get_mut(..ranking.len()).ok_or(TallyError)?;
                for (slot, id) in positions.iter_mut().zip(ranking) {
                    *slot = at(id)? as u16;
                }
                if let Some(&first) = positions.first() {
                    self.options[usize::from(first)].backers += 1;
                    self.options[usize::from(first)].total += 1;
                    match self.rankings.get_mut(&positions[..]) {
                        Some(n) => *n += 1,
                        None => {
                            self.rankings.insert(positions.to_vec(), 1);
                        }
                    }
                }
            }
            Content::Allocations { allocations } => {
                for (id, &n) in allocations {
                    let o = &mut self.options[at(id)?];
                    match spec.method() {
                        Method::Quadratic { .. } if n < 0 => o.opponents += 1,
                        _ => o.backers += 1,
                    }
                    o.total += n;
                }
            }
            Content::Scores { scores } => {
                if !scores.is_empty() {
                    if scores.keys().any(|id| spec.position_of(id).is_none()) {
                        return Err(TallyError);
                    }
                    for (option, o) in spec.options().iter().zip(&mut self.options) {
                        let s = scores.get(&option.id).copied().unwrap_or(0);
                        o.total += i64::from(s);
                        o.histogram[usize::from(s)] += 1;
                        if s >= 3 {
                            o.backers += 1;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn merged(&self, other: &Acc) -> Acc {
        let mut all = self.clone();
        all.ballots += other.ballots;
        all.abstentions += other.abstentions;
        for (choice, n) in &other.choices {
            *all.choices.entry(*choice).or_default() += n;
        }
        for (a, b) in all.options.iter_mut().zip(&other.options) {
            a.total += b.total;
            a.backers += b.backers;
            a.opponents += b.opponents;
            for (x, y) in a.histogram.iter_mut().zip(b.histogram) {
                *x += y;
            }
        }
        for (ranking, n) in &other.rankings {
            *all.rankings.entry(ranking.clone()).or_default() += n;
        }
        all
    }

    fn voting(&self) -> u64 {
        self.ballots - self.abstentions
    }

    fn choice(&self, choice: Choice) -> u64 {
        self.choices.get(&choice).copied().unwrap_or(0)
    }

    /// Motions: (for, for + against).
    fn motion_support(&self, method: Method) -> (u64, u64) {
        if method == Method::Approval {
            let yes = self.choice(Choice::Yes);
            (yes, yes + self.choice(Choice::No))
        } else {
            let agree = self.choice(Choice::Agree);
            (
                agree,
                agree + self.choice(Choice::Disagree) + self.choice(Choice::Block),
            )
        }
    }
}

// ----------------------------------------------------------------- judging

/// A group's count and what it means under the bar.
struct Judged {
    count: Count,
    rounds: Vec<Round>,
    leader: Option<usize>,
    support: Option<(u64, u64)>,
    /// Budget: which options clear the bar in this group.
    eligible: Vec<bool>,
    funded: Vec<usize>,
}

fn judge(spec: &PollSpec, bar: Bar, acc: &Acc) -> Judged {
    let method = spec.method();
    let mut rounds = Vec::new();
    let mut eligible = Vec::new();
    let mut funded = Vec::new();
    let (leader, support) = match method {
        Method::Approval | Method::Consent => (None, Some(acc.motion_support(method))),
        Method::Ranked => {
            let irv = instant_runoff(spec, &acc.rankings);
            rounds = irv.rounds;
            (irv.winner, irv.winner.map(|_| irv.support))
        }
        Method::Budget { cap } => {
            eligible = acc
                .options
                .iter()
                .map(|o| bar.met(o.backers, acc.voting()))
                .collect();
            funded = fund(spec, cap, &eligible, |i| {
                Frac(acc.options[i].backers, acc.voting().max(1))
            });
            (None, None)
        }
        Method::Dot { .. } | Method::Score | Method::Quadratic { .. } => {
            let leader = (acc.voting() > 0).then(|| {
                (0..acc.options.len())
                    .min_by(|&a, &b| {
                        let (x, y) = (&acc.options[a], &acc.options[b]);
                        y.total
                            .cmp(&x.total)
                            .then(y.backers.cmp(&x.backers))
                            .then(a.cmp(&b))
                    })
                    .unwrap_or(0)
            });
            (
                leader,
                leader.map(|i| (acc.options[i].backers, acc.voting())),
            )
        }
    };
    let meets_bar = match method {
        Method::Budget { .. } => !funded.is_empty(),
        _ => support.is_some_and(|(count, of)| bar.met(count, of)),
    };
    let is_budget = matches!(method, Method::Budget { .. });
    let count = Count {
        ballots: acc.ballots,
        abstentions: acc.abstentions,
        choices: Choice::vocabulary(method)
            .iter()
            .map(|&choice| ChoiceCount {
                choice,
                votes: acc.choice(choice),
            })
            .collect(),
        options: spec
            .options()
            .iter()
            .zip(&acc.options)
            .enumerate()
            .map(|(i, (option, o))| OptionTally {
                option: option.id.clone(),
                label: option.label.clone(),
                total: o.total,
                backers: o.backers,
                opponents: matches!(method, Method::Quadratic { .. }).then_some(o.opponents),
                histogram: (method == Method::Score).then_some(o.histogram),
                cost: option.cost,
                funded: is_budget.then(|| funded.contains(&i)),
            })
            .collect(),
        verdict: Verdict {
            leader: leader.map(|i| spec.options()[i].id.clone()),
            support: support.map(|(count, of)| Support {
                count,
                of,
                share: if of == 0 {
                    0.0
                } else {
                    count as f64 / of as f64
                },
            }),
            meets_bar,
            funded: is_budget.then(|| ids(spec, &funded)),
            spent: is_budget.then(|| cost_of(spec, &funded)),
        },
    };
    Judged {
        count,
        rounds,
        leader,
        support,
        eligible,
        funded,
    }
}

fn ids(spec: &PollSpec, positions: &[usize]) -> Vec<OptionId> {
    positions
        .iter()
        .map(|&i| spec.options()[i].id.clone())
        .collect()
}

fn cost_of(spec: &PollSpec, positions: &[usize]) -> u64 {
    positions
        .iter()
        .filter_map(|&i| spec.options()[i].cost)
        .sum()
}

/// An exact non-negative fraction `n / d` (d > 0), ordered by value.
#[derive(Debug, Clone, Copy)]
struct Frac(u64, u64);

impl Frac {
    fn compare(self, other: Frac) -> Ordering {
        (u128::from(self.0) * u128::from(other.1)).cmp(&(u128::from(other.0) * u128::from(self.1)))
    }
}

/// The budget rule: the eligible options, taken in order of support
/// (higher first; then cheaper first; then earlier in the poll), are each
/// funded if they fit in what is left of the cap, and skipped if not.
fn fund(
    spec: &PollSpec,
    cap: u64,
    eligible: &[bool],
    support: impl Fn(usize) -> Frac,
) -> Vec<usize> {
    let cost = |i: usize| spec.options()[i].cost.unwrap_or(u64::MAX);
    let mut order: Vec<usize> = (0..eligible.len()).filter(|&i| eligible[i]).collect();
    order.sort_by(|&a, &b| {
        support(b)
            .compare(support(a))
            .then(cost(a).cmp(&cost(b)))
            .then(a.cmp(&b))
    });
    let mut left = cap;
    let mut funded = Vec::new();
    for i in order {
        if cost(i) <= left {
            left -= cost(i);
            funded.push(i);
        }
    }
    funded
}

// ---------------------------------------------------------- instant runoff

struct Irv {
    rounds: Vec<Round>,
    winner: Option<usize>,
    /// The winner's votes and the votes of the last two options together,
    /// in the final round.
    support: (u64, u64),
}

/// Instant runoff, run until two options are left. Each round every
/// ballot counts for its highest-ranked option still in; the option with
/// fewest votes goes out (ties: see [`loser`]). In the final round the
/// option with more votes wins; if the two tie, the same tie-break picks
/// the one that goes out.
fn instant_runoff(spec: &PollSpec, rankings: &BTreeMap<Vec<u16>, u64>) -> Irv {
    let n = spec.options().len();
    let mut irv = Irv {
        rounds: Vec::new(),
        winner: None,
        support: (0, 0),
    };
    if rankings.is_empty() {
        return irv;
    }
    let mut alive = vec![true; n];
    let mut history: Vec<Vec<u64>> = Vec::new();
    loop {
        let mut votes = vec![0u64; n];
        let mut exhausted = 0;
        for (ranking, count) in rankings {
            match ranking.iter().find(|&&i| alive[usize::from(i)]) {
                Some(&i) => votes[usize::from(i)] += count,
                None => exhausted += count,
            }
        }
        history.push(votes.clone());
        let standing: Vec<usize> = (0..n).filter(|&i| alive[i]).collect();
        let (out, tie_break) = loser(&standing, &history);
        let last = standing.len() <= 2;
        irv.rounds.push(Round {
            round: history.len() as u32,
            votes: standing
                .iter()
                .map(|&i| OptionVotes {
                    option: spec.options()[i].id.clone(),
                    votes: votes[i],
                })
                .collect(),
            exhausted,
            eliminated: (!last).then(|| spec.options()[out].id.clone()),
            tie_break,
        });
        if last {
            let winner = standing.iter().copied().find(|&i| i != out).unwrap_or(out);
            let of: u64 = standing.iter().map(|&i| votes[i]).sum();
            if of > 0 {
                irv.winner = Some(winner);
                irv.support = (votes[winner], of);
            }
            return irv;
        }
        alive[out] = false;
    }
}

/// Which of the `standing` options goes out: the one with fewest votes
/// this round; among those tied, the one with fewest votes in the round
/// before, and so on back to the first round; if still tied, the one
/// listed later in the poll.
fn loser(standing: &[usize], history: &[Vec<u64>]) -> (usize, Option<TieBreak>) {
    let fewest = |among: &[usize], round: &[u64]| -> Vec<usize> {
        let min = among.iter().map(|&i| round[i]).min().unwrap_or(0);
        among.iter().copied().filter(|&i| round[i] == min).collect()
    };
    let current = history.last().map(Vec::as_slice).unwrap_or(&[]);
    let mut tied = fewest(standing, current);
    if tied.len() == 1 {
        return (tied[0], None);
    }
    for round in history.iter().rev().skip(1) {
        tied = fewest(&tied, round);
        if tied.len() == 1 {
            return (tied[0], Some(TieBreak::EarlierRounds));
        }
    }
    (
        tied.iter().copied().max().unwrap_or(0),
        Some(TieBreak::PollOrder),
    )
}

// ---------------------------------------------------------------- deciding

fn decide(spec: &PollSpec, turnout: Turnout, all: &Acc, groups: &[Judged; 3]) -> Outcome {
    let quorum = spec.quorum();
    if turnout.citizens < quorum.citizens || turnout.organisations < quorum.organisations {
        return Outcome {
            status: Status::NoQuorum,
            winner: None,
            funded: None,
            explanation: format!(
                "No quorum: the poll needs at least {} from citizens and {} from organisation \
                 members; it has {} and {}.",
                ballots(quorum.citizens),
                ballots(quorum.organisations),
                turnout.citizens,
                turnout.organisations
            ),
        };
    }
    let method = spec.method();
    let rule = spec.rule();
    let bar = rule.bar();
    let [pooled, citizens, organisations] = groups;
    match (rule, method) {
        (Rule::NoBlocks, _) => {
            let blocks = all.choice(Choice::Block);
            let agree = all.choice(Choice::Agree);
            let (status, explanation) = if blocks > 0 {
                (
                    Status::Failed,
                    format!(
                        "Failed: {} blocked it, and under the no-blocks rule a single block \
                         stops a proposal.",
                        people(blocks)
                    ),
                )
            } else if agree == 0 {
                (
                    Status::Failed,
                    "Failed: nobody blocked, but nobody agreed either.".to_owned(),
                )
            } else {
                (
                    Status::Passed,
                    format!("Passed: {} agreed and nobody blocked.", people(agree)),
                )
            };
            motion(status, explanation)
        }
        (Rule::Parity(_), Method::Approval | Method::Consent) => {
            let passed = citizens.count.verdict.meets_bar && organisations.count.verdict.meets_bar;
            motion(
                passed_or_failed(passed),
                format!(
                    "{}: under parity citizens and organisation members are counted apart and \
                     each group must give {}. {} {}",
                    if passed { "Passed" } else { "Failed" },
                    bar.words(),
                    group_words("Citizens", method, citizens),
                    group_words("Organisation members", method, organisations),
                ),
            )
        }
        (_, Method::Approval | Method::Consent) => {
            let passed = pooled.count.verdict.meets_bar;
            let (count, of) = pooled.support.unwrap_or((0, 0));
            motion(
                passed_or_failed(passed),
                format!(
                    "{}: {}; the rule needs {}.",
                    if passed { "Passed" } else { "Failed" },
                    support_words(method, count, of),
                    bar.words()
                ),
            )
        }
        (Rule::Parity(_), Method::Budget { cap }) => {
            let eligible: Vec<bool> = citizens
                .eligible
                .iter()
                .zip(&organisations.eligible)
                .map(|(a, b)| *a && *b)
                .collect();
            let share = |acc: &Judged, i: usize| {
                let o = &acc.count.options[i];
                Frac(
                    o.backers,
                    (acc.count.ballots - acc.count.abstentions).max(1),
                )
            };
            let funded = fund(spec, cap, &eligible, |i| {
                let (c, o) = (share(citizens, i), share(organisations, i));
                if c.compare(o) == Ordering::Less {
                    c
                } else {
                    o
                }
            });
            let status = if !funded.is_empty() {
                Status::Passed
            } else if !citizens.funded.is_empty() && !organisations.funded.is_empty() {
                Status::NoAgreement
            } else {
                Status::Failed
            };
            let explanation = match status {
                Status::Passed => format!(
                    "Funded: {} ({} of {}). Under parity an option is funded when {} of \
                     citizens and {} of organisation members chose it; options are taken in \
                     order of their support in the group that supports them less, and funded \
                     while the money lasts.",
                    labels(spec, &funded),
                    cost_of(spec, &funded),
                    cap,
                    bar.words(),
                    bar.words()
                ),
                Status::NoAgreement => format!(
                    "No agreement: citizens and organisation members each back options, but \
                     none was chosen by {} of both groups.",
                    bar.words()
                ),
                _ => format!(
                    "Nothing funded: no option was chosen by {} of citizens and {} of \
                     organisation members.",
                    bar.words(),
                    bar.words()
                ),
            };
            Outcome {
                status,
                winner: None,
                funded: Some(ids(spec, &funded)),
                explanation,
            }
        }
        (_, Method::Budget { cap }) => {
            let funded = &pooled.funded;
            let explanation = if funded.is_empty() {
                format!(
                    "Nothing funded: no option was chosen by {} of voters.",
                    bar.words()
                )
            } else {
                format!(
                    "Funded: {} ({} of {}). An option is funded when {} of voters chose it; \
                     the most chosen go first, while the money lasts.",
                    labels(spec, funded),
                    cost_of(spec, funded),
                    cap,
                    bar.words()
                )
            };
            Outcome {
                status: passed_or_failed(!funded.is_empty()),
                winner: None,
                funded: Some(ids(spec, funded)),
                explanation,
            }
        }
        (Rule::Parity(_), _) => match (citizens.leader, organisations.leader) {
            (Some(a), Some(b)) if a != b => Outcome {
                status: Status::NoAgreement,
                winner: None,
                funded: None,
                explanation: format!(
                    "No agreement: citizens' first choice is {} and organisation members' is \
                     {}. Under parity both groups must settle on the same option.",
                    spec.options()[a].label,
                    spec.options()[b].label
                ),
            },
            (Some(a), Some(_))
                if citizens.count.verdict.meets_bar && organisations.count.verdict.meets_bar =>
            {
                Outcome {
                    status: Status::Passed,
                    winner: Some(spec.options()[a].id.clone()),
                    funded: None,
                    explanation: format!(
                        "Passed: {} {} with both citizens and organisation members, and each \
                         group gave it {}. {} {}",
                        spec.options()[a].label,
                        came_first(method),
                        bar.words(),
                        group_words("Citizens", method, citizens),
                        group_words("Organisation members", method, organisations),
                    ),
                }
            }
            _ => Outcome {
                status: Status::Failed,
                winner: None,
                funded: None,
                explanation: format!(
                    "Failed: under parity the same option must come first with citizens and \
                     with organisation members, and get {} in each group. {} {}",
                    bar.words(),
                    group_words("Citizens", method, citizens),
                    group_words("Organisation members", method, organisations),
                ),
            },
        },
        _ => {
            let passed = pooled.count.verdict.meets_bar;
            let explanation = match (pooled.leader, pooled.support) {
                (Some(i), Some((count, of))) => format!(
                    "{}: {} {}{} {}; the rule needs {}.",
                    if passed { "Passed" } else { "Failed" },
                    spec.options()[i].label,
                    came_first(method),
                    if passed { ", and" } else { ", but only" },
                    support_words(method, count, of),
                    bar.words()
                ),
                _ => "Failed: no ballot supported any option.".to_owned(),
            };
            Outcome {
                status: passed_or_failed(passed),
                winner: pooled
                    .leader
                    .filter(|_| passed)
                    .map(|i| spec.options()[i].id.clone()),
                funded: None,
                explanation,
            }
        }
    }
}

fn motion(status: Status, explanation: String) -> Outcome {
    Outcome {
        status,
        winner: None,
        funded: None,
        explanation,
    }
}

fn passed_or_failed(passed: bool) -> Status {
    if passed {
        Status::Passed
    } else {
        Status::Failed
    }
}

fn ballots(n: u64) -> String {
    if n == 1 {
        "1 ballot".to_owned()
    } else {
        format!("{n} ballots")
    }
}

fn people(n: u64) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

fn labels(spec: &PollSpec, positions: &[usize]) -> String {
    positions
        .iter()
        .map(|&i| spec.options()[i].label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "60%", "66.7%".
fn percent(count: u64, of: u64) -> String {
    if of == 0 {
        return "no share".to_owned();
    }
    let p = format!("{:.1}", count as f64 * 100.0 / of as f64);
    format!("{}%", p.trim_end_matches(".0"))
}

fn came_first(method: Method) -> &'static str {
    match method {
        Method::Dot { .. } => "got the most dots",
        Method::Score => "got the highest total score",
        Method::Quadratic { .. } => "got the most votes (for minus against)",
        Method::Ranked => "won the instant runoff",
        _ => "came first",
    }
}

/// What the support numbers mean for this method, in plain words.
fn support_words(method: Method, count: u64, of: u64) -> String {
    let share = percent(count, of);
    match method {
        Method::Approval => {
            format!("{count} of the {of} who voted yes or no said yes ({share})")
        }
        Method::Consent => {
            format!("{count} of the {of} who agreed, disagreed or blocked agreed ({share})")
        }
        Method::Dot { .. } => {
            format!("{count} of {of} voters put at least one dot on it ({share})")
        }
        Method::Score => format!("{count} of {of} voters rated it 3 or more out of 5 ({share})"),
        Method::Quadratic { .. } => {
            format!("{count} of {of} voters spent credits in favour of it ({share})")
        }
        Method::Ranked => format!(
            "in the final round {count} of the {of} ballots that ranked either of the last two \
             preferred it ({share})"
        ),
        Method::Budget { .. } => format!("{count} of {of} voters chose it ({share})"),
    }
}

fn group_words(group: &str, method: Method, judged: &Judged) -> String {
    let reached = if judged.count.verdict.meets_bar {
        "reached"
    } else {
        "not reached"
    };
    match (judged.support, judged.count.verdict.leader.as_ref()) {
        (Some((count, of)), Some(_)) if !method.is_motion() => format!(
            "{group}: first choice {}, {}, {reached}.",
            judged
                .leader
                .map(|i| judged.count.options[i].label.as_str())
                .unwrap_or(""),
            support_words(method, count, of)
        ),
        (Some((count, of)), _) if method.is_motion() => {
            format!("{group}: {}, {reached}.", support_words(method, count, of))
        }
        _ => format!("{group}: no ballot supported any option."),
    }
}
