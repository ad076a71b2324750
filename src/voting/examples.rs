//! Worked examples, one or more per method and rule. Each writes the
//! ballots and the arithmetic out so a reader can check it by hand.

use serde_json::{json, Value};

use super::*;

fn id(s: &str) -> OptionId {
    OptionId::parse(s).unwrap()
}

fn options(ids: &[&str]) -> Vec<PollOption> {
    ids.iter()
        .map(|s| PollOption::new(id(s), s.to_uppercase()))
        .collect()
}

fn spec(method: Method, options: Vec<PollOption>, rule: Rule) -> PollSpec {
    PollSpec::new(method, options, rule, Quorum::default()).unwrap()
}

fn motion(method: Method, rule: Rule) -> PollSpec {
    spec(method, vec![], rule)
}

fn two_thirds() -> Threshold {
    Threshold::new(2, 3).unwrap()
}

/// `n` copies of a raw ballot.
fn times(n: usize, raw: Value) -> Vec<Value> {
    vec![raw; n]
}

fn count(spec: &PollSpec, citizens: &[Value], organisations: &[Value]) -> PollResult {
    let parse = |raw: &Value| Ballot::parse(spec, raw).unwrap();
    let ballots = citizens
        .iter()
        .map(|r| (Constituency::Citizen, parse(r)))
        .chain(
            organisations
                .iter()
                .map(|r| (Constituency::Organisation, parse(r))),
        );
    tally(spec, ballots).unwrap()
}

fn err(spec: &PollSpec, raw: Value) -> BallotError {
    Ballot::parse(spec, &raw).unwrap_err()
}

fn approval_ballots() -> (Vec<Value>, Vec<Value>) {
    // Citizens: 6 yes, 3 no, 2 abstain. Organisation members: 2 yes, 3 no.
    let citizens = [
        times(6, json!({"choice": "yes"})),
        times(3, json!({"choice": "no"})),
        times(2, json!({"choice": "abstain"})),
    ]
    .concat();
    let organisations = [
        times(2, json!({"choice": "yes"})),
        times(3, json!({"choice": "no"})),
    ]
    .concat();
    (citizens, organisations)
}

#[test]
fn approval_under_majority_pools_all_ballots() {
    // All together: yes 6 + 2 = 8, no 3 + 3 = 6; abstentions left out.
    // 8 of 14 = 57.1% > one half: passed.
    let (c, o) = approval_ballots();
    let result = count(&motion(Method::Approval, Rule::Majority), &c, &o);
    assert_eq!(result.outcome.status, Status::Passed);
    assert_eq!(
        result.turnout,
        Turnout {
            citizens: 11,
            organisations: 5
        }
    );
    let all = &result.tallies.all;
    assert_eq!((all.ballots, all.abstentions), (16, 2));
    let votes: Vec<u64> = all.choices.iter().map(|c| c.votes).collect();
    assert_eq!(votes, [8, 6, 2]);
    let support = all.verdict.support.as_ref().unwrap();
    assert_eq!((support.count, support.of), (8, 14));
    assert_eq!(
        result.outcome.explanation,
        "Passed: 8 of the 14 who voted yes or no said yes (57.1%); the rule needs more than half."
    );
}

#[test]
fn approval_under_parity_needs_both_constituencies() {
    // Citizens: 6 of 9 = 66.7%, reached. Organisation members: 2 of 5 =
    // 40%, not reached. Under parity one group short is enough to fail,
    // although the pooled count (8 of 14) would pass.
    let (c, o) = approval_ballots();
    let result = count(
        &motion(Method::Approval, Rule::Parity(Bar::MoreThanHalf)),
        &c,
        &o,
    );
    assert_eq!(result.outcome.status, Status::Failed);
    assert!(result.tallies.citizens.verdict.meets_bar);
    assert!(!result.tallies.organisations.verdict.meets_bar);
    assert!(result.outcome.explanation.contains(
        "Organisation members: 2 of the 5 who voted yes or no said yes (40%), not reached."
    ));
    // Whatever the sizes: 1 organisation member voting yes and 100
    // citizens split 51 / 49 passes; the other way round fails.
    let many = [
        times(51, json!({"choice": "yes"})),
        times(49, json!({"choice": "no"})),
    ]
    .concat();
    let spec = motion(Method::Approval, Rule::Parity(Bar::MoreThanHalf));
    let passes = count(&spec, &many, &[json!({"choice": "yes"})]);
    assert_eq!(passes.outcome.status, Status::Passed);
    let fails = count(&spec, &many, &[json!({"choice": "no"})]);
    assert_eq!(fails.outcome.status, Status::Failed);
}

