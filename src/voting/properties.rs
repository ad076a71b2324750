//! Property tests: what must hold for any poll and any ballots.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::*;

const IDS: [&str; 6] = ["o0", "o1", "o2", "o3", "o4", "o5"];

fn arb_method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::Approval),
        Just(Method::Consent),
        (1u32..12).prop_map(|dots| Method::Dot { dots }),
        Just(Method::Score),
        Just(Method::Ranked),
        (1u64..120).prop_map(|cap| Method::Budget { cap }),
        (1u32..30).prop_map(|credits| Method::Quadratic { credits }),
    ]
}

fn arb_rule(method: Method) -> BoxedStrategy<Rule> {
    let mut rules = vec![
        Just(Rule::Majority).boxed(),
        Just(Rule::Supermajority(Threshold::new(2, 3).unwrap())).boxed(),
        Just(Rule::Parity(Bar::MoreThanHalf)).boxed(),
        Just(Rule::Parity(Bar::AtLeast(Threshold::new(3, 4).unwrap()))).boxed(),
    ];
    if method == Method::Consent {
        rules.push(Just(Rule::NoBlocks).boxed());
    }
    proptest::strategy::Union::new(rules).boxed()
}

/// Any consistent poll: 2 to 6 options, costs within the cap, any rule
/// that fits, a small quorum.
fn arb_spec() -> impl Strategy<Value = PollSpec> {
    arb_method().prop_flat_map(|method| {
        (
            Just(method),
            2usize..=6,
            proptest::collection::vec(1u64..200, 6),
            arb_rule(method),
            0u64..3,
            0u64..3,
        )
            .prop_map(|(method, n, costs, rule, qc, qo)| {
                let options = if method.is_motion() {
                    vec![]
                } else {
                    (0..n)
                        .map(|i| {
                            let option = PollOption::new(OptionId::parse(IDS[i]).unwrap(), IDS[i]);
                            match method {
                                Method::Budget { cap } => option.costing(1 + costs[i] % cap),
                                _ => option,
                            }
                        })
                        .collect()
                };
                let quorum = Quorum {
                    citizens: qc,
                    organisations: qo,
                };
                PollSpec::new(method, options, rule, quorum).unwrap()
            })
    })
}

/// A raw ballot of the right shape for `spec`, with values that are often
/// but not always valid (unknown ids, too many dots, out-of-range scores).
fn arb_raw(spec: &PollSpec) -> BoxedStrategy<Value> {
    let n = spec.options().len();
    let known = proptest::sample::select(IDS[..n.max(1)].to_vec());
    let some_id = prop_oneof![9 => known, 1 => Just("nope")];
    match spec.method() {
        Method::Approval | Method::Consent => {
            let words = [
                "yes", "no", "abstain", "agree", "disagree", "block", "maybe",
            ];
            proptest::sample::select(words.to_vec())
                .prop_map(|w| json!({ "choice": w }))
                .boxed()
        }
        Method::Ranked => Just(IDS[..n].to_vec())
            .prop_shuffle()
            .prop_flat_map(move |ids| (Just(ids), 0..=n))
            .prop_map(|(ids, k)| json!({ "ranking": ids[..k] }))
            .boxed(),
        method => {
            let (key, range) = match method {
                Method::Score => ("scores", 0i64..=6),
                Method::Quadratic { .. } => ("allocations", -4i64..=4),
                Method::Budget { .. } => ("allocations", 0i64..=1),
                _ => ("allocations", 0i64..=6),
            };
            proptest::collection::vec((some_id, range), 0..=n)
                .prop_map(move |entries| {
                    let map: Map<String, Value> = entries
                        .into_iter()
                        .map(|(id, v)| (id.to_owned(), json!(v)))
                        .collect();
                    json!({ key: map })
                })
                .boxed()
        }
    }
}

