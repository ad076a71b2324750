//! Polls: how a co-design board decides. A board's facilitators open a
//! poll (a question, a method, options, a rule with its threshold, a
//! quorum, open or secret, an optional closing time); the board's members
//! vote; the poll closes on time (or early, by a facilitator) and its
//! result is kept with a digest of its ballots. The count itself is the
//! pure engine in [`crate::voting`]; this room stores polls and ballots,
//! applies who-may-do-what, and shows results.
//!
//! # Rules
//!
//! - Only a board's facilitators create polls, close them early and cast
//!   assisted ballots; everyone who can see the board can see its polls
//!   and, once closed, their results (open polls show results only if the
//!   facilitator chose live results, which secret polls cannot have).
//! - **Voters are fixed when the poll opens**: the board's members at that
//!   moment (an organisation's staff for their organisation), each in
//!   their constituency, citizens or organisation members
//!   ([`board::eligible_voters`]). Others get 403 `not_eligible`.
//! - **One ballot per voter**, replaceable while the poll is open; once it
//!   has closed, 409 `poll_closed`. A ballot is checked against the poll
//!   by the engine (422 with the field at fault: unknown option, an option
//!   ranked twice, dots over the allowance, scores outside 0–5, choices
//!   over the budget, voice credits overspent).
//! - **Closing**: at the closing time the poll closes by itself — the
//!   sweep that `serve` and `worker` run every few seconds
//!   ([`closer`]), or whoever reads or votes in it first. The count, the
//!   result and the digest are stored and written to the audit log
//!   (`poll_closed`) in the same transaction.
//! - **Assisted ballots**: a facilitator can cast (or replace) the ballot
//!   of a member who took part in one of the board's workshops in person
//!   ([`board::attended_in_person`]); the audit log records it
//!   (`poll_ballot_assisted`, by the facilitator, about the member) and the
//!   member's participation says "assisted".
//!
//! # Where ballots live
//!
//! Participation and contents are two tables. `poll_voters` says who may
//! vote, in which constituency, and whether they have. `poll_ballots`
//! holds what was voted: the constituency (needed for parity) and the
//! ballot's canonical JSON, **never a voter, never a time**, under a
//! random (version 4) id. For an open (non-secret) poll, the voter's row
//! names their ballot so they can see and replace it. For a secret poll,
//! nothing does.
//!
//! # Secret ballots, and replacing them
//!
//! A secret ballot can be replaced while the poll is open, with a
//! **receipt**: the first ballot returns a random 256-bit token (API
//! `receipt`; the page shows it once). Only its SHA-256 is stored, on the
//! ballot row; the token is not kept anywhere on our side, and the voter's
//! row records only that they voted. To change their vote, the voter sends
//! the new ballot with the receipt (it must also be from their
//! constituency); without it they get 409 `already_voted`, since we cannot
//! tell which ballot is theirs. A lost receipt means the first ballot is
//! final. The receipt can only replace, never read, a ballot.
//!
//! What the database cannot tell, and what it can:
//!
//! - No column links a voter to a ballot, and ballot rows carry no time.
//!   Ballot ids are random; SQLite stores the table `WITHOUT ROWID`, so
//!   rows sit in id order, not arrival order.
//! - While a secret poll is open, someone reading PostgreSQL's system
//!   columns (`xmin`, `ctid`) could match a ballot to the voter row written
//!   in the same transaction. **At close, the ballots are rewritten**: all
//!   deleted and inserted again, sorted by content, with fresh random ids
//!   and no receipts, in one transaction, so afterwards every ballot shares
//!   one transaction and its place says only what it contains. (Until
//!   PostgreSQL vacuums the table, the old row versions remain on disk for
//!   someone with file access; `VACUUM poll_ballots` after a secret poll
//!   closes removes them. Database logs and backups made while the poll was
//!   open are out of our reach: protect them as the ballots they are.)
//! - Live results are refused for secret polls: watching a count change as
//!   one person votes would show their vote.
//! - The constituency stays on each ballot (parity needs it), so a voter is
//!   hidden among the ballots of their constituency.
//! - An assisted ballot is seen by the facilitator who casts it, by nature.
//!
//! # The digest and recounts
//!
//! At close, [`model::digest`] is taken over the poll's ballots: one line
//! per ballot, `<constituency>\t<canonical JSON>\n`, the lines sorted and
//! joined, SHA-256 in hex. It is stored with the poll and written to the
//! audit log with the outcome, where the hash chain protects it.
//! `coproduce poll recount ID` reads the stored ballots, recomputes the
//! digest and the result, and prints them beside what was stored and
//! audited (exit 1 if anything differs).
//!
//! # Never cached
//!
//! Every response that can show a person's ballot (the poll's page and
//! API for a voter, the pages and answers that cast one) or a secret
//! ballot's receipt is sent with `Cache-Control: no-store` ([`no_store`]).
//!
//! # Leaving
//!
//! When a person erases their account their voter rows go: the ballots
//! they cast stay counted, belonging to nobody (see
//! [`service::erase_person`]).

pub mod api;
pub mod board;
pub mod chart;
pub mod closer;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{Poll, PollView, ResultsView};

/// Marks a response that shows a person's ballot, or a secret ballot's
/// receipt, as never to be stored: not by the browser (whose back button
/// or history on a shared computer would show the next person how someone
/// voted, or hand them the receipt that replaces the ballot), not by any
/// cache between.
pub(crate) fn no_store(mut response: actix_web::HttpResponse) -> actix_web::HttpResponse {
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    response
}
