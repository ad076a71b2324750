//! Ratings, results and the outcomes chart as data, and the checks on
//! what people send (no I/O).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::i18n::Language;
use crate::proposals::Status;

/// The longest comment that goes with a rating.
pub const COMMENT_MAX: usize = 2_000;
/// The scale: 1 (it did not happen) to 5 (it fully happened).
pub const RATINGS: [i32; 5] = [1, 2, 3, 4, 5];

/// Where a proposal's evaluation stands, from its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Not delivered yet: nobody has been asked.
    NotStarted,
    /// Delivered: the people invited may rate it and change their rating.
    Open,
    /// Evaluated: the results are final.
    Closed,
}

impl State {
    pub fn of(status: Status) -> Self {
        match status {
            Status::Delivered => State::Open,
            Status::Evaluated => State::Closed,
            _ => State::NotStarted,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::NotStarted => "not_started",
            State::Open => "open",
            State::Closed => "closed",
        }
    }
}

/// Why someone was invited to evaluate a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EvaluationReason)]
pub enum Reason {
    /// They supported it.
    Supporter,
    /// They live in its area (or an area inside it).
    Resident,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Supporter => "supporter",
            Reason::Resident => "resident",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "supporter" => Some(Reason::Supporter),
            "resident" => Some(Reason::Resident),
            _ => None,
        }
    }

    /// How an email or page says why.
    pub fn because(self) -> &'static str {
        match self {
            Reason::Supporter => "you supported it",
            Reason::Resident => "you live in the area it was for",
        }
    }

    /// [`Reason::because`] in a person's language.
    pub fn because_in(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            Reason::Supporter => lang.t("evaluation-because-supporter"),
            Reason::Resident => lang.t("evaluation-because-resident"),
        }
    }
}

/// A rating as sent to the API. `rating` is read from any JSON value so a
/// word or a fraction is a field error (422) like 0 or 6.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RatingInput {
    /// 1 (it did not happen) to 5 (it fully happened).
    #[schema(value_type = i32, minimum = 1, maximum = 5)]
    #[serde(default)]
    pub rating: Value,
    /// What you saw, in your words (optional, up to 2,000 characters).
    #[serde(default)]
    pub comment: Option<String>,
    /// Show your name beside your comment (default false: "a resident").
    #[serde(default)]
    pub show_name: Option<bool>,
}

/// A checked rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub value: i32,
    pub comment: Option<String>,
    pub show_name: bool,
}

fn bad_rating() -> FieldError {
    FieldError::new(
        "rating",
        "invalid",
        Words::of("evaluation-error-rating-invalid"),
    )
}

/// A rating from JSON: a whole number from 1 to 5 (a number, not text).
pub fn rating_from_json(raw: &Value) -> std::result::Result<i32, FieldError> {
    match raw.as_i64() {
        Some(n) if (1..=5).contains(&n) => Ok(n as i32),
        _ if raw.is_null() => Err(FieldError::new(
            "rating",
            "required",
            Words::of("evaluation-error-rating-required"),
        )),
        _ => Err(bad_rating()),
    }
}

/// A rating from a form: the digits 1 to 5.
pub fn rating_from_text(raw: &str) -> std::result::Result<i32, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(
            "rating",
            "required",
            Words::of("evaluation-error-rating-required"),
        ));
    }
    match raw.parse::<i32>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(bad_rating()),
    }
}

impl Rating {
    /// Checks a rating and its comment together, so every problem shows
    /// at once.
    pub fn check(
        value: std::result::Result<i32, FieldError>,
        comment: Option<&str>,
        show_name: bool,
    ) -> Result<Self> {
        let mut problems = Problems::default();
        let value = problems.check("rating", value);
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        if let Some(c) = comment {
            if c.chars().count() > COMMENT_MAX {
                problems.add(
                    "comment",
                    "length",
                    Words::of1("evaluation-error-comment-length", "max", COMMENT_MAX),
                );
            } else if c
                .chars()
                .any(|ch| ch.is_control() && ch != '\n' && ch != '\r' && ch != '\t')
            {
                problems.add(
                    "comment",
                    "invalid",
                    Words::of("evaluation-error-control-characters"),
                );
            }
        }
        problems.into_result()?;
        let Some(value) = value else {
            return Err(Error::Validation(vec![bad_rating()]));
        };
        Ok(Self {
            value,
            comment: comment.map(str::to_owned),
            show_name,
        })
    }
}