/// A poll and the valid ballots among up to 40 raw ones, each with its
/// constituency.
fn arb_poll() -> impl Strategy<Value = (PollSpec, Vec<(Constituency, Ballot)>)> {
    arb_spec().prop_flat_map(|spec| {
        let raw = proptest::collection::vec((any::<bool>(), arb_raw(&spec)), 0..40);
        (Just(spec), raw).prop_map(|(spec, raw)| {
            let ballots = raw
                .iter()
                .filter_map(|(citizen, raw)| {
                    let c = if *citizen {
                        Constituency::Citizen
                    } else {
                        Constituency::Organisation
                    };
                    Ballot::parse(&spec, raw).ok().map(|b| (c, b))
                })
                .collect();
            (spec, ballots)
        })
    })
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(IDS.to_vec()).prop_map(Value::from),
        proptest::collection::vec(any::<char>(), 0..6)
            .prop_map(|c| Value::from(c.into_iter().collect::<String>())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let keys = proptest::sample::select(vec![
            "choice",
            "ranking",
            "allocations",
            "scores",
            "o0",
            "o1",
            "",
        ]);
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec((keys, inner), 0..4).prop_map(|entries| {
                Value::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}

fn sum_of(counts: &[OptionVotes]) -> u64 {
    counts.iter().map(|v| v.votes).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tallies_account_for_every_ballot((spec, ballots) in arb_poll()) {
        let result = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
        let n = ballots.len() as u64;
        let citizens = ballots.iter().filter(|(c, _)| *c == Constituency::Citizen).count() as u64;
        let t = &result.tallies;
        prop_assert_eq!(result.turnout.citizens, citizens);
        prop_assert_eq!(result.turnout.organisations, n - citizens);
        prop_assert_eq!(t.all.ballots, n);
        prop_assert_eq!(t.citizens.ballots + t.organisations.ballots, n);
        prop_assert_eq!(t.citizens.abstentions + t.organisations.abstentions, t.all.abstentions);
        let abstaining = ballots.iter().filter(|(_, b)| b.is_abstention()).count() as u64;
        prop_assert_eq!(t.all.abstentions, abstaining);
        for group in [&t.all, &t.citizens, &t.organisations] {
            let voting = group.ballots - group.abstentions;
            if spec.method().is_motion() {
                prop_assert_eq!(group.choices.iter().map(|c| c.votes).sum::<u64>(), group.ballots);
            }
            for row in &group.options {
                prop_assert!(row.backers + row.opponents.unwrap_or(0) <= voting);
                if let Some(histogram) = row.histogram {
                    prop_assert_eq!(histogram.iter().sum::<u64>(), voting);
                }
            }
        }
        for (i, row) in t.all.options.iter().enumerate() {
            prop_assert_eq!(row.total, t.citizens.options[i].total + t.organisations.options[i].total);
            prop_assert_eq!(row.backers, t.citizens.options[i].backers + t.organisations.options[i].backers);
        }
        // Dots, selections and votes add up to what the ballots hold.
        if matches!(spec.method(), Method::Dot { .. } | Method::Budget { .. } | Method::Quadratic { .. }) {
            let held: i64 = ballots.iter().map(|(_, b)| {
                let raw = serde_json::to_value(b).unwrap();
                raw["allocations"].as_object().unwrap().values().map(|v| v.as_i64().unwrap()).sum::<i64>()
            }).sum();
            prop_assert_eq!(t.all.options.iter().map(|o| o.total).sum::<i64>(), held);
        }
        // Every round of a runoff counts every ballot that ranked anything,
        // for an option or as exhausted.
        if let Some(rounds) = &result.rounds {
            for (group, rounds) in [(&t.all, &rounds.all), (&t.citizens, &rounds.citizens), (&t.organisations, &rounds.organisations)] {
                for round in rounds {
                    prop_assert_eq!(sum_of(&round.votes) + round.exhausted, group.ballots - group.abstentions);
                }
                prop_assert_eq!(rounds.is_empty(), group.ballots == group.abstentions);
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_ballot_order(
        (spec, ballots, shuffled) in arb_poll().prop_flat_map(|(spec, ballots)| {
            let shuffled = Just(ballots.clone()).prop_shuffle();
            (Just(spec), Just(ballots), shuffled)
        })
    ) {
        let a = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
        let b = tally(&spec, shuffled).unwrap();
        prop_assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
    }

    #[test]
    fn parity_fails_when_either_constituency_fails((spec, ballots) in arb_poll()) {
        prop_assume!(matches!(spec.rule(), Rule::Parity(_)));
        let result = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
        let (c, o) = (&result.tallies.citizens.verdict, &result.tallies.organisations.verdict);
        if !(c.meets_bar && o.meets_bar) {
            prop_assert_ne!(result.outcome.status, Status::Passed);
        }
        if result.outcome.status == Status::Passed {
            match spec.method() {
                Method::Budget { .. } => {
                    let bar = spec.rule().bar();
                    for id in result.outcome.funded.as_ref().unwrap() {
                        for group in [&result.tallies.citizens, &result.tallies.organisations] {
                            let row = group.options.iter().find(|r| &r.option == id).unwrap();
                            prop_assert!(bar.met(row.backers, group.ballots - group.abstentions));
                        }
                    }
                }
                m if !m.is_motion() => {
                    prop_assert_eq!(&c.leader, &o.leader);
                    prop_assert_eq!(&result.outcome.winner, &c.leader);
                }
                _ => {}
            }
        }
    }

    #[test]
    fn a_ranked_majority_of_first_preferences_wins(
        n in 2usize..=6,
        favourite in 0usize..6,
        majority in 1usize..25,
        rest in proptest::collection::vec(Just(IDS.to_vec()).prop_shuffle(), 0..24),
        tails in proptest::collection::vec(0usize..6, 48),
    ) {
        let favourite = favourite % n;
        let rest = &rest[..rest.len().min(majority - 1)];
        let options = IDS[..n].iter().map(|s| PollOption::new(OptionId::parse(s).unwrap(), *s)).collect();
        let spec = PollSpec::new(Method::Ranked, options, Rule::Majority, Quorum::default()).unwrap();
        // `majority` ballots rank the favourite first (then some others);
        // fewer ballots rank anything in any order.
        let mut raw = Vec::new();
        for tail in tails.iter().take(majority) {
            let mut ranking = vec![IDS[favourite]];
            ranking.extend(IDS[..n].iter().filter(|s| **s != IDS[favourite]).take(tail % n));
            raw.push(json!({ "ranking": ranking }));
        }
        for (i, order) in rest.iter().enumerate() {
            let ranking: Vec<&str> = order.iter().copied().filter(|s| IDS[..n].contains(s)).take(1 + tails[24 + i] % n).collect();
            raw.push(json!({ "ranking": ranking }));
        }
        let ballots = raw.iter().map(|r| (Constituency::Citizen, Ballot::parse(&spec, r).unwrap()));
        let result = tally(&spec, ballots).unwrap();
        prop_assert_eq!(result.outcome.status, Status::Passed);
        prop_assert_eq!(result.outcome.winner.as_ref().map(OptionId::as_str), Some(IDS[favourite]));
    }

    #[test]
    fn parsed_ballots_stay_within_their_limits(
        (spec, raw) in arb_spec().prop_flat_map(|spec| {
            let raw = arb_raw(&spec);
            (Just(spec), raw)
        })
    ) {
        let Ok(ballot) = Ballot::parse(&spec, &raw) else { return Ok(()) };
        let canonical = serde_json::to_value(&ballot).unwrap();
        let entries = || {
            canonical.get("allocations").or(canonical.get("scores")).and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (spec.position(k).unwrap(), v.as_i64().unwrap())).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        match spec.method() {
            Method::Dot { dots } => {
                prop_assert!(entries().iter().all(|(_, n)| *n >= 1));
                prop_assert!(entries().iter().map(|(_, n)| n).sum::<i64>() <= i64::from(dots));
            }
            Method::Budget { cap } => {
                prop_assert!(entries().iter().all(|(_, n)| *n == 1));
                let cost: u64 = entries().iter().map(|(i, _)| spec.options()[*i].cost.unwrap()).sum();
                prop_assert!(cost <= cap);
            }
            Method::Quadratic { credits } => {
                prop_assert!(entries().iter().all(|(_, n)| *n != 0));
                prop_assert!(entries().iter().map(|(_, n)| n * n).sum::<i64>() <= i64::from(credits));
            }
            Method::Score => {
                prop_assert!(entries().iter().all(|(_, n)| (0..=5).contains(n)));
            }
            Method::Ranked => {
                let ranking = canonical["ranking"].as_array().unwrap();
                let mut distinct: Vec<_> = ranking.iter().map(|v| v.as_str().unwrap()).collect();
                distinct.sort_unstable();
                distinct.dedup();
                prop_assert_eq!(distinct.len(), ranking.len());
            }
            _ => {}
        }
        // A parsed ballot always parses again to itself.
        prop_assert_eq!(Ballot::parse(&spec, &canonical).unwrap(), ballot);
    }

    #[test]
    fn any_json_parses_or_is_refused_without_panic(spec in arb_spec(), raw in arb_json()) {
        if let Ok(ballot) = Ballot::parse(&spec, &raw) {
            prop_assert!(tally(&spec, [(Constituency::Citizen, ballot)]).is_ok());
        }
        let wrapped = json!({ "allocations": raw.clone() });
        let _ = Ballot::parse(&spec, &wrapped);
        let wrapped = json!({ "scores": raw.clone() });
        let _ = Ballot::parse(&spec, &wrapped);
        let wrapped = json!({ "ranking": raw });
        let _ = Ballot::parse(&spec, &wrapped);
    }
}

/// A poll (quorum met by construction) and ballots where every voter puts
/// the same option strictly first, in the way the method expresses it.
fn arb_unanimous() -> impl Strategy<Value = (PollSpec, usize, Vec<(Constituency, Value)>)> {
    let method = prop_oneof![
        (1u32..12).prop_map(|dots| Method::Dot { dots }),
        Just(Method::Score),
        Just(Method::Ranked),
        (1u64..120).prop_map(|cap| Method::Budget { cap }),
        (1u32..30).prop_map(|credits| Method::Quadratic { credits }),
        Just(Method::Approval),
        Just(Method::Consent),
    ];
    (method, 2usize..=6, 0usize..6, 1usize..8, 1usize..8).prop_flat_map(
        |(method, n, favourite, citizens, members)| {
            let favourite = favourite % n;
            let voters = citizens + members;
            (
                Just((method, n, favourite, citizens, members)),
                arb_rule(method),
                proptest::collection::vec(proptest::collection::vec(0i64..=5, n), voters),
            )
                .prop_map(
                    move |((method, n, favourite, citizens, members), rule, draws)| {
                        let options = if method.is_motion() {
                            vec![]
                        } else {
                            (0..n)
                                .map(|i| {
                                    let option =
                                        PollOption::new(OptionId::parse(IDS[i]).unwrap(), IDS[i]);
                                    match method {
                                        Method::Budget { cap } => option.costing(cap),
                                        _ => option,
                                    }
                                })
                                .collect()
                        };
                        let quorum = Quorum {
                            citizens: citizens as u64,
                            organisations: members as u64,
                        };
                        let spec = PollSpec::new(method, options, rule, quorum).unwrap();
                        let ballots = draws
                            .iter()
                            .enumerate()
                            .map(|(v, draw)| {
                                let c = if v < citizens {
                                    Constituency::Citizen
                                } else {
                                    Constituency::Organisation
                                };
                                (c, unanimous_ballot(method, n, favourite, draw))
                            })
                            .collect();
                        (spec, favourite, ballots)
                    },
                )
        },
    )
}

/// One voter's ballot putting `favourite` strictly above every other
/// option; `draw` varies how the others are treated.
fn unanimous_ballot(method: Method, n: usize, favourite: usize, draw: &[i64]) -> Value {
    let others = (0..n).filter(|&i| i != favourite);
    match method {
        Method::Approval => json!({ "choice": "yes" }),
        Method::Consent => json!({ "choice": "agree" }),
        Method::Ranked => {
            let mut ranking = vec![IDS[favourite]];
            ranking.extend(others.filter(|&i| draw[i] > 2).map(|i| IDS[i]));
            json!({ "ranking": ranking })
        }
        Method::Score => {
            let mut scores = Map::new();
            scores.insert(IDS[favourite].into(), json!(5));
            for i in others {
                scores.insert(IDS[i].into(), json!(draw[i].min(4)));
            }
            json!({ "scores": scores })
        }
        // Every dot on the favourite, or one dot less spent elsewhere
        // when there are at least three.
        Method::Dot { dots } => {
            let mut allocations = Map::new();
            let spare = (dots >= 3 && draw[favourite] > 2) as i64;
            allocations.insert(IDS[favourite].into(), json!(i64::from(dots) - spare));
            if spare == 1 {
                let other = (favourite + 1) % n;
                allocations.insert(IDS[other].into(), json!(1));
            }
            json!({ "allocations": allocations })
        }
        Method::Quadratic { credits } => {
            // The largest vote the credits allow, and maybe one against
            // another option with what is left.
            let votes = (f64::from(credits).sqrt() as i64).max(1);
            let mut allocations = Map::new();
            allocations.insert(IDS[favourite].into(), json!(votes));
            if i64::from(credits) - votes * votes >= 1 && draw[favourite] > 2 {
                let other = (favourite + 1) % n;
                allocations.insert(IDS[other].into(), json!(-1));
            }
            json!({ "allocations": allocations })
        }
        // Each option costs the whole budget, so a voter chooses one.
        Method::Budget { .. } => json!({ "allocations": { IDS[favourite]: 1 } }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Counting the stored ballots (their canonical JSON, read back) gives
    /// exactly the result of counting them as cast.
    #[test]
    fn a_recount_from_stored_ballots_equals_the_count((spec, ballots) in arb_poll()) {
        let count = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
        let stored: Vec<(Constituency, String)> = ballots
            .iter()
            .map(|(c, b)| (*c, serde_json::to_string(b).unwrap()))
            .collect();
        let recount = tally(
            &spec,
            stored.iter().map(|(c, s)| {
                (*c, Ballot::parse(&spec, &serde_json::from_str(s).unwrap()).unwrap())
            }),
        )
        .unwrap();
        prop_assert_eq!(recount, count);
    }

    /// Each constituency's count is its own: the other group's ballots do
    /// not change it.
    #[test]
    fn a_group_s_count_does_not_depend_on_the_other_group((spec, ballots) in arb_poll()) {
        let both = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
        for (group, of_both) in [
            (Constituency::Citizen, &both.tallies.citizens),
            (Constituency::Organisation, &both.tallies.organisations),
        ] {
            let alone = tally(&spec, ballots.iter().filter(|(c, _)| *c == group).map(|(c, b)| (*c, b))).unwrap();
            let of_alone = match group {
                Constituency::Citizen => &alone.tallies.citizens,
                Constituency::Organisation => &alone.tallies.organisations,
            };
            prop_assert_eq!(of_alone, of_both);
            prop_assert_eq!(&alone.tallies.all, of_both);
        }
    }

    /// When every voter, in both groups, puts the same option first, that
    /// option wins (is funded) and the poll passes under every rule.
    #[test]
    fn an_option_everyone_puts_first_wins_under_every_method_and_rule(
        (spec, favourite, raw) in arb_unanimous()
    ) {
        let ballots: Vec<(Constituency, Ballot)> = raw
            .iter()
            .map(|(c, r)| (*c, Ballot::parse(&spec, r).unwrap_or_else(|e| panic!("{r}: {e}"))))
            .collect();
        let result = tally(&spec, ballots.iter().map(|(c, b)| (*c, b))).unwrap();
        prop_assert_eq!(result.outcome.status, Status::Passed, "{}", result.outcome.explanation);
        let id = OptionId::parse(IDS[favourite]).unwrap();
        match spec.method() {
            Method::Approval | Method::Consent => prop_assert_eq!(&result.outcome.winner, &None),
            Method::Budget { .. } => prop_assert_eq!(result.outcome.funded, Some(vec![id])),
            _ => prop_assert_eq!(result.outcome.winner, Some(id)),
        }
    }
}
