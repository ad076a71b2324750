//! Evaluation pages: the section on a delivered proposal's page, its
//! evaluation page with the rating form and what people said, and the
//! place's outcomes dashboard with its chart drawn on the server (SVG, no
//! JavaScript) and the same figures as a table.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{
    legend, rating_from_text, rating_label_in, Chart, EvaluationView, LegendItem, Outcome, Rating,
    State, COMMENT_MAX, RATINGS,
};
use super::service;
use crate::accounts::User;
use crate::db::ids::{ProposalId, TenantId};
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::proposals::Status;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/proposals/{id}/evaluation")
            .get(show)
            .post(rate),
    )
    .service(web::resource("/proposals/{id}/evaluation/withdraw").post(withdraw))
    .service(web::resource("/outcomes").get(outcomes));
}

/// Outcomes per page of the dashboard.
const OUTCOMES_PER_PAGE: u32 = 10;
/// Comments per page of an evaluation.
const COMMENTS_PER_PAGE: u32 = 20;

fn proposal_id(raw: &str) -> Result<ProposalId> {
    raw.parse().map_err(|_| Error::NotFound)
}

fn render_fragment(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("template failed: {e}")))
}

/// One outcome as the chart draws it, from a proposal's evaluation.
fn as_outcome(v: &EvaluationView) -> Outcome {
    Outcome {
        proposal_id: v.proposal_id.clone(),
        title: v.title.clone(),
        intended_outcome: v.intended_outcome.clone(),
        status: v.status,
        area_id: None,
        results: v.results.clone(),
    }
}