/// How many people gave each rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Bucket {
    pub rating: i32,
    pub count: i64,
}

/// The results of an evaluation: how many rated, the average, and how
/// the ratings spread over the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Results {
    pub count: i64,
    /// Rounded to two decimals; none before anyone rates.
    pub average: Option<f64>,
    /// One entry per rating from 1 to 5, in order.
    pub distribution: Vec<Bucket>,
}

impl Results {
    /// From the count of each rating, 1 to 5.
    pub fn from_counts(counts: [i64; 5]) -> Self {
        let count: i64 = counts.iter().sum();
        let sum: i64 = counts
            .iter()
            .zip(RATINGS)
            .map(|(n, r)| n * i64::from(r))
            .sum();
        let average = (count > 0).then(|| round2(sum as f64 / count as f64));
        Self {
            count,
            average,
            distribution: RATINGS
                .iter()
                .zip(counts)
                .map(|(r, n)| Bucket {
                    rating: *r,
                    count: n,
                })
                .collect(),
        }
    }

    pub fn empty() -> Self {
        Self::from_counts([0; 5])
    }

    /// The count of one rating.
    pub fn of(&self, rating: i32) -> i64 {
        self.distribution
            .iter()
            .find(|b| b.rating == rating)
            .map_or(0, |b| b.count)
    }

    /// The average as a page says it ("3.5 out of 5"), or a dash.
    pub fn average_text(&self) -> String {
        match self.average {
            Some(a) => format!("{} out of 5", trim_number(a)),
            None => "no ratings yet".into(),
        }
    }

    /// [`Results::average_text`] in a person's language.
    pub fn average_text_in(&self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self.average {
            Some(a) => lang.t1("evaluation-average", "average", trim_number(a)),
            None => lang.t("evaluation-no-ratings-lower"),
        }
    }

    /// The share of the ratings that gave `rating`, as a whole percentage.
    pub fn percent(&self, rating: i32) -> i64 {
        if self.count == 0 {
            return 0;
        }
        ((self.of(rating) as f64 / self.count as f64) * 100.0).round() as i64
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A number without trailing zeros: 3.5, 4, 2.67.
pub fn trim_number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// What a rating says in words.
pub fn rating_label(rating: i32) -> &'static str {
    match rating {
        1 => "It did not happen",
        2 => "A little of it happened",
        3 => "Some of it happened",
        4 => "Most of it happened",
        5 => "It fully happened",
        _ => "",
    }
}

/// [`rating_label`] in a person's language.
pub fn rating_label_in(rating: i32, lang: Language) -> String {
    match rating {
        1 => lang.t("evaluation-rating-1"),
        2 => lang.t("evaluation-rating-2"),
        3 => lang.t("evaluation-rating-3"),
        4 => lang.t("evaluation-rating-4"),
        5 => lang.t("evaluation-rating-5"),
        _ => String::new(),
    }
}

/// A comment given with a rating, as others see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RatingComment {
    /// The person's name where they chose to show it and their profile
    /// lets you see it; absent otherwise ("a resident").
    pub name: Option<String>,
    pub rating: i32,
    pub comment: String,
    pub rated_at: NaiveDateTime,
}

/// One page of comments, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentPage {
    pub items: Vec<RatingComment>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// Your own rating.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct YourRating {
    pub rating: i32,
    pub comment: Option<String>,
    pub show_name: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Where you stand in an evaluation (when signed in).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct YourPart {
    /// Whether you were invited to rate it.
    pub invited: bool,
    /// Why: `supporter` or `resident`.
    pub reason: Option<Reason>,
    /// Whether you may rate (or change your rating) now.
    pub may_rate: bool,
    pub rating: Option<YourRating>,
}

/// A proposal's evaluation, as the API and its page show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EvaluationView {
    pub proposal_id: String,
    pub title: String,
    /// What was meant to be different for residents: what is rated.
    pub intended_outcome: String,
    pub status: Status,
    /// `not_started`, `open` or `closed`.
    pub state: State,
    /// How many people were invited to rate it.
    pub invited: i64,
    #[serde(flatten)]
    pub results: Results,
    pub comments: CommentPage,
    /// Absent when not signed in.
    pub you: Option<YourPart>,
}

