//! Poll pages, all working without JavaScript: a board's polls, the
//! facilitators' form to open one, a poll with its ballot form (one
//! select per rank for ranked polls, number inputs for dots, scores and
//! votes, boxes for budget choices; a small script adds running totals),
//! the assisted-ballot form, closing early (after a confirmation page)
//! and the results with their SVG charts and tables.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::api::{board_id, poll_id};
use super::board::{BoardId, BoardInfo};
use super::chart::{self, Chart, Series};
use super::model::{
    AssistedBallot, CastView, NewOption, NewPoll, PollView, QuorumInput, ResultsView,
};
use super::service;
use crate::db::ids::PollId;
use crate::error::{Error, FieldError, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors, Said};
use crate::i18n::Language;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/boards/{id}/polls").get(list))
        .service(
            web::resource("/boards/{id}/polls/new")
                .get(new_form)
                .post(create),
        )
        .service(web::resource("/polls/{id}").get(show))
        .service(web::resource("/polls/{id}/ballot").post(cast))
        .service(
            web::resource("/polls/{id}/assisted")
                .get(assisted_form)
                .post(cast_assisted),
        )
        .service(
            web::resource("/polls/{id}/close")
                .get(close_form)
                .post(close),
        )
        .service(web::resource("/polls/{id}/results").get(results));
}

/// A submitted form, as its fields.
type Fields = Vec<(String, String)>;

fn field_map(fields: &Fields) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (k, v) in fields {
        if k != "csrf" {
            map.insert(k.clone(), v.clone());
        }
    }
    map
}

// ---------------------------------------------------------------- words

/// How a method works, in a sentence for voters.
fn method_words(v: &PollView, lang: Language) -> String {
    match v.method.as_str() {
        "approval" => lang.t("method-words-approval"),
        "consent" => lang.t("method-words-consent"),
        "dot" => lang.t1("method-words-dot", "dots", v.dots.unwrap_or(0)),
        "score" => lang.t("method-words-score"),
        "ranked" => lang.t("method-words-ranked"),
        "budget" => lang.t1("method-words-budget", "cap", v.cap.unwrap_or(0)),
        "quadratic" => lang.t1("method-words-quadratic", "credits", v.credits.unwrap_or(0)),
        other => other.to_owned(),
    }
}

fn method_name(method: &str, lang: Language) -> String {
    match method {
        "approval" => lang.t("method-approval"),
        "consent" => lang.t("method-consent"),
        "dot" => lang.t("method-dot"),
        "score" => lang.t("method-score"),
        "ranked" => lang.t("method-ranked"),
        "budget" => lang.t("method-budget"),
        "quadratic" => lang.t("method-quadratic"),
        _ => lang.t("method-other"),
    }
}

fn rule_words(v: &PollView, lang: Language) -> String {
    let bar = match v.threshold {
        Some(t) => lang.t1("rule-bar-at-least", "percent", trim(t * 100.0)),
        None => lang.t("rule-bar-more-than-half"),
    };
    match v.rule.as_str() {
        "majority" => lang.t("rule-words-majority"),
        "supermajority" => lang.t1("rule-words-supermajority", "bar", bar),
        "no_blocks" => lang.t("rule-words-no-blocks"),
        "parity" => lang.t1("rule-words-parity", "bar", bar),
        other => other.to_owned(),
    }
}

