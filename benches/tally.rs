//! How long the voting engine takes to read and count 100,000 ranked
//! ballots (instant runoff over 8 options, under parity, a third of them
//! from organisation members): a measurement for issue 7's closing note,
//! not a check. Run it optimised:
//!
//! ```sh
//! cargo bench --bench tally
//! ```
//!
//! It prints the time to parse the ballots from their API shape and the
//! time to count them, for each of five runs, and the fastest.

use std::time::{Duration, Instant};

use coproduce::voting::{
    tally, Ballot, Constituency, Method, MethodParams, OptionId, PollOption, PollSpec, Quorum, Rule,
};
use serde_json::{json, Value};

const BALLOTS: usize = 100_000;
const OPTIONS: usize = 8;
const RUNS: usize = 5;

fn main() {
    let ids: Vec<String> = (0..OPTIONS).map(|i| format!("option-{i}")).collect();
    let options = ids
        .iter()
        .map(|id| PollOption::new(OptionId::parse(id).expect("an option id"), id.clone()))
        .collect();
    let spec = PollSpec::new(
        Method::parse("ranked", MethodParams::default()).expect("ranked"),
        options,
        Rule::parse("parity", None).expect("parity"),
        Quorum::default(),
    )
    .expect("a ranked parity poll");
    // A fixed linear congruential sequence: varied rankings (a shuffled
    // order, cut at a random depth), the same every run.
    let mut state: u64 = 42;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % m
    };
    let raw: Vec<(Constituency, Value)> = (0..BALLOTS)
        .map(|i| {
            let mut order: Vec<&str> = ids.iter().map(String::as_str).collect();
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
    let mut best = (Duration::MAX, Duration::MAX);
    for run in 1..=RUNS {
        let started = Instant::now();
        let ballots: Vec<(Constituency, Ballot)> = raw
            .iter()
            .map(|(c, r)| (*c, Ballot::parse(&spec, r).expect("a valid ballot")))
            .collect();
        let parsed = started.elapsed();
        let started = Instant::now();
        let result = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).expect("a count");
        let counted = started.elapsed();
        assert_eq!(result.tallies.all.ballots, BALLOTS as u64);
        println!("run {run}: {BALLOTS} ranked ballots over {OPTIONS} options: parsed in {parsed:?}, counted in {counted:?}");
        best = (best.0.min(parsed), best.1.min(counted));
    }
    println!(
        "fastest of {RUNS}: parsed in {:?}, counted in {:?}",
        best.0, best.1
    );
}
