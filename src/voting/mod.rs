//! The voting engine: how a board's poll turns ballots into a decision.
//! Pure code with no I/O (no database, clock or randomness): the polls room
//! stores ballots and calls it.
//!
//! # How the polls room uses it
//!
//! 1. When a poll is created, build a [`PollSpec`] from the request
//!    ([`Method::parse`], [`Rule::parse`], [`PollOption`], [`Quorum`]);
//!    a [`SpecError`] names the field at fault (422).
//! 2. For each ballot, [`Ballot::parse`] the API's raw JSON against the
//!    spec; a [`BallotError`] names the field and says what is wrong in
//!    plain words (422; it converts into [`crate::error::Error`]). Store the
//!    ballot's canonical JSON (`serde_json::to_string(&ballot)`): the same
//!    vote always has the same bytes, ready for secret storage and a
//!    closing digest over the sorted ballots.
//! 3. To count, re-parse the stored ballots and call [`tally`] with each
//!    ballot's [`Constituency`]. The [`PollResult`] serialises to the shape
//!    of `GET /api/v1/polls/{id}/results`. It is the same whatever order
//!    the ballots come in.
//!
//! # Constituencies, turnout and quorum
//!
//! Every ballot counts in one constituency: citizens, or organisation
//! members (people acting for an organisation on the board). The result
//! shows the count over all ballots and over each constituency apart.
//! Turnout is the number of ballots from each. A poll can set a quorum: a
//! minimum number of ballots from citizens and from organisation members.
//! Abstentions count towards quorum (the person took part). If either
//! constituency is short, the outcome is **no quorum** and nothing is
//! decided, though the counts are still shown.
//!
//! # Rules: the bar support must clear
//!
//! - `majority`: more than half of the support, all ballots counted together.
//! - `supermajority`: at least the threshold (a fraction above one half and
//!   at most one, kept exact so two thirds is 2/3), all ballots together.
//! - `no_blocks` (consent polls only): passes when at least one person
//!   agrees and nobody blocks. One block from anyone stops it.
//! - `parity`, the power-sharing rule: citizens and organisation members are
//!   counted apart, and each group must clear the bar on its own (more than
//!   half, or the threshold if one is given), whatever the size of each
//!   group. A large group cannot outvote a small one.
//!
//! # What "pass" means for each method
//!
//! Abstentions (an `abstain` choice, or an empty ranking, allocation or set
//! of scores) never count in a share: a share is always out of the people
//! who expressed a view.
//!
//! - **approval** (yes / no / abstain on the question): the share of yes
//!   among yes and no. *"12 of the 20 who voted yes or no said yes (60%)."*
//! - **consent** (agree / abstain / disagree / block): under `no_blocks`, see
//!   above. Under the other rules, the share of agree among agree,
//!   disagree and block (a block then counts as a no; it is a veto only
//!   under `no_blocks`).
//!
//! The multi-option methods first find the option that comes first, then
//! ask whether enough people back it. The share is always "how many of the
//! voters back the option that came first", and each method says what
//! backing means:
//!
//! - **dot** (each voter spreads up to N dots, N set per poll; unspent dots
//!   are allowed): the option with the most dots comes first; it is backed
//!   by voters who put at least one dot on it. *"Most dots; 14 of 20 voters
//!   put at least one dot on it."* Dots measure how strongly people feel,
//!   the backing share how widely.
//! - **score** (0 to 5 per option; an option left unscored counts as 0):
//!   the highest total score comes first; it is backed by voters who rated it
//!   3 or more (above the middle of the scale). Under a majority this means
//!   its median score is at least 3: most voters think it is good.
//! - **quadratic** (each voter has C voice credits; n votes on one option
//!   cost n×n credits, all together at most C): **votes against are
//!   allowed** (negative n, same cost), because in co-design a strong "not
//!   this" is as useful as a strong "this". The option with the most votes
//!   (for minus against) comes first; it is backed by voters who voted for
//!   it.
//! - **ranked** (rank as many options as you like, best first): instant
//!   runoff. Each round every ballot counts for its highest-ranked option
//!   still in; the option with fewest votes goes out; rounds go on until two
//!   options are left, and the one with more votes wins. (Stopping at two
//!   rather than at the first majority never changes the winner, and it
//!   shows the head-to-head share a supermajority is judged on.) The share
//!   is the winner's votes in that final round out of the ballots that
//!   still rank one of the two; ballots ranking neither are set aside, as in
//!   every runoff. **Tie-break** when several options have the fewest
//!   votes: the one that had fewer votes in the round before goes out,
//!   looking back one round at a time to the first round; if they tied in
//!   every round, the one listed later in the poll goes out. A tie in the
//!   final round is broken the same way, and then the share is exactly one
//!   half, which fails even a majority. Each round in the result says when
//!   a tie was broken and how.
//! - **budget** (options with costs; a voter chooses options costing at most
//!   the cap together): an option is backed by the voters who chose it. An
//!   option can be funded only if its backing share clears the bar
//!   (*"more than half of voters chose it"*). Those options are taken in
//!   order of backing (more first; equal backing: cheaper first, then
//!   earlier in the poll), and each is funded if it fits in the money still
//!   left, skipped if it does not (a cheaper one further down may still
//!   fit). The poll passes when at least one option is funded.
//!
//! Ties for first place (dot, score, quadratic) go to the option with more
//! backers, then to the one listed earlier in the poll.
//!
//! # Parity with several options
//!
//! Under parity each constituency's ballots are counted on their own, as a
//! separate poll. A single-winner poll passes only when **the same option
//! comes first with both citizens and organisation members and clears the
//! bar in each**. If the two groups put different options first, the
//! outcome is **no agreement**: the board has to talk further. We chose
//! this over giving each group equal weight in one pooled count because
//! weighting lets one united group plus a slice of the other carry an option
//! the other group as a whole did not choose, which is exactly what
//! power-sharing is meant to prevent; and it keeps parity meaning the same
//! thing for motions and options: each side decides for itself, and only
//! what both decide is decided.
//!
//! For budget polls, where a set is funded rather than one winner, the same
//! idea applies option by option: an option can be funded only if it
//! clears the bar with citizens and with organisation members; those
//! options are taken in order of their share in the group that backs them
//! less (so neither group's size matters), then funded while the money
//! lasts. If each group would fund something alone but no option clears
//! both, the outcome is no agreement.
//!
//! Each group's own count, leader and verdict are always in the result, so
//! a results page can show where the groups agree and where they differ.

mod ballot;
mod spec;
mod tally;

pub use ballot::{Ballot, BallotError, Choice, Constituency};
pub use spec::{
    Bar, Method, MethodParams, OptionId, PollOption, PollSpec, Quorum, Rule, RuleView, SpecError,
    Threshold, MAX_CAP, MAX_CREDITS, MAX_DOTS, MAX_ID_LEN, MAX_OPTIONS,
};
pub use tally::{
    tally, ChoiceCount, Count, OptionTally, OptionVotes, Outcome, PollResult, Round, Rounds,
    Status, Support, Tallies, TallyError, TieBreak, Turnout, Verdict,
};

#[cfg(test)]
mod examples;
#[cfg(test)]
mod properties;