/// A delivered or evaluated proposal on the outcomes dashboard.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Outcome {
    pub proposal_id: String,
    pub title: String,
    pub intended_outcome: String,
    pub status: Status,
    pub area_id: Option<String>,
    #[serde(flatten)]
    pub results: Results,
}

/// A person's part in evaluations, in their data export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = EvaluationPersonalData)]
pub struct PersonalData {
    #[serde(default)]
    pub invitations: Vec<InvitationData>,
    #[serde(default)]
    pub ratings: Vec<RatingData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = EvaluationInvitationData)]
pub struct InvitationData {
    pub proposal_id: String,
    pub title: String,
    /// `supporter` or `resident`.
    pub reason: String,
    pub invited_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RatingData {
    pub proposal_id: String,
    pub title: String,
    pub rating: i32,
    pub comment: Option<String>,
    pub show_name: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The outcomes chart, laid out: a row per proposal with its title, its
/// intended outcome (shortened) and a bar split by rating. Pure geometry,
/// rendered by a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub width: i64,
    pub height: i64,
    pub bar_width: i64,
    pub rows: Vec<ChartRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// The top of the row.
    pub y: i64,
    pub title: String,
    pub outcome: String,
    /// "3.5 out of 5 from 12 people", or "no ratings yet".
    pub summary: String,
    pub segments: Vec<Segment>,
}

impl ChartRow {
    pub fn title_y(&self) -> i64 {
        self.y + 16
    }
    pub fn outcome_y(&self) -> i64 {
        self.y + 34
    }
    pub fn bar_y(&self) -> i64 {
        self.y + 42
    }
    /// The baseline of text inside or beside the bar.
    pub fn summary_y(&self) -> i64 {
        self.y + 74
    }
}

/// A part of a bar: the people who gave one rating.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub x: i64,
    pub width: i64,
    pub rating: i32,
    pub count: i64,
    /// What it says on hover, in the page's language.
    pub description: String,
}

/// The colour of a rating in charts: red for "did not happen" through
/// grey to blue for "fully happened", each at least 3:1 against white.
pub fn rating_colour(rating: i32) -> &'static str {
    match rating {
        1 => "#b2182b",
        2 => "#d6604d",
        3 => "#767676",
        4 => "#4393c3",
        _ => "#2166ac",
    }
}

/// A line of a chart's legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendItem {
    pub rating: i32,
    pub label: String,
    pub colour: &'static str,
}

/// The legend of the rating colours, 1 to 5.
pub fn legend(lang: Language) -> Vec<LegendItem> {
    RATINGS
        .iter()
        .map(|r| LegendItem {
            rating: *r,
            label: rating_label_in(*r, lang),
            colour: rating_colour(*r),
        })
        .collect()
}

impl Segment {
    pub fn colour(&self) -> &'static str {
        rating_colour(self.rating)
    }

    /// What a segment says on hover and to tools that read SVG titles.
    pub fn describe(&self) -> String {
        self.description.clone()
    }
}

/// Shortens text to `max` characters on a word boundary, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// The height of a row of the chart.
pub const ROW_HEIGHT: i64 = 84;

impl Chart {
    /// Lays out the outcomes: bars `bar_width` wide, split by rating in
    /// proportion to the count (a segment of anyone gets at least a pixel;
    /// the last segment takes the rounding so the bar is whole).
    pub fn of(outcomes: &[Outcome]) -> Self {
        Self::of_in(outcomes, Language::En)
    }

