//! Ballot parsing and the count, for every method and rule: any poll the
//! API can define, any JSON as ballots. Nothing panics, every valid ballot
//! round-trips through its canonical form, and the count adds up whatever
//! order the ballots come in.
#![no_main]

use arbitrary::Unstructured;
use coproduce::voting::{
    tally, Ballot, Constituency, Method, MethodParams, OptionId, PollOption, PollSpec, Quorum,
    Rule, Status,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const METHODS: &[&str] = &[
    "approval",
    "consent",
    "dot",
    "score",
    "ranked",
    "budget",
    "quadratic",
    "other",
];
const RULES: &[&str] = &["majority", "supermajority", "no_blocks", "parity", "other"];

/// The poll, read from the input's first bytes as the API would receive it.
fn spec(u: &mut Unstructured) -> arbitrary::Result<Option<PollSpec>> {
    let method = *u.choose(METHODS)?;
    let params = MethodParams {
        dots: u.arbitrary::<Option<u16>>()?.map(u32::from),
        cap: u.arbitrary::<Option<u64>>()?,
        credits: u.arbitrary::<Option<u16>>()?.map(u32::from),
    };
    let rule = *u.choose(RULES)?;
    let threshold: Option<f64> = match u.int_in_range(0u8..=3)? {
        0 => None,
        1 => Some(2.0 / 3.0),
        2 => Some(f64::from(u.int_in_range(0u16..=10_000)?) / 10_000.0),
        _ => Some(u.arbitrary()?),
    };
    let n = usize::from(u.int_in_range(0u8..=8)?);
    let mut costs = Vec::new();
    for _ in 0..n {
        costs.push(u.arbitrary::<Option<u64>>()?);
    }
    let quorum = Quorum {
        citizens: u64::from(u.int_in_range(0u8..=3)?),
        organisations: u64::from(u.int_in_range(0u8..=3)?),
    };
    let (Ok(method), Ok(rule)) = (Method::parse(method, params), Rule::parse(rule, threshold))
    else {
        return Ok(None);
    };
    let options = if method.is_motion() {
        Vec::new()
    } else {
        (0..n)
            .map(|i| {
                let id = OptionId::parse(&format!("o{i}")).expect("a short id");
                let option = PollOption::new(id, format!("Option {i}"));
                match (method, costs[i]) {
                    (Method::Budget { .. }, Some(cost)) => option.costing(cost),
                    _ => option,
                }
            })
            .collect()
    };
    Ok(PollSpec::new(method, options, rule, quorum).ok())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(Some(spec)) = spec(&mut u) else { return };
    let rest = u.take_rest();
    // One ballot a line; a line starting with `!` is an organisation
    // member's.
    let mut ballots: Vec<(Constituency, Ballot)> = Vec::new();
    for line in rest.split(|b| *b == b'\n') {
        let (constituency, json) = match line.strip_prefix(b"!") {
            Some(json) => (Constituency::Organisation, json),
            None => (Constituency::Citizen, line),
        };
        let Ok(raw) = serde_json::from_slice::<Value>(json) else {
            continue;
        };
        let Ok(ballot) = Ballot::parse(&spec, &raw) else {
            continue;
        };
        let canonical = serde_json::to_value(&ballot).expect("a ballot serialises");
        let again = Ballot::parse(&spec, &canonical).expect("a canonical ballot parses");
        assert_eq!(again, ballot, "{raw} became {canonical}");
        ballots.push((constituency, ballot));
    }
    let result =
        tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).expect("ballots of this poll count");
    let n = ballots.len() as u64;
    let citizens = ballots
        .iter()
        .filter(|(c, _)| *c == Constituency::Citizen)
        .count() as u64;
    assert_eq!(result.turnout.citizens, citizens);
    assert_eq!(result.turnout.organisations, n - citizens);
    let t = &result.tallies;
    assert_eq!(t.all.ballots, n);
    assert_eq!(t.citizens.ballots + t.organisations.ballots, n);
    assert_eq!(
        t.citizens.abstentions + t.organisations.abstentions,
        t.all.abstentions
    );
    assert!(t.all.abstentions <= n);

    // A recount in another order, from the stored (canonical) form, gives
    // the same result.
    let recount = tally(
        &spec,
        ballots.iter().rev().map(|(c, b)| {
            let stored = serde_json::to_value(b).unwrap();
            (*c, Ballot::parse(&spec, &stored).unwrap())
        }),
    )
    .expect("a recount counts");
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        serde_json::to_value(&recount).unwrap()
    );

    let outcome = &result.outcome;
    let quorate = citizens >= spec.quorum().citizens && n - citizens >= spec.quorum().organisations;
    assert_eq!(outcome.status == Status::NoQuorum, !quorate);
    if let Some(winner) = &outcome.winner {
        assert_eq!(outcome.status, Status::Passed);
        assert!(spec.position(winner.as_str()).is_some());
    }
    match spec.method() {
        Method::Budget { cap } => {
            if let Some(funded) = &outcome.funded {
                let cost = funded
                    .iter()
                    .map(|id| {
                        spec.options()[spec.position(id.as_str()).unwrap()]
                            .cost
                            .unwrap()
                    })
                    .fold(0u64, u64::saturating_add);
                assert!(cost <= cap, "funded {cost} over the cap {cap}");
                assert_eq!(outcome.status == Status::Passed, !funded.is_empty());
            }
        }
        m if !m.is_motion() && outcome.status == Status::Passed => {
            assert!(outcome.winner.is_some());
        }
        _ => {}
    }
    if matches!(spec.rule(), Rule::Parity(_)) && outcome.status == Status::Passed {
        assert!(t.citizens.verdict.meets_bar && t.organisations.verdict.meets_bar);
    }
    if spec.rule() == Rule::NoBlocks && outcome.status == Status::Passed {
        let blocks = t
            .all
            .choices
            .iter()
            .find(|c| c.choice.as_str() == "block")
            .map_or(0, |c| c.votes);
        assert_eq!(blocks, 0);
    }
});