#[test]
fn supermajority_is_at_least_the_exact_threshold() {
    // 8 of 14 = 57.1% < 2/3: failed.
    let (c, o) = approval_ballots();
    let spec = motion(Method::Approval, Rule::Supermajority(two_thirds()));
    assert_eq!(count(&spec, &c, &o).outcome.status, Status::Failed);
    // 10 yes, 5 no: 10 of 15 is exactly 2/3, which is "at least": passed.
    let c = [
        times(10, json!({"choice": "yes"})),
        times(5, json!({"choice": "no"})),
    ]
    .concat();
    let result = count(&spec, &c, &[]);
    assert_eq!(result.outcome.status, Status::Passed);
    assert_eq!(result.rule.kind, "supermajority");
    assert!((result.rule.threshold.unwrap() - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn a_poll_short_of_quorum_in_either_constituency_decides_nothing() {
    // Quorum 11 citizens and 6 organisation members; 11 and 5 voted.
    let (c, o) = approval_ballots();
    let quorum = Quorum {
        citizens: 11,
        organisations: 6,
    };
    let spec = PollSpec::new(Method::Approval, vec![], Rule::Majority, quorum).unwrap();
    let result = count(&spec, &c, &o);
    assert_eq!(result.outcome.status, Status::NoQuorum);
    assert_eq!(
        result.outcome.explanation,
        "No quorum: the poll needs at least 11 ballots from citizens and 6 ballots from \
         organisation members; it has 11 and 5."
    );
    // Abstentions count towards quorum: 11 citizens includes 2 abstaining.
    let spec = PollSpec::new(
        Method::Approval,
        vec![],
        Rule::Majority,
        Quorum {
            citizens: 11,
            organisations: 5,
        },
    )
    .unwrap();
    assert_eq!(count(&spec, &c, &o).outcome.status, Status::Passed);
}

#[test]
fn consent_under_no_blocks_stops_at_one_block() {
    // Citizens: 5 agree, 2 disagree, 1 abstain. One organisation member
    // blocks. Under no_blocks a single block fails the proposal.
    let spec = motion(Method::Consent, Rule::NoBlocks);
    let c = [
        times(5, json!({"choice": "agree"})),
        times(2, json!({"choice": "disagree"})),
        times(1, json!({"choice": "abstain"})),
    ]
    .concat();
    let blocked = count(&spec, &c, &[json!({"choice": "block"})]);
    assert_eq!(blocked.outcome.status, Status::Failed);
    assert_eq!(
        blocked.outcome.explanation,
        "Failed: 1 person blocked it, and under the no-blocks rule a single block stops a proposal."
    );
    // Without the block (the organisation member abstains): 5 agree,
    // nobody blocks; the 2 disagreeing do not stop consent.
    let consented = count(&spec, &c, &[json!({"choice": "abstain"})]);
    assert_eq!(consented.outcome.status, Status::Passed);
    // Everyone abstains: nobody blocked, but nobody agreed.
    let silent = count(&spec, &times(3, json!({"choice": "abstain"})), &[]);
    assert_eq!(silent.outcome.status, Status::Failed);
}

#[test]
fn consent_under_majority_counts_a_block_as_a_no() {
    // agree 5 out of agree 5 + disagree 2 + block 1 = 5 of 8 = 62.5%.
    let spec = motion(Method::Consent, Rule::Majority);
    let c = [
        times(5, json!({"choice": "agree"})),
        times(2, json!({"choice": "disagree"})),
        times(1, json!({"choice": "block"})),
    ]
    .concat();
    let result = count(&spec, &c, &[]);
    assert_eq!(result.outcome.status, Status::Passed);
    let s = result.tallies.all.verdict.support.unwrap();
    assert_eq!((s.count, s.of), (5, 8));
}

#[test]
fn dot_voting_most_dots_and_broad_backing() {
    // 10 dots each; options A, B, C.
    //   v1: A 10          v2: A 5, B 5      v3: B 10
    //   v4: B 4, C 6      v5: no dots (abstains)
    // Dots: A 15, B 19, C 6. B comes first. Voters with a dot on B:
    // v2, v3, v4 = 3 of the 4 who placed dots = 75% > half: passed.
    let spec = spec(
        Method::Dot { dots: 10 },
        options(&["a", "b", "c"]),
        Rule::Majority,
    );
    let c = [
        json!({"allocations": {"a": 10}}),
        json!({"allocations": {"a": 5, "b": 5}}),
        json!({"allocations": {"b": 10}}),
        json!({"allocations": {"b": 4, "c": 6}}),
        json!({"allocations": {}}),
    ];
    let result = count(&spec, &c, &[]);
    let totals: Vec<i64> = result.tallies.all.options.iter().map(|o| o.total).collect();
    assert_eq!(totals, [15, 19, 6]);
    assert_eq!(result.tallies.all.abstentions, 1);
    assert_eq!(result.outcome.status, Status::Passed);
    assert_eq!(result.outcome.winner, Some(id("b")));
    assert_eq!(
        result.outcome.explanation,
        "Passed: B got the most dots, and 3 of 4 voters put at least one dot on it (75%); the \
         rule needs more than half."
    );
    // 6 + 5 = 11 dots is more than 10.
    let e = err(&spec, json!({"allocations": {"a": 6, "b": 5}}));
    assert_eq!(
        e,
        BallotError::TooManyDots {
            spent: 11,
            dots: 10
        }
    );
    assert_eq!(
        (e.field().as_str(), e.code()),
        ("allocations", "over_limit")
    );
}

#[test]
fn score_voting_needs_most_voters_to_rate_the_leader_well() {
    // Options A, B, C; unscored options count as 0.
    //   v1: A 5, B 3        v2: A 4, B 4, C 1    v3: B 3, C 5
    //   v4: A 2, B 3, C 5   v5: {} (abstains)
    // Totals: A 5+4+0+2 = 11, B 3+4+3+3 = 13, C 0+1+5+5 = 11. B first;
    // rated 3 or more by all 4 voters: 100%, passed.
    let spec = spec(Method::Score, options(&["a", "b", "c"]), Rule::Majority);
    let c = [
        json!({"scores": {"a": 5, "b": 3}}),
        json!({"scores": {"a": 4, "b": 4, "c": 1}}),
        json!({"scores": {"b": 3, "c": 5}}),
        json!({"scores": {"a": 2, "b": 3, "c": 5}}),
        json!({"scores": {}}),
    ];
    let result = count(&spec, &c, &[]);
    let totals: Vec<i64> = result.tallies.all.options.iter().map(|o| o.total).collect();
    assert_eq!(totals, [11, 13, 11]);
    assert_eq!(
        result.tallies.all.options[0].histogram,
        Some([1, 0, 1, 0, 1, 1])
    );
    assert_eq!(result.outcome.winner, Some(id("b")));
    // A polarising option can lead on totals without most voters rating
    // it well:  v1: A 5   v2: A 5   v3: A 0, B 2   v4: A 1, B 2   v5: A 1, B 2
    // Totals A 12, B 6: A first, but only v1 and v2 (2 of 5 = 40%) rated
    // it 3 or more: failed.
    let spec2 = super::examples::spec(Method::Score, options(&["a", "b"]), Rule::Majority);
    let c = [
        json!({"scores": {"a": 5}}),
        json!({"scores": {"a": 5}}),
        json!({"scores": {"a": 0, "b": 2}}),
        json!({"scores": {"a": 1, "b": 2}}),
        json!({"scores": {"a": 1, "b": 2}}),
    ];
    let result = count(&spec2, &c, &[]);
    assert_eq!(result.outcome.status, Status::Failed);
    assert_eq!(result.outcome.winner, None);
    assert_eq!(result.tallies.all.verdict.leader, Some(id("a")));
    assert_eq!(
        result.outcome.explanation,
        "Failed: A got the highest total score, but only 2 of 5 voters rated it 3 or more out \
         of 5 (40%); the rule needs more than half."
    );
    let e = err(&spec, json!({"scores": {"a": 6}}));
    assert_eq!((e.field().as_str(), e.code()), ("scores.a", "out_of_range"));
    assert_eq!(e.to_string(), "give a whole number from 0 to 5");
    assert_eq!(
        err(&spec, json!({"scores": {"a": 2.5}})).code(),
        "out_of_range"
    );
}

#[test]
fn quadratic_voting_allows_votes_against() {
    // 9 voice credits each; n votes cost n×n.
    //   v1: A +3 (9)                 v2: A −2, B +2 (4 + 4 = 8)
    //   v3: B +1, C +2 (1 + 4 = 5)   v4: A +1, B +1, C −1 (3)
    // Net votes: A 3 − 2 + 1 = 2, B 2 + 1 + 1 = 4, C 2 − 1 = 1. B first,
    // voted for by v2, v3, v4 = 3 of 4: passed. A has 1 opponent (v2).
    let spec = spec(
        Method::Quadratic { credits: 9 },
        options(&["a", "b", "c"]),
        Rule::Majority,
    );
    let c = [
        json!({"allocations": {"a": 3}}),
        json!({"allocations": {"a": -2, "b": 2}}),
        json!({"allocations": {"b": 1, "c": 2}}),
        json!({"allocations": {"a": 1, "b": 1, "c": -1}}),
    ];
    let result = count(&spec, &c, &[]);
    let rows = &result.tallies.all.options;
    let totals: Vec<i64> = rows.iter().map(|o| o.total).collect();
    assert_eq!(totals, [2, 4, 1]);
    assert_eq!((rows[0].backers, rows[0].opponents), (2, Some(1)));
    assert_eq!(result.outcome.winner, Some(id("b")));
    // A +3 and B +1 cost 9 + 1 = 10 credits, one more than 9.
    let e = err(&spec, json!({"allocations": {"a": 3, "b": 1}}));
    assert_eq!(
        e,
        BallotError::OverCredits {
            spent: 10,
            credits: 9
        }
    );
}

/// 4 × [A, B], 3 × [B, C], 2 × [C, B], 2 × [D, C], one empty ranking.
fn ranked_ballots() -> Vec<Value> {
    [
        times(4, json!({"ranking": ["a", "b"]})),
        times(3, json!({"ranking": ["b", "c"]})),
        times(2, json!({"ranking": ["c", "b"]})),
        times(2, json!({"ranking": ["d", "c"]})),
        times(1, json!({"ranking": []})),
    ]
    .concat()
}

#[test]
fn ranked_instant_runoff_round_by_round() {
    // Round 1: A 4, B 3, C 2, D 2. C and D tie for fewest, with no earlier
    //          round to look back at: D, listed later, goes out.
    // Round 2: D's 2 ballots go to C: A 4, B 3, C 4. B goes out.
    // Round 3: B's 3 ballots go to C: A 4, C 7; two left, C wins with
    //          7 of 11 = 63.6%: passes a majority, fails two thirds.
    let spec_majority = spec(
        Method::Ranked,
        options(&["a", "b", "c", "d"]),
        Rule::Majority,
    );
    let result = count(&spec_majority, &ranked_ballots(), &[]);
    let rounds = &result.rounds.as_ref().unwrap().all;
    let votes = |r: &Round| r.votes.iter().map(|v| v.votes).collect::<Vec<_>>();
    assert_eq!(rounds.len(), 3);
    assert_eq!(votes(&rounds[0]), [4, 3, 2, 2]);
    assert_eq!(rounds[0].eliminated, Some(id("d")));
    assert_eq!(rounds[0].tie_break, Some(TieBreak::PollOrder));
    assert_eq!(votes(&rounds[1]), [4, 3, 4]);
    assert_eq!(rounds[1].eliminated, Some(id("b")));
    assert_eq!(rounds[1].tie_break, None);
    assert_eq!(votes(&rounds[2]), [4, 7]);
    assert_eq!(rounds[2].eliminated, None);
    assert_eq!(result.outcome.winner, Some(id("c")));
    assert_eq!(result.tallies.all.abstentions, 1);
    // First preferences are in the option rows.
    let first: Vec<i64> = result.tallies.all.options.iter().map(|o| o.total).collect();
    assert_eq!(first, [4, 3, 2, 2]);

    let spec_two_thirds = spec(
        Method::Ranked,
        options(&["a", "b", "c", "d"]),
        Rule::Supermajority(two_thirds()),
    );
    let result = count(&spec_two_thirds, &ranked_ballots(), &[]);
    assert_eq!(result.outcome.status, Status::Failed);
    assert_eq!(
        result.outcome.explanation,
        "Failed: C won the instant runoff, but only in the final round 7 of the 11 ballots that \
         ranked either of the last two preferred it (63.6%); the rule needs at least 2/3."
    );
}

#[test]
fn ranked_ties_look_back_to_earlier_rounds() {
    // 5 × [A], 3 × [B], 2 × [C, B], 1 × [D, C].
    // Round 1: A 5, B 3, C 2, D 1: D goes out.
    // Round 2: D's ballot goes to C: A 5, B 3, C 3. B and C tie; in round
    //          1 C had fewer (2 against 3), so C goes out.
    // Round 3: C's [C, B] ballots go to B; [D, C] is exhausted: A 5, B 5.
    //          A final tie: in round 2 B had fewer (3 against 5), so B goes
    //          out and A leads, but 5 of 10 is not more than half: failed.
    let spec = spec(
        Method::Ranked,
        options(&["a", "b", "c", "d"]),
        Rule::Majority,
    );
    let c = [
        times(5, json!({"ranking": ["a"]})),
        times(3, json!({"ranking": ["b"]})),
        times(2, json!({"ranking": ["c", "b"]})),
        times(1, json!({"ranking": ["d", "c"]})),
    ]
    .concat();
    let result = count(&spec, &c, &[]);
    let rounds = &result.rounds.as_ref().unwrap().all;
    assert_eq!(rounds[1].eliminated, Some(id("c")));
    assert_eq!(rounds[1].tie_break, Some(TieBreak::EarlierRounds));
    assert_eq!(rounds[2].exhausted, 1);
    assert_eq!(rounds[2].tie_break, Some(TieBreak::EarlierRounds));
    assert_eq!(result.tallies.all.verdict.leader, Some(id("a")));
    assert_eq!(result.outcome.status, Status::Failed);

    // Two options, one vote each: no earlier round, so B (listed later)
    // loses the tie; A leads with 1 of 2, which fails.
    let spec = super::examples::spec(Method::Ranked, options(&["a", "b"]), Rule::Majority);
    let c = [json!({"ranking": ["a"]}), json!({"ranking": ["b"]})];
    let result = count(&spec, &c, &[]);
    assert_eq!(result.tallies.all.verdict.leader, Some(id("a")));
    assert_eq!(
        result.rounds.unwrap().all[0].tie_break,
        Some(TieBreak::PollOrder)
    );
    assert_eq!(result.outcome.status, Status::Failed);
}

#[test]
fn ranked_ballot_errors_name_the_problem() {
    let spec = spec(Method::Ranked, options(&["a", "b", "c"]), Rule::Majority);
    let e = err(&spec, json!({"ranking": ["a", "b", "a"]}));
    assert_eq!(
        (e.field().as_str(), e.code()),
        ("ranking", "duplicate_rank")
    );
    assert_eq!(
        e.to_string(),
        "\"a\" is ranked twice (choices 1 and 3); rank each option once"
    );
    let e = err(&spec, json!({"ranking": ["a", "zz"]}));
    assert_eq!(
        (e.field().as_str(), e.code()),
        ("ranking", "unknown_option")
    );
    assert_eq!(e.to_string(), "\"zz\" is not an option in this poll");
    assert_eq!(err(&spec, json!({"ranking": "a"})).code(), "invalid");
    assert_eq!(err(&spec, json!({"ranking": [1]})).code(), "invalid");
    let e = err(&spec, json!({"choice": "yes"}));
    assert_eq!((e.field().as_str(), e.code()), ("choice", "unexpected"));
    let e = err(&spec, json!({}));
    assert_eq!((e.field().as_str(), e.code()), ("ranking", "required"));
    assert_eq!(err(&spec, json!([])), BallotError::NotAnObject);
}

fn budget_spec(rule: Rule) -> PollSpec {
    let options = vec![
        PollOption::new(id("a"), "A").costing(50),
        PollOption::new(id("b"), "B").costing(40),
        PollOption::new(id("c"), "C").costing(40),
        PollOption::new(id("d"), "D").costing(10),
    ];
    spec(Method::Budget { cap: 100 }, options, rule)
}

#[test]
fn budget_funds_the_most_chosen_while_the_money_lasts() {
    // Cap 100; A costs 50, B 40, C 40, D 10.
    //   v1: A, B, D (100)   v2: A, C, D (100)   v3: B, C, D (90)
    //   v4: A, B (90)       v5: A, C (90)       v6: nothing (abstains)
    // Chosen by: A 4, B 3, C 3, D 3 of the 5 voters: all more than half.
    // Order: A (4); then B, C, D (3 each), cheaper first: D (10), then B
    // and C (40 each) in poll order.
    // Fund A (50 left), D (40 left), B (0 left); C does not fit: skipped.
    let spec = budget_spec(Rule::Majority);
    let pick = |ids: &[&str]| {
        let map: serde_json::Map<String, Value> =
            ids.iter().map(|i| (i.to_string(), json!(1))).collect();
        json!({ "allocations": map })
    };
    let c = [
        pick(&["a", "b", "d"]),
        pick(&["a", "c", "d"]),
        pick(&["b", "c", "d"]),
        pick(&["a", "b"]),
        pick(&["a", "c"]),
        pick(&[]),
    ];
    let result = count(&spec, &c, &[]);
    assert_eq!(result.outcome.status, Status::Passed);
    assert_eq!(result.outcome.funded, Some(vec![id("a"), id("d"), id("b")]));
    assert_eq!(result.tallies.all.verdict.spent, Some(100));
    let rows = &result.tallies.all.options;
    assert_eq!(rows[2].funded, Some(false));
    assert_eq!(rows[2].cost, Some(40));
    assert_eq!(
        result.outcome.explanation,
        "Funded: A, D, B (100 of 100). An option is funded when more than half of voters chose \
         it; the most chosen go first, while the money lasts."
    );
    // A + B + C cost 130, over the cap of 100.
    let e = err(&spec, pick(&["a", "b", "c"]));
    assert_eq!(
        e,
        BallotError::OverCap {
            cost: 130,
            cap: 100
        }
    );
    assert_eq!(e.code(), "over_limit");
    // A selection is 0 or 1.
    assert_eq!(
        err(&spec, json!({"allocations": {"a": 2}})).field(),
        "allocations.a"
    );
}

#[test]
fn budget_under_parity_funds_what_both_groups_back() {
    // Cap 100; A costs 50, B 40, C 40, D 10.
    // Citizens (4): A C · A C · A · B C  → A 3/4, B 1/4, C 3/4, D 0/4.
    //   Alone they would fund C and A (3 each; C cheaper first): 90.
    // Organisation members (2): B C · A C → A 1/2, B 1/2, C 2/2.
    //   "More than half" is cleared by C only.
    // Both groups clear the bar for C alone: C is funded.
    let spec = budget_spec(Rule::Parity(Bar::MoreThanHalf));
    let c = [
        json!({"allocations": {"a": 1, "c": 1}}),
        json!({"allocations": {"a": 1, "c": 1}}),
        json!({"allocations": {"a": 1}}),
        json!({"allocations": {"b": 1, "c": 1}}),
    ];
    let o = [
        json!({"allocations": {"b": 1, "c": 1}}),
        json!({"allocations": {"a": 1, "c": 1}}),
    ];
    let result = count(&spec, &c, &o);
    assert_eq!(
        result.tallies.citizens.verdict.funded,
        Some(vec![id("c"), id("a")])
    );
    assert_eq!(result.outcome.status, Status::Passed);
    assert_eq!(result.outcome.funded, Some(vec![id("c")]));
    // Pooled instead (majority): A 4/6, C 5/6 both fund.
    let pooled = count(&budget_spec(Rule::Majority), &c, &o);
    assert_eq!(pooled.outcome.funded, Some(vec![id("c"), id("a")]));
    // If organisation members back only B and citizens only A, each group
    // alone funds something but nothing clears both: no agreement.
    let c = times(3, json!({"allocations": {"a": 1}}));
    let o = times(2, json!({"allocations": {"b": 1}}));
    let result = count(&spec, &c, &o);
    assert_eq!(result.outcome.status, Status::NoAgreement);
    assert_eq!(result.outcome.funded, Some(vec![]));
}

#[test]
fn parity_with_options_needs_the_same_first_choice() {
    // Score poll, options A and B.
    // Citizens: 3 × (A 5, B 2): A first (15 against 6), 3 of 3 rate it 3+.
    // Organisation members: 2 × (A 1, B 4): B first (8 against 2).
    // Different first choices: no agreement. Pooled, A would win (17
    // against 14, rated 3+ by 3 of 5).
    let parity = spec(
        Method::Score,
        options(&["a", "b"]),
        Rule::Parity(Bar::MoreThanHalf),
    );
    let c = times(3, json!({"scores": {"a": 5, "b": 2}}));
    let o = times(2, json!({"scores": {"a": 1, "b": 4}}));
    let result = count(&parity, &c, &o);
    assert_eq!(result.outcome.status, Status::NoAgreement);
    assert_eq!(
        result.outcome.explanation,
        "No agreement: citizens' first choice is A and organisation members' is B. Under parity \
         both groups must settle on the same option."
    );
    let pooled = count(
        &spec(Method::Score, options(&["a", "b"]), Rule::Majority),
        &c,
        &o,
    );
    assert_eq!(pooled.outcome.winner, Some(id("a")));
    // Organisation members: 2 × (A 4, B 3): A first for both, rated 3+ by
    // 3 of 3 citizens and 2 of 2 organisation members: passed.
    let o = times(2, json!({"scores": {"a": 4, "b": 3}}));
    let result = count(&parity, &c, &o);
    assert_eq!(result.outcome.status, Status::Passed);
    assert_eq!(result.outcome.winner, Some(id("a")));
    // Same first choice but organisation members do not rate it well
    // (2 × (A 2, B 1)): A first for both, but 0 of 2 rate it 3+: failed.
    let o = times(2, json!({"scores": {"a": 2, "b": 1}}));
    assert_eq!(count(&parity, &c, &o).outcome.status, Status::Failed);
}

#[test]
fn ballots_for_another_poll_are_refused_by_the_count() {
    let a = spec(
        Method::Dot { dots: 10 },
        options(&["a", "b"]),
        Rule::Majority,
    );
    let b = spec(
        Method::Dot { dots: 5 },
        options(&["a", "b"]),
        Rule::Majority,
    );
    let ballot = Ballot::parse(&a, &json!({"allocations": {"a": 1}})).unwrap();
    assert_eq!(
        tally(&b, [(Constituency::Citizen, &ballot)]).unwrap_err(),
        TallyError
    );
    assert!(tally(&a, [(Constituency::Citizen, &ballot)]).is_ok());
}

#[test]
fn ballots_have_one_canonical_form() {
    let spec = spec(
        Method::Dot { dots: 10 },
        options(&["a", "b", "c"]),
        Rule::Majority,
    );
    let ballot = Ballot::parse(&spec, &json!({"allocations": {"b": 2, "c": 0, "a": 1}})).unwrap();
    assert_eq!(
        serde_json::to_string(&ballot).unwrap(),
        r#"{"allocations":{"a":1,"b":2}}"#
    );
    let approval = motion(Method::Approval, Rule::Majority);
    let e = err(&approval, json!({"choice": "maybe"}));
    assert_eq!(e.to_string(), "choose one of: yes, no, abstain");
    assert_eq!(
        serde_json::to_string(&Ballot::parse(&approval, &json!({"choice": "no"})).unwrap())
            .unwrap(),
        r#"{"choice":"no"}"#
    );
    let field: crate::error::FieldError = e.into();
    assert_eq!(
        (field.field.as_str(), field.code.as_str()),
        ("choice", "unknown_choice")
    );
}

#[test]
fn the_result_has_the_api_shape() {
    let spec = spec(
        Method::Ranked,
        options(&["a", "b", "c", "d"]),
        Rule::Majority,
    );
    let result = serde_json::to_value(count(&spec, &ranked_ballots(), &[])).unwrap();
    for key in [
        "tallies", "outcome", "rule", "turnout", "rounds", "quorum", "method",
    ] {
        assert!(result.get(key).is_some(), "{key} missing from {result}");
    }
    assert_eq!(
        result["turnout"],
        json!({"citizens": 12, "organisations": 0})
    );
    assert_eq!(result["outcome"]["status"], "passed");
    assert_eq!(result["outcome"]["winner"], "c");
    assert_eq!(result["rule"]["kind"], "majority");
    assert_eq!(result["rounds"]["all"][0]["tie_break"], "poll_order");
    assert_eq!(result["tallies"]["all"]["verdict"]["support"]["count"], 7);
    let motion = serde_json::to_value(count(
        &motion(Method::Approval, Rule::Majority),
        &[json!({"choice": "yes"})],
        &[],
    ))
    .unwrap();
    assert!(motion.get("rounds").is_none());
    assert_eq!(
        motion["tallies"]["all"]["choices"],
        json!([{"choice": "yes", "votes": 1}, {"choice": "no", "votes": 0}, {"choice": "abstain", "votes": 0}])
    );
}

/// Not a check but a measurement, for issue 7's closing note: prints how
/// long parsing and counting 100,000 ranked ballots take. Run it with
/// `cargo test --lib voting::examples::time -- --ignored --nocapture`
/// (add `--release` for a representative figure).
#[test]
#[ignore]
fn time_to_count_100k_ranked_ballots() {
    let ids: Vec<String> = (0..8).map(|i| format!("option-{i}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let spec = spec(
        Method::Ranked,
        options(&refs),
        Rule::Parity(Bar::MoreThanHalf),
    );
    // A fixed linear congruential sequence: varied rankings, same every run.
    let mut state: u64 = 42;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % m
    };
    let raw: Vec<(Constituency, Value)> = (0..100_000)
        .map(|i| {
            let mut order = refs.clone();
            for j in (1..order.len()).rev() {
                order.swap(j, next(j + 1));
            }
            let depth = 1 + next(order.len());
            let c = if i % 3 == 0 {
                Constituency::Organisation
            } else {
                Constituency::Citizen
            };
            (c, json!({ "ranking": order[..depth] }))
        })
        .collect();
    let started = std::time::Instant::now();
    let ballots: Vec<(Constituency, Ballot)> = raw
        .iter()
        .map(|(c, r)| (*c, Ballot::parse(&spec, r).unwrap()))
        .collect();
    let parsed = started.elapsed();
    let started = std::time::Instant::now();
    let result = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
    let counted = started.elapsed();
    assert_eq!(result.tallies.all.ballots, 100_000);
    println!("100,000 ranked ballots over 8 options: parsed in {parsed:?}, counted in {counted:?}");
}