    /// [`Chart::of`], its words in `lang`.
    pub fn of_in(outcomes: &[Outcome], lang: Language) -> Self {
        let bar_width = 600;
        let rows = outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let y = i as i64 * ROW_HEIGHT;
                let mut segments = Vec::new();
                if o.results.count > 0 {
                    let mut x = 0;
                    let given: Vec<(i32, i64)> = RATINGS
                        .iter()
                        .map(|r| (*r, o.results.of(*r)))
                        .filter(|(_, n)| *n > 0)
                        .collect();
                    for (k, (rating, n)) in given.iter().enumerate() {
                        let width = if k + 1 == given.len() {
                            (bar_width - x).max(1)
                        } else {
                            ((*n as f64 / o.results.count as f64) * bar_width as f64)
                                .round()
                                .max(1.0) as i64
                        };
                        segments.push(Segment {
                            x,
                            width,
                            rating: *rating,
                            count: *n,
                            description: lang.t2(
                                "evaluation-segment",
                                "label",
                                rating_label_in(*rating, lang),
                                "n",
                                *n,
                            ),
                        });
                        x += width;
                    }
                }
                ChartRow {
                    y,
                    title: shorten(&o.title, 70),
                    outcome: shorten(&o.intended_outcome, 95),
                    summary: match o.results.average {
                        Some(_) => lang.t2(
                            "evaluation-chart-summary",
                            "average",
                            o.results.average_text_in(lang),
                            "n",
                            o.results.count,
                        ),
                        None => lang.t("evaluation-chart-no-ratings"),
                    },
                    segments,
                }
            })
            .collect::<Vec<_>>();
        Self {
            width: 760,
            height: rows.len() as i64 * ROW_HEIGHT + 8,
            bar_width,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_whole_numbers_from_one_to_five() {
        assert_eq!(rating_from_json(&serde_json::json!(3)), Ok(3));
        for bad in [
            serde_json::json!(0),
            serde_json::json!(6),
            serde_json::json!(2.5),
            serde_json::json!("3"),
            serde_json::json!("five"),
            serde_json::json!(true),
        ] {
            assert_eq!(rating_from_json(&bad).unwrap_err().code, "invalid", "{bad}");
        }
        assert_eq!(rating_from_json(&Value::Null).unwrap_err().code, "required");
        assert_eq!(rating_from_text(" 5 "), Ok(5));
        assert!(rating_from_text("five").is_err());
        assert!(rating_from_text("0").is_err());
        let Err(Error::Validation(errors)) =
            Rating::check(rating_from_text("9"), Some(&"x".repeat(2001)), false)
        else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rating", "comment"]);
        let ok = Rating::check(Ok(4), Some("  "), true).unwrap();
        assert_eq!(ok.comment, None);
    }

    #[test]
    fn results_count_average_and_spread() {
        let r = Results::from_counts([1, 0, 0, 1, 2]);
        assert_eq!(r.count, 4);
        assert_eq!(r.average, Some(3.75));
        assert_eq!(r.of(5), 2);
        assert_eq!(r.percent(5), 50);
        assert_eq!(r.average_text(), "3.75 out of 5");
        assert_eq!(
            Results::from_counts([0, 0, 3, 0, 0]).average_text(),
            "3 out of 5"
        );
        assert_eq!(Results::empty().average, None);
        assert_eq!(Results::from_counts([1, 1, 1, 0, 0]).average, Some(2.0));
        assert_eq!(Results::from_counts([0, 1, 2, 0, 0]).average, Some(2.67));
    }

    #[test]
    fn the_chart_splits_each_bar_by_rating() {
        let outcome = |counts: [i64; 5]| Outcome {
            proposal_id: "p".into(),
            title: "A bench".into(),
            intended_outcome: "Older residents can rest ".repeat(10),
            status: Status::Delivered,
            area_id: None,
            results: Results::from_counts(counts),
        };
        let chart = Chart::of(&[outcome([1, 0, 0, 1, 2]), outcome([0; 5])]);
        assert_eq!(chart.rows.len(), 2);
        assert_eq!(chart.height, 2 * ROW_HEIGHT + 8);
        let first = &chart.rows[0];
        let widths: Vec<i64> = first.segments.iter().map(|s| s.width).collect();
        assert_eq!(widths, [150, 150, 300]);
        assert_eq!(widths.iter().sum::<i64>(), chart.bar_width);
        assert_eq!(first.segments[2].x, 300);
        assert!(first.outcome.ends_with('…') && first.outcome.chars().count() <= 95);
        assert!(chart.rows[1].segments.is_empty());
        assert_eq!(chart.rows[1].summary, "No ratings yet");
        assert_eq!(chart.rows[1].y, ROW_HEIGHT);
        // A lone rating among many still shows.
        let mut counts = [0; 5];
        counts[0] = 1000;
        counts[4] = 1;
        let tiny = Chart::of(&[outcome(counts)]);
        assert!(tiny.rows[0].segments.iter().all(|s| s.width >= 1));
        assert_eq!(
            tiny.rows[0].segments.iter().map(|s| s.width).sum::<i64>(),
            600
        );
    }

    #[test]
    fn text_is_shortened_on_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("a\n b", 10), "a b");
    }
}