/// A choice of an approval or consent ballot, for the form.
fn choice_label(value: &str, lang: Language) -> String {
    match value {
        "yes" => lang.t("choice-yes"),
        "no" => lang.t("choice-no"),
        "abstain" => lang.t("choice-abstain"),
        "agree" => lang.t("choice-agree"),
        "disagree" => lang.t("choice-disagree"),
        "block" => lang.t("choice-block"),
        other => other.to_owned(),
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn when(at: &chrono::NaiveDateTime, lang: Language) -> String {
    lang.date_time(at)
}

// ---------------------------------------------------------------- list

struct ListRow {
    poll: PollView,
    method: String,
    when: String,
}

#[derive(Template)]
#[template(path = "polls/list.html")]
struct ListPage {
    chrome: Chrome,
    board: BoardInfo,
    rows: Vec<ListRow>,
    total: i64,
    links: PageLinks,
    facilitator: bool,
}

async fn list(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let board = board_id(&path)?;
    let paging = Paging::parse(&query)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (items, total, info, facilitator) = state
        .db(move |conn| {
            let (items, total, info) =
                service::list(conn, &tenant, &board, viewer.as_ref(), paging)?;
            let facilitator = match &viewer {
                Some(v) => super::board::is_facilitator(conn, &tenant, &info.id, &v.id)?,
                None => false,
            };
            Ok((items, total, info, facilitator))
        })
        .await?;
    let rows = items
        .into_iter()
        .map(|p| ListRow {
            method: method_name(&p.method, page.language),
            when: match (&p.closed_at, &p.closes_at) {
                (Some(at), _) => {
                    page.language
                        .t1("poll-list-closed", "when", when(at, page.language))
                }
                (None, Some(at)) => {
                    page.language
                        .t1("poll-list-open-until", "when", when(at, page.language))
                }
                (None, None) => page.language.t("poll-list-open-until-closed"),
            },
            poll: p,
        })
        .collect();
    render::page(&ListPage {
        chrome: page.chrome(),
        board: info,
        rows,
        total,
        links: PageLinks::new(paging, total),
        facilitator,
    })
}

// ---------------------------------------------------------------- new poll

/// The creation form's option rows shown at first, and added by "more".
const ROWS: usize = 6;
const MORE_ROWS: usize = 4;

struct OptionRow {
    index: usize,
    label: String,
    cost: String,
    label_error: Option<Said>,
    cost_error: Option<Said>,
}

#[derive(Template)]
#[template(path = "polls/new.html")]
struct NewPage {
    chrome: Chrome,
    board: BoardInfo,
    values: HashMap<String, String>,
    rows: Vec<OptionRow>,
    errors: FormErrors,
    methods: Vec<(&'static str, String)>,
    rules: Vec<(&'static str, String)>,
}

impl NewPage {
    fn value(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    fn checked(&self, field: &str) -> bool {
        self.values.get(field).is_some_and(|v| !v.is_empty())
    }
}

/// The methods a poll can use, each with its choice in the form.
fn methods(lang: Language) -> Vec<(&'static str, String)> {
    vec![
        ("approval", lang.t("polls-new-method-approval")),
        ("consent", lang.t("polls-new-method-consent")),
        ("ranked", lang.t("polls-new-method-ranked")),
        ("score", lang.t("polls-new-method-score")),
        ("dot", lang.t("polls-new-method-dot")),
        ("budget", lang.t("polls-new-method-budget")),
        ("quadratic", lang.t("polls-new-method-quadratic")),
    ]
}

/// The rules a poll can decide by, each with its choice in the form.
fn rules(lang: Language) -> Vec<(&'static str, String)> {
    vec![
        ("majority", lang.t("polls-new-rule-majority")),
        ("supermajority", lang.t("polls-new-rule-supermajority")),
        ("parity", lang.t("polls-new-rule-parity")),
        ("no_blocks", lang.t("polls-new-rule-no-blocks")),
    ]
}

async fn facilitated_board(
    state: &AppState,
    signed_in: &SignedIn,
    board: BoardId,
) -> Result<BoardInfo> {
    let me = signed_in.user.clone();
    state
        .db(move |conn| {
            let info = super::board::visible(conn, &me.tenant_id, &board, Some(&me))?;
            if !super::board::is_facilitator(conn, &me.tenant_id, &board, &me.id)? {
                return Err(Error::Forbidden(
                    Words::of("poll-error-open-facilitators").into(),
                ));
            }
            Ok(info)
        })
        .await
}

fn new_page(
    signed_in: &SignedIn,
    board: BoardInfo,
    values: HashMap<String, String>,
    rows: usize,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let lang = signed_in.page.language;
    let rows = (0..rows)
        .map(|i| OptionRow {
            index: i,
            label: values
                .get(&format!("options.{i}.label"))
                .cloned()
                .unwrap_or_default(),
            cost: values
                .get(&format!("options.{i}.cost"))
                .cloned()
                .unwrap_or_default(),
            label_error: errors.said(&format!("options.{i}.label"), lang),
            cost_error: errors.said(&format!("options.{i}.cost"), lang),
        })
        .collect();
    let page = NewPage {
        chrome: signed_in.page.chrome(),
        board,
        values,
        rows,
        errors,
        methods: methods(signed_in.page.language),
        rules: rules(signed_in.page.language),
    };
    render::form_page(&page, &page.errors)
}

async fn new_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let board = board_id(&path)?;
    let info = facilitated_board(&state, &signed_in, board).await?;
    let mut values = HashMap::new();
    values.insert("method".to_owned(), "ranked".to_owned());
    values.insert("rule".to_owned(), "parity".to_owned());
    new_page(&signed_in, info, values, ROWS, FormErrors::default())
}

/// How many option rows the submitted form had.
fn row_count(values: &HashMap<String, String>) -> usize {
    values
        .get("rows")
        .and_then(|r| r.parse::<usize>().ok())
        .unwrap_or(ROWS)
        .clamp(ROWS, crate::voting::MAX_OPTIONS)
}

/// Reads a whole number field; blank is none.
fn number<T: std::str::FromStr>(
    values: &HashMap<String, String>,
    field: &str,
    problems: &mut Vec<FieldError>,
) -> Option<T> {
    let raw = values.get(field).map(|v| v.trim()).unwrap_or("");
    if raw.is_empty() {
        return None;
    }
    match raw.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(FieldError::new(
                field,
                "invalid",
                Words::of("poll-error-whole-number"),
            ));
            None
        }
    }
}

/// A threshold as `0.6667`, `66.67%` or `2/3`.
fn threshold(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    if let Some(p) = raw.strip_suffix('%') {
        return p.trim().parse::<f64>().ok().map(|v| v / 100.0);
    }
    if let Some((a, b)) = raw.split_once('/') {
        let (a, b) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
        return (b != 0.0).then(|| a / b);
    }
    raw.parse().ok()
}

/// The form as a new poll, with the rows it kept (for mapping errors back
/// to rows), or the problems with its numbers.
fn poll_from_form(
    values: &HashMap<String, String>,
    rows: usize,
) -> std::result::Result<(NewPoll, Vec<usize>), Vec<FieldError>> {
    let mut problems = Vec::new();
    let method = values.get("method").cloned().unwrap_or_default();
    let motion = matches!(method.as_str(), "approval" | "consent");
    let budget = method == "budget";
    let mut options = Vec::new();
    let mut kept = Vec::new();
    if !motion {
        for i in 0..rows {
            let label = values
                .get(&format!("options.{i}.label"))
                .map(|l| l.trim().to_owned())
                .unwrap_or_default();
            if label.is_empty() {
                continue;
            }
            let cost = if budget {
                number::<u64>(values, &format!("options.{i}.cost"), &mut problems)
            } else {
                None
            };
            options.push(NewOption { label, cost });
            kept.push(i);
        }
    }
    let threshold_raw = values.get("threshold").map(|t| t.trim()).unwrap_or("");
    let threshold = if threshold_raw.is_empty() {
        None
    } else {
        match threshold(threshold_raw) {
            Some(t) => Some(t),
            None => {
                problems.push(FieldError::new(
                    "threshold",
                    "invalid",
                    Words::of("poll-error-threshold"),
                ));
                None
            }
        }
    };
    let closes_raw = values.get("closes_at").map(|t| t.trim()).unwrap_or("");
    let closes_at = if closes_raw.is_empty() {
        None
    } else {
        match chrono::NaiveDateTime::parse_from_str(closes_raw, "%Y-%m-%dT%H:%M")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(closes_raw, "%Y-%m-%dT%H:%M:%S"))
        {
            Ok(at) => Some(at.and_utc()),
            Err(_) => {
                problems.push(FieldError::new(
                    "closes_at",
                    "invalid",
                    Words::of("poll-error-closes-at-format"),
                ));
                None
            }
        }
    };
    let quorum = QuorumInput {
        citizens: number(values, "quorum_citizens", &mut problems).unwrap_or(0),
        organisations: number(values, "quorum_organisations", &mut problems).unwrap_or(0),
    };
    let dots = if method == "dot" {
        number(values, "dots", &mut problems)
    } else {
        None
    };
    let cap = if budget {
        number(values, "cap", &mut problems)
    } else {
        None
    };
    let credits = if method == "quadratic" {
        number(values, "credits", &mut problems)
    } else {
        None
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((
        NewPoll {
            question: values.get("question").cloned().unwrap_or_default(),
            details: values.get("details").cloned(),
            method,
            options,
            rule: values.get("rule").cloned().unwrap_or_default(),
            threshold,
            secret: values.get("secret").is_some_and(|v| !v.is_empty()),
            closes_at,
            quorum: Some(quorum),
            dots,
            cap,
            credits,
            live_results: values.get("live_results").is_some_and(|v| !v.is_empty()),
        },
        kept,
    ))
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Fields>,
) -> Result<HttpResponse> {
    let board = board_id(&path)?;
    let values = field_map(&submitted.form);
    let mut rows = row_count(&values);
    let info = facilitated_board(&state, &signed_in, board.clone()).await?;
    if values.get("action").map(String::as_str) == Some("more") {
        rows = (rows + MORE_ROWS).min(crate::voting::MAX_OPTIONS);
        return new_page(&signed_in, info, values, rows, FormErrors::default());
    }
    let (new, kept) = match poll_from_form(&values, rows) {
        Ok(parsed) => parsed,
        Err(problems) => {
            let errors = FormErrors::from_error(Error::Validation(problems))?;
            return new_page(&signed_in, info, values, rows, errors);
        }
    };
    let me = signed_in.user.clone();
    match state
        .db(move |conn| service::create(conn, &me.tenant_id, &me, &board, &new))
        .await
    {
        Ok(poll) => Ok(see_other(&format!("/polls/{}", poll.id))),
        Err(Error::Validation(fields)) => {
            // Errors name options by their place among the filled rows.
            let fields = fields
                .into_iter()
                .map(|mut e| {
                    if let Some(rest) = e.field.strip_prefix("options.") {
                        if let Some((n, tail)) = rest.split_once('.') {
                            if let Some(row) = n.parse::<usize>().ok().and_then(|n| kept.get(n)) {
                                e.field = format!("options.{row}.{tail}");
                            }
                        }
                    }
                    e
                })
                .collect();
            let errors = FormErrors::from_error(Error::Validation(fields))?;
            new_page(&signed_in, info, values, rows, errors)
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------- ballots

/// A choice of a motion, as a radio button.
struct ChoiceField {
    value: &'static str,
    label: String,
    id: String,
    checked: bool,
}

/// One select of a ranked ballot.
struct RankField {
    rank: usize,
    id: String,
    name: String,
    selected: String,
}

/// One option's input in a dot, score, budget or quadratic ballot.
struct OptionField {
    label: String,
    /// The input's name and id: `allocations.<id>` or `scores.<id>`.
    field: String,
    value: String,
    checked: bool,
    cost: Option<u64>,
    error: Option<Said>,
}

/// Everything the ballot fields need.
struct BallotForm {
    method: String,
    /// `allocations` or `scores`: the group's id, for its errors.
    group: &'static str,
    options: Vec<(String, String)>,
    choices: Vec<ChoiceField>,
    ranks: Vec<RankField>,
    fields: Vec<OptionField>,
    /// The limit of dots, budget or credits, for the running total.
    limit: u64,
    /// Secret poll, already voted: the receipt field is needed.
    needs_receipt: bool,
    receipt: String,
}

fn choices_of(method: &str) -> &'static [(&'static str, &'static str)] {
    match method {
        "approval" => &[("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")],
        "consent" => &[
            ("agree", "Agree"),
            ("abstain", "Abstain"),
            ("disagree", "Disagree"),
            ("block", "Block: I cannot live with this"),
        ],
        _ => &[],
    }
}

/// The stored ballot as form values, to start from when changing it.
fn values_of_ballot(ballot: &Value) -> HashMap<String, String> {
    let mut values = HashMap::new();
    if let Some(c) = ballot.get("choice").and_then(Value::as_str) {
        values.insert("choice".to_owned(), c.to_owned());
    }
    if let Some(r) = ballot.get("ranking").and_then(Value::as_array) {
        for (i, id) in r.iter().enumerate() {
            if let Some(id) = id.as_str() {
                values.insert(format!("rank.{}", i + 1), id.to_owned());
            }
        }
    }
    for group in ["allocations", "scores"] {
        if let Some(m) = ballot.get(group).and_then(Value::as_object) {
            for (id, n) in m {
                values.insert(format!("{group}.{id}"), n.to_string());
            }
        }
    }
    values
}

fn ballot_form(
    poll: &PollView,
    values: &HashMap<String, String>,
    errors: &FormErrors,
    needs_receipt: bool,
    lang: Language,
) -> BallotForm {
    let method = poll.method.clone();
    let group = if method == "score" {
        "scores"
    } else {
        "allocations"
    };
    let value = |k: &str| values.get(k).cloned().unwrap_or_default();
    let choices = choices_of(&method)
        .iter()
        .enumerate()
        .map(|(i, (v, _))| ChoiceField {
            value: v,
            label: choice_label(v, lang),
            id: if i == 0 {
                "choice".to_owned()
            } else {
                format!("choice-{v}")
            },
            checked: value("choice") == *v,
        })
        .collect();
    let ranks = if method == "ranked" {
        (1..=poll.options.len())
            .map(|rank| RankField {
                rank,
                id: if rank == 1 {
                    "ranking".to_owned()
                } else {
                    format!("rank-{rank}")
                },
                name: format!("rank.{rank}"),
                selected: value(&format!("rank.{rank}")),
            })
            .collect()
    } else {
        Vec::new()
    };
    let fields = poll
        .options
        .iter()
        .map(|o| {
            let field = format!("{group}.{}", o.id);
            OptionField {
                label: o.label.clone(),
                value: value(&field),
                checked: values.get(&field).is_some_and(|v| v == "1"),
                cost: o.cost,
                error: errors.said(&field, lang),
                field,
            }
        })
        .collect();
    BallotForm {
        group,
        options: poll
            .options
            .iter()
            .map(|o| (o.id.clone(), o.label.clone()))
            .collect(),
        choices,
        ranks,
        fields,
        limit: match method.as_str() {
            "dot" => poll.dots.map(u64::from).unwrap_or(0),
            "budget" => poll.cap.unwrap_or(0),
            "quadratic" => poll.credits.map(u64::from).unwrap_or(0),
            _ => 0,
        },
        method,
        needs_receipt,
        receipt: value("receipt"),
    }
}

/// The ballot form's fields as the API's ballot JSON.
fn ballot_json(method: &str, values: &HashMap<String, String>, secret: bool) -> Value {
    let number = |raw: &str| -> Value {
        match raw.trim().parse::<i64>() {
            Ok(n) => json!(n),
            Err(_) => json!(raw),
        }
    };
    let mut ballot = match method {
        "approval" | "consent" => {
            json!({"choice": values.get("choice").cloned().unwrap_or_default()})
        }
        "ranked" => {
            let mut ranks: Vec<(usize, &String)> = values
                .iter()
                .filter_map(|(k, v)| {
                    let rank = k.strip_prefix("rank.")?.parse::<usize>().ok()?;
                    (!v.trim().is_empty()).then_some((rank, v))
                })
                .collect();
            ranks.sort();
            json!({"ranking": ranks.into_iter().map(|(_, v)| v.trim()).collect::<Vec<_>>()})
        }
        _ => {
            let group = if method == "score" {
                "scores"
            } else {
                "allocations"
            };
            let prefix = format!("{group}.");
            let mut map = Map::new();
            for (k, v) in values {
                if let Some(id) = k.strip_prefix(&prefix) {
                    if !v.trim().is_empty() {
                        map.insert(id.to_owned(), number(v));
                    }
                }
            }
            json!({ group: map })
        }
    };
    if secret {
        if let Some(r) = values.get("receipt").filter(|r| !r.trim().is_empty()) {
            ballot["receipt"] = json!(r.trim());
        }
    }
    ballot
}

#[derive(Template)]
#[template(path = "polls/show.html")]
struct ShowPage {
    chrome: Chrome,
    board: BoardInfo,
    poll: PollView,
    method_name: String,
    method_words: String,
    rule_words: String,
    closes: Option<String>,
    closed: Option<String>,
    /// Shown to an eligible voter while the poll is open.
    ballot: Option<BallotForm>,
    errors: FormErrors,
    signed_in: bool,
    voted: bool,
    results_shown: bool,
    js_url: String,
}

/// How many of each group voted and could vote, as message arguments.
fn turnout_args(poll: &PollView) -> [(&'static str, &dyn crate::i18n::Arg); 4] {
    let (v, e) = (&poll.voted, &poll.eligible);
    [
        ("citizens", &v.citizens),
        ("eligible_citizens", &e.citizens),
        ("members", &v.organisations),
        ("eligible_members", &e.organisations),
    ]
}

impl ShowPage {
    /// Who has voted, by group.
    fn voted_groups(&self) -> String {
        let args = turnout_args(&self.poll);
        self.chrome.language.t_args("poll-voted-groups", &args)
    }

    /// A facilitator cast this person's ballot for them.
    fn assisted(&self) -> bool {
        self.poll.you.as_ref().is_some_and(|y| y.assisted)
    }
}

async fn show_page(
    state: &AppState,
    page: &Page,
    id: PollId,
    values: Option<HashMap<String, String>>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (poll, board) = state
        .db(move |conn| service::view(conn, &tenant, &id, viewer.as_ref()))
        .await?;
    let you = poll.you.clone();
    let voted = you.as_ref().is_some_and(|y| y.voted);
    let ballot = match &you {
        Some(y) if y.eligible && poll.is_open() => {
            let values = values
                .unwrap_or_else(|| y.ballot.as_ref().map(values_of_ballot).unwrap_or_default());
            Some(ballot_form(
                &poll,
                &values,
                &errors,
                poll.secret && y.voted,
                page.language,
            ))
        }
        _ => None,
    };
    let show = ShowPage {
        chrome: page.chrome(),
        method_name: method_name(&poll.method, page.language),
        method_words: method_words(&poll, page.language),
        rule_words: rule_words(&poll, page.language),
        closes: poll.closes_at.as_ref().map(|at| when(at, page.language)),
        closed: poll.closed_at.as_ref().map(|at| when(at, page.language)),
        results_shown: !poll.is_open() || poll.live_results,
        signed_in: page.user().is_some(),
        board,
        poll,
        ballot,
        errors,
        voted,
        js_url: crate::http::assets::url("ballot.js"),
    };
    // The ballot form holds the voter's own ballot.
    Ok(super::no_store(render::form_page(&show, &show.errors)?))
}

async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    show_page(&state, &page, id, None, FormErrors::default()).await
}

#[derive(Template)]
#[template(path = "polls/cast.html")]
struct CastPage {
    chrome: Chrome,
    poll_id: String,
    question: String,
    cast: CastView,
    /// Whose ballot it was (assisted ballots).
    for_whom: Option<String>,
}

async fn cast(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Fields>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let values = field_map(&submitted.form);
    let me = signed_in.user.clone();
    let for_cast = id.clone();
    let for_values = values.clone();
    let outcome = state
        .write(move |conn| {
            let (poll, _) = service::view(conn, &me.tenant_id, &for_cast, Some(&me))?;
            let raw = ballot_json(&poll.method, &for_values, poll.secret);
            let cast = service::cast(conn, &me.tenant_id, &me, &for_cast, &raw)?;
            Ok((poll, cast))
        })
        .await;
    match outcome {
        Ok((poll, cast)) if poll.secret => Ok(super::no_store(render::page(&CastPage {
            chrome: signed_in.page.chrome(),
            poll_id: poll.id,
            question: poll.question,
            cast,
            for_whom: None,
        })?)),
        Ok(_) => Ok(see_other(&format!("/polls/{id}#your-ballot"))),
        Err(e @ Error::Validation(_)) => {
            show_page(
                &state,
                &signed_in.page,
                id,
                Some(values),
                FormErrors::from_error(e)?,
            )
            .await
        }
        Err(Error::Conflict {
            code: "already_voted",
            message,
        }) => {
            show_page(
                &state,
                &signed_in.page,
                id,
                Some(values),
                FormErrors::one("receipt", "required", message),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "polls/assisted.html")]
struct AssistedPage {
    chrome: Chrome,
    poll: PollView,
    method_words: String,
    /// (id, name, voted)
    voters: Vec<(String, String, bool)>,
    voter_id: String,
    ballot: BallotForm,
    errors: FormErrors,
    js_url: String,
}

async fn assisted_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: PollId,
    values: HashMap<String, String>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (poll, voters) = state
        .db(move |conn| {
            let voters = service::voters_for_assistance(conn, &me.tenant_id, &me, &id)?;
            let (poll, _) = service::view(conn, &me.tenant_id, &id, Some(&me))?;
            Ok((poll, voters))
        })
        .await?;
    if !poll.is_open() {
        return Err(Error::conflict(
            "poll_closed",
            Words::of("poll-error-closed"),
        ));
    }
    let ballot = ballot_form(
        &poll,
        &values,
        &errors,
        poll.secret,
        signed_in.page.language,
    );
    let page = AssistedPage {
        chrome: signed_in.page.chrome(),
        method_words: method_words(&poll, signed_in.page.language),
        voters: voters
            .into_iter()
            .map(|(id, name, voted)| (id.to_string(), name, voted))
            .collect(),
        voter_id: values.get("voter_id").cloned().unwrap_or_default(),
        poll,
        ballot,
        errors,
        js_url: crate::http::assets::url("ballot.js"),
    };
    Ok(super::no_store(render::form_page(&page, &page.errors)?))
}

async fn assisted_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    assisted_page(
        &state,
        &signed_in,
        id,
        HashMap::new(),
        FormErrors::default(),
    )
    .await
}

async fn cast_assisted(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Fields>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let values = field_map(&submitted.form);
    let me = signed_in.user.clone();
    let for_cast = id.clone();
    let for_values = values.clone();
    let outcome = state
        .write(move |conn| {
            let (poll, _) = service::view(conn, &me.tenant_id, &for_cast, Some(&me))?;
            let request = AssistedBallot {
                voter_id: for_values.get("voter_id").cloned().unwrap_or_default(),
                ballot: ballot_json(&poll.method, &for_values, poll.secret),
            };
            let cast = service::cast_assisted(conn, &me.tenant_id, &me, &for_cast, &request)?;
            let name = request
                .voter_id
                .parse()
                .ok()
                .map(|voter| {
                    crate::proposals::service::Names::new(&me.tenant_id, Some(&me))
                        .of(conn, Some(&voter))
                })
                .transpose()?;
            Ok((poll, cast, name))
        })
        .await;
    match outcome {
        Ok((poll, cast, name)) => Ok(super::no_store(render::page(&CastPage {
            chrome: signed_in.page.chrome(),
            poll_id: poll.id,
            question: poll.question,
            cast,
            for_whom: name,
        })?)),
        Err(e @ Error::Validation(_)) => {
            assisted_page(&state, &signed_in, id, values, FormErrors::from_error(e)?).await
        }
        Err(Error::Conflict {
            code: "already_voted",
            message,
        }) => {
            assisted_page(
                &state,
                &signed_in,
                id,
                values,
                FormErrors::one("receipt", "required", message),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------- closing

#[derive(Template)]
#[template(path = "polls/close.html")]
struct ClosePage {
    chrome: Chrome,
    poll: PollView,
}

impl ClosePage {
    /// Who has voted, and what closing does.
    fn voted_words(&self) -> String {
        let args = turnout_args(&self.poll);
        self.chrome.language.t_args("close-voted", &args)
    }
}

async fn close_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let me = signed_in.user.clone();
    let (poll, _) = state
        .db(move |conn| service::view(conn, &me.tenant_id, &id, Some(&me)))
        .await?;
    if !poll.facilitator {
        return Err(Error::Forbidden(
            Words::of("poll-error-close-facilitators").into(),
        ));
    }
    if !poll.is_open() {
        return Ok(see_other(&format!("/polls/{}/results", poll.id)));
    }
    render::page(&ClosePage {
        chrome: signed_in.page.chrome(),
        poll,
    })
}

#[derive(Deserialize)]
struct Empty {}

async fn close(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let me = signed_in.user.clone();
    let for_close = id.clone();
    state
        .db(move |conn| service::close(conn, &me.tenant_id, &me, &for_close))
        .await?;
    Ok(see_other(&format!("/polls/{id}/results")))
}

// ---------------------------------------------------------------- results

/// The parts of a stored result the page shows.
#[derive(Debug, Clone, Deserialize)]
struct CountV {
    ballots: u64,
    abstentions: u64,
    #[serde(default)]
    choices: Vec<ChoiceV>,
    #[serde(default)]
    options: Vec<OptionV>,
    verdict: VerdictV,
}

#[derive(Debug, Clone, Deserialize)]
struct ChoiceV {
    choice: String,
    votes: u64,
}

#[derive(Debug, Clone, Deserialize)]
struct OptionV {
    option: String,
    total: i64,
    backers: u64,
    #[serde(default)]
    opponents: Option<u64>,
    #[serde(default)]
    funded: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
struct VerdictV {
    leader: Option<String>,
    support: Option<SupportV>,
    meets_bar: bool,
    #[serde(default)]
    funded: Option<Vec<String>>,
    #[serde(default)]
    spent: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
struct SupportV {
    count: u64,
    of: u64,
    share: f64,
}

#[derive(Debug, Clone, Deserialize)]
struct RoundV {
    round: u32,
    votes: Vec<RoundVotes>,
    exhausted: u64,
    eliminated: Option<String>,
    #[serde(default)]
    tie_break: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct RoundVotes {
    option: String,
    votes: u64,
}

#[derive(Debug, Clone, Deserialize)]
struct OutcomeV {
    status: String,
    winner: Option<String>,
    #[serde(default)]
    funded: Option<Vec<String>>,
    explanation: String,
}

/// One group's summary line: who they are, what they said.
struct GroupLine {
    name: String,
    /// All ballots together (not one constituency).
    all: bool,
    ballots: u64,
    abstentions: u64,
    leader: Option<String>,
    support: Option<String>,
    meets_bar: bool,
    funded: Vec<String>,
    spent: Option<u64>,
}

/// A row of the turnout table.
struct TurnoutRow {
    name: String,
    voted: u64,
    eligible: u64,
    percent: String,
    quorum: u64,
    quorum_met: bool,
}

/// A row of a data table: a label and one cell per group.
struct DataRow {
    label: String,
    cells: Vec<String>,
}

/// A round of a ranked count, as a table row per option.
struct RoundTable {
    group: String,
    options: Vec<String>,
    rounds: Vec<RoundRow>,
}

struct RoundRow {
    round: u32,
    /// One cell per option (blank once out).
    cells: Vec<String>,
    exhausted: u64,
    eliminated: String,
    tie_break: String,
}

#[derive(Template)]
#[template(path = "polls/results.html")]
struct ResultsPage {
    chrome: Chrome,
    board: BoardInfo,
    poll: PollView,
    results: ResultsView,
    outcome: OutcomeV,
    outcome_label: String,
    winner: Option<String>,
    funded: Vec<String>,
    rule_words: String,
    parity: bool,
    groups: Vec<GroupLine>,
    turnout: Vec<TurnoutRow>,
    chart: Chart,
    headers: Vec<String>,
    data: Vec<DataRow>,
    rounds: Vec<RoundTable>,
    closed: Option<String>,
}

/// One option's numbers in a group, in the words of its method.
fn option_cell(method: &str, x: &OptionV, ballots: u64, lang: Language) -> String {
    let backers = x.backers as i64;
    let mut cell = match method {
        "ranked" => lang.t1("polls-cell-first-preferences", "n", x.total),
        "budget" => lang.t1("polls-cell-chosen-on", "n", backers),
        "dot" => lang.t2("polls-cell-dots", "n", x.total, "voters", backers),
        // Unscored options count as 0, so the average is over every ballot.
        "score" => lang.t2(
            "polls-cell-points",
            "n",
            x.total,
            "average",
            if ballots == 0 {
                "–".to_owned()
            } else {
                lang.t1(
                    "polls-cell-of-5",
                    "average",
                    trim(x.total as f64 / ballots as f64),
                )
            },
        ),
        "quadratic" => lang.t_args(
            "polls-cell-net",
            &[
                ("n", &x.total),
                ("voters", &backers),
                ("against", &x.opponents.unwrap_or(0)),
            ],
        ),
        _ => lang.t2("polls-cell-backing", "total", x.total, "backers", backers),
    };
    if x.funded == Some(true) {
        cell.push_str(&lang.t("polls-cell-funded"));
    }
    cell
}

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        "–".to_owned()
    } else {
        format!("{}%", trim(n as f64 * 100.0 / of as f64))
    }
}

async fn results(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (results, poll, board) = state
        .db(move |conn| {
            let results = service::results(conn, &tenant, &id, viewer.as_ref())?;
            let (poll, board) = service::view(conn, &tenant, &id, viewer.as_ref())?;
            Ok((results, poll, board))
        })
        .await?;
    let broken = |e: serde_json::Error| Error::Internal(format!("a result did not read back: {e}"));
    let group = |k: &str| -> Result<CountV> {
        serde_json::from_value(results.tallies[k].clone()).map_err(broken)
    };
    let (all, citizens, organisations) =
        (group("all")?, group("citizens")?, group("organisations")?);
    let outcome: OutcomeV = serde_json::from_value(results.outcome.clone()).map_err(broken)?;
    let labels: HashMap<String, String> = poll
        .options
        .iter()
        .map(|o| (o.id.clone(), o.label.clone()))
        .collect();
    let label = |id: &str| labels.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let parity = poll.rule == "parity";
    let lang = page.language;
    let (all_name, citizens_name, members_name) = (
        Series::All.name_in(lang),
        Series::Citizens.name_in(lang),
        Series::Organisations.name_in(lang),
    );
    let line = |name: &String, c: &CountV| GroupLine {
        name: name.clone(),
        all: *name == all_name,
        ballots: c.ballots,
        abstentions: c.abstentions,
        leader: c.verdict.leader.as_deref().map(label),
        support: c.verdict.support.as_ref().map(|s| {
            lang.t_args(
                "polls-results-support-of",
                &[
                    ("count", &s.count),
                    ("of", &s.of),
                    ("percent", &trim(s.share * 100.0)),
                ],
            )
        }),
        meets_bar: c.verdict.meets_bar,
        funded: c
            .verdict
            .funded
            .iter()
            .flatten()
            .map(|id| label(id))
            .collect(),
        spent: c.verdict.spent,
    };
    let groups = vec![
        line(&all_name, &all),
        line(&citizens_name, &citizens),
        line(&members_name, &organisations),
    ];
    let turnout = vec![
        TurnoutRow {
            name: citizens_name.clone(),
            voted: results.turnout.citizens,
            eligible: results.eligible.citizens,
            percent: percent(results.turnout.citizens, results.eligible.citizens),
            quorum: poll.quorum.citizens,
            quorum_met: results.turnout.citizens >= poll.quorum.citizens,
        },
        TurnoutRow {
            name: members_name.clone(),
            voted: results.turnout.organisations,
            eligible: results.eligible.organisations,
            percent: percent(
                results.turnout.organisations,
                results.eligible.organisations,
            ),
            quorum: poll.quorum.organisations,
            quorum_met: results.turnout.organisations >= poll.quorum.organisations,
        },
    ];
    // What to draw: choices of a motion, or each option's total.
    let (series, counts): (Vec<Series>, Vec<&CountV>) = if parity {
        (
            vec![Series::Citizens, Series::Organisations],
            vec![&citizens, &organisations],
        )
    } else {
        (vec![Series::All], vec![&all])
    };
    let unit = match poll.method.as_str() {
        "approval" | "consent" => lang.t("polls-unit-votes"),
        "dot" => lang.t("polls-unit-dots"),
        "score" => lang.t("polls-unit-points"),
        "ranked" => lang.t("polls-unit-first-preferences"),
        "budget" => lang.t("polls-unit-times-chosen"),
        "quadratic" => lang.t("polls-unit-net-votes"),
        _ => String::new(),
    };
    // A choice's name, without what it means ("Block", not "Block: I
    // cannot live with this").
    let choice_name = |value: &str| {
        let name = choice_label(value, lang);
        name.split(':').next().unwrap_or(&name).to_owned()
    };
    let motion = matches!(poll.method.as_str(), "approval" | "consent");
    let rows: Vec<chart::Row> = if motion {
        choices_of(&poll.method)
            .iter()
            .map(|(value, _)| chart::Row {
                label: choice_name(value),
                values: counts
                    .iter()
                    .map(|c| {
                        c.choices
                            .iter()
                            .find(|x| x.choice == *value)
                            .map_or(0, |x| x.votes as i64)
                    })
                    .collect(),
            })
            .collect()
    } else {
        poll.options
            .iter()
            .map(|o| chart::Row {
                label: o.label.clone(),
                values: counts
                    .iter()
                    .map(|c| {
                        c.options
                            .iter()
                            .find(|x| x.option == o.id)
                            .map_or(0, |x| x.total)
                    })
                    .collect(),
            })
            .collect()
    };
    let title = if motion {
        lang.t("polls-chart-title-motion")
    } else {
        lang.t1("polls-chart-title-options", "unit", &unit)
    };
    let chart = chart::draw(&chart::Spec {
        id: "results-chart".to_owned(),
        title: if parity {
            lang.t1("polls-chart-title-parity", "title", title)
        } else {
            title
        },
        unit,
        series: series.clone(),
        rows: rows.clone(),
        lang,
    });
    // The table: every group, with backers for options.
    let headers = vec![
        all_name.clone(),
        citizens_name.clone(),
        members_name.clone(),
    ];
    let data: Vec<DataRow> = if motion {
        choices_of(&poll.method)
            .iter()
            .map(|(value, _)| DataRow {
                label: choice_name(value),
                cells: [&all, &citizens, &organisations]
                    .iter()
                    .map(|c| {
                        c.choices
                            .iter()
                            .find(|x| x.choice == *value)
                            .map_or(0, |x| x.votes)
                            .to_string()
                    })
                    .collect(),
            })
            .collect()
    } else {
        poll.options
            .iter()
            .map(|o| DataRow {
                label: match o.cost {
                    Some(c) => lang.t2("polls-results-costs", "label", &o.label, "cost", c),
                    None => o.label.clone(),
                },
                cells: [&all, &citizens, &organisations]
                    .iter()
                    .map(|c| match c.options.iter().find(|x| x.option == o.id) {
                        Some(x) => option_cell(&poll.method, x, c.ballots, lang),
                        None => "–".to_owned(),
                    })
                    .collect(),
            })
            .collect()
    };
    let mut rounds = Vec::new();
    if let Some(r) = &results.rounds {
        let groups: Vec<(&String, &str)> = if parity {
            vec![
                (&citizens_name, "citizens"),
                (&members_name, "organisations"),
            ]
        } else {
            vec![(&all_name, "all")]
        };
        for (name, key) in groups {
            let list: Vec<RoundV> = serde_json::from_value(r[key].clone()).map_err(broken)?;
            rounds.push(RoundTable {
                group: name.clone(),
                options: poll.options.iter().map(|o| o.label.clone()).collect(),
                rounds: list
                    .iter()
                    .map(|round| RoundRow {
                        round: round.round,
                        cells: poll
                            .options
                            .iter()
                            .map(|o| {
                                round.votes.iter().find(|v| v.option == o.id).map_or_else(
                                    || lang.t("polls-results-out"),
                                    |v| v.votes.to_string(),
                                )
                            })
                            .collect(),
                        exhausted: round.exhausted,
                        eliminated: round.eliminated.as_deref().map(label).unwrap_or_default(),
                        tie_break: match round.tie_break.as_deref() {
                            Some("earlier_rounds") => lang.t("polls-results-tie-earlier"),
                            Some("poll_order") => lang.t("polls-results-tie-order"),
                            _ => String::new(),
                        },
                    })
                    .collect(),
            });
        }
    }
    let outcome_label = match outcome.status.as_str() {
        "passed" => lang.t("polls-results-passed"),
        "failed" => lang.t("polls-results-failed"),
        "no_quorum" => lang.t("polls-results-no-quorum"),
        "no_agreement" => lang.t("polls-results-no-agreement"),
        _ => lang.t("polls-results-counted"),
    };
    render::page(&ResultsPage {
        chrome: page.chrome(),
        rule_words: rule_words(&poll, page.language),
        winner: outcome.winner.as_deref().map(label),
        funded: outcome
            .funded
            .iter()
            .flatten()
            .map(|id| label(id))
            .collect(),
        closed: poll.closed_at.as_ref().map(|at| when(at, page.language)),
        board,
        poll,
        results,
        outcome,
        outcome_label,
        parity,
        groups,
        turnout,
        chart,
        headers,
        data,
        rounds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(total: i64, backers: u64, opponents: Option<u64>, funded: Option<bool>) -> OptionV {
        OptionV {
            option: "o".into(),
            total,
            backers,
            opponents,
            funded,
        }
    }

    #[test]
    fn each_method_says_its_numbers_in_its_own_words() {
        let option_cell =
            |method, x: &OptionV, ballots| option_cell(method, x, ballots, Language::En);
        assert_eq!(
            option_cell("ranked", &option(1, 1, None, None), 3),
            "1 first preference"
        );
        assert_eq!(
            option_cell("budget", &option(2, 2, None, Some(true)), 3),
            "chosen on 2 ballots, funded"
        );
        assert_eq!(
            option_cell("dot", &option(7, 3, None, None), 3),
            "7 dots from 3 voters"
        );
        assert_eq!(
            option_cell("score", &option(7, 2, None, None), 3),
            "7 points in all, 2.33 of 5 on average"
        );
        assert_eq!(
            option_cell("score", &option(0, 0, None, None), 0),
            "0 points in all, – on average"
        );
        assert_eq!(
            option_cell("quadratic", &option(-1, 1, Some(2), None), 3),
            "-1 vote net: 1 voter for, 2 against"
        );
    }
}