fn chart_desc(outcomes: &[Outcome], lang: Language) -> String {
    outcomes
        .iter()
        .map(|o| {
            let spread = RATINGS
                .iter()
                .map(|r| {
                    lang.t2(
                        "evaluation-desc-spread",
                        "n",
                        o.results.of(*r),
                        "rating",
                        *r,
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            match o.results.average {
                Some(_) => lang.t_args(
                    "evaluation-desc-rated",
                    &[
                        ("title", &o.title),
                        ("average", &o.results.average_text_in(lang)),
                        ("n", &o.results.count),
                        ("spread", &spread),
                    ],
                ),
                None => lang.t1("evaluation-desc-none", "title", &o.title),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The section on a proposal's page: nothing before delivery; after it,
/// the results in brief and where to rate.
#[derive(Template)]
#[template(path = "evaluation/section.html")]
struct Section {
    chrome: Chrome,
    v: EvaluationView,
    chart: Chart,
    chart_id: &'static str,
    chart_title: String,
    chart_desc: String,
    legend: Vec<LegendItem>,
}

/// What the evaluation section of a proposal's page shows, loaded with the
/// rest of the page: nothing until the proposal (whose `status` the page
/// has) is delivered, and then nothing to load either.
pub fn section_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    status: Status,
    viewer: Option<&User>,
) -> Result<Option<EvaluationView>> {
    if State::of(status) == State::NotStarted {
        return Ok(None);
    }
    let brief = Paging {
        page: 1,
        per_page: 1,
    };
    service::view(conn, tenant, id, viewer, brief).map(Some)
}

/// The section as HTML (empty until the proposal is delivered).
pub fn render_section(page: &Page, v: Option<EvaluationView>) -> Result<String> {
    let Some(v) = v else {
        return Ok(String::new());
    };
    let outcomes = [as_outcome(&v)];
    let lang = page.language;
    render_fragment(&Section {
        chrome: page.chrome(),
        chart: Chart::of_in(&outcomes, lang),
        chart_id: "evaluation-chart",
        chart_title: lang.t1("evaluation-chart-title", "title", &v.title),
        chart_desc: chart_desc(&outcomes, lang),
        legend: legend(lang),
        v,
    })
}

/// The rating form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct RatingForm {
    #[serde(default)]
    rating: String,
    #[serde(default)]
    comment: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    show_name: Option<String>,
}

/// A choice of the rating form.
struct Choice {
    rating: i32,
    label: String,
}

#[derive(Template)]
#[template(path = "evaluation/show.html")]
struct ShowPage {
    chrome: Chrome,
    v: EvaluationView,
    chart: Chart,
    chart_id: &'static str,
    chart_title: String,
    chart_desc: String,
    legend: Vec<LegendItem>,
    choices: Vec<Choice>,
    values: RatingForm,
    errors: FormErrors,
    notice: Option<String>,
    links: PageLinks,
    comment_max: usize,
}

impl ShowPage {
    fn label(&self, rating: &i32) -> String {
        rating_label_in(*rating, self.chrome.language)
    }

    fn checked(&self, rating: &i32) -> bool {
        self.values.rating.trim() == rating.to_string()
    }

    fn percent(&self, rating: &i32) -> i64 {
        self.v.results.percent(*rating)
    }
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
    page: Option<String>,
}

async fn show_page(
    state: &AppState,
    page: &Page,
    id: ProposalId,
    comments_page: Option<String>,
    values: Option<RatingForm>,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&PageQuery {
        page: comments_page,
        per_page: Some(COMMENTS_PER_PAGE.to_string()),
    })?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let v = state
        .db(move |conn| service::view(conn, &tenant, &id, viewer.as_ref(), paging))
        .await?;
    // The form starts from the person's own rating, if they gave one.
    let values = values.unwrap_or_else(|| match v.you.as_ref().and_then(|y| y.rating.as_ref()) {
        Some(r) => RatingForm {
            rating: r.rating.to_string(),
            comment: r.comment.clone().unwrap_or_default(),
            show_name: r.show_name.then(|| "yes".to_owned()),
        },
        None => RatingForm::default(),
    });
    let outcomes = [as_outcome(&v)];
    let lang = page.language;
    let show = ShowPage {
        chrome: page.chrome(),
        chart: Chart::of_in(&outcomes, lang),
        chart_id: "evaluation-chart",
        chart_title: lang.t1("evaluation-chart-title", "title", &v.title),
        chart_desc: chart_desc(&outcomes, lang),
        legend: legend(lang),
        choices: RATINGS
            .iter()
            .rev()
            .map(|r| Choice {
                rating: *r,
                label: rating_label_in(*r, lang),
            })
            .collect(),
        links: PageLinks::new(paging, v.comments.total),
        v,
        values,
        errors,
        notice,
        comment_max: COMMENT_MAX,
    };
    render::form_page(&show, &show.errors)
}

async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let notice = match query.done.as_deref() {
        Some("rated") => Some(page.language.t("evaluation-notice-rated")),
        Some("withdrawn") => Some(page.language.t("evaluation-notice-withdrawn")),
        _ => None,
    };
    show_page(
        &state,
        &page,
        id,
        query.page.clone(),
        None,
        FormErrors::default(),
        notice,
    )
    .await
}

async fn rate(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<RatingForm>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let form = submitted.form.clone();
    let rating = Rating::check(
        rating_from_text(&form.rating),
        Some(&form.comment),
        form.show_name.is_some(),
    );
    let me = signed_in.user.clone();
    let for_rate = id.clone();
    let outcome = state
        .db(move |conn| {
            service::may_rate(conn, &me.tenant_id, &me, &for_rate)?;
            service::rate(conn, &me.tenant_id, &me, &for_rate, &rating?)
        })
        .await;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}/evaluation?done=rated"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            show_page(&state, &signed_in.page, id, None, Some(form), errors, None).await
        }
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn withdraw(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let me = signed_in.user.clone();
    let for_withdraw = id.clone();
    state
        .db(move |conn| service::withdraw(conn, &me.tenant_id, &me, &for_withdraw))
        .await?;
    Ok(see_other(&format!(
        "/proposals/{id}/evaluation?done=withdrawn"
    )))
}

#[derive(Template)]
#[template(path = "evaluation/outcomes.html")]
struct OutcomesPage {
    chrome: Chrome,
    outcomes: Vec<Outcome>,
    total: i64,
    links: PageLinks,
    chart: Chart,
    chart_id: &'static str,
    chart_title: String,
    chart_desc: String,
    legend: Vec<LegendItem>,
    ratings: [i32; 5],
}

impl OutcomesPage {
    fn count(&self, o: &Outcome, rating: &i32) -> i64 {
        o.results.of(*rating)
    }
}

#[derive(Deserialize)]
struct OutcomesQuery {
    page: Option<String>,
}

/// The outcomes dashboard: for residents, what each delivered proposal
/// set out to change and whether the people it was for say it happened.
async fn outcomes(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<OutcomesQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: Some(OUTCOMES_PER_PAGE.to_string()),
    })?;
    let tenant = page.tenant.id.clone();
    let (outcomes, total) = state
        .db(move |conn| service::outcomes(conn, &tenant, paging))
        .await?;
    let lang = page.language;
    render::page(&OutcomesPage {
        chrome: page.chrome(),
        chart: Chart::of_in(&outcomes, lang),
        chart_id: "outcomes-chart",
        chart_title: lang.t2(
            "evaluation-chart-title-outcomes",
            "page",
            paging.page,
            "pages",
            PageLinks::new(paging, total).pages,
        ),
        chart_desc: chart_desc(&outcomes, lang),
        legend: legend(lang),
        links: PageLinks::new(paging, total),
        outcomes,
        total,
        ratings: RATINGS,
    })
}
