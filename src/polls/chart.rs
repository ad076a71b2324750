//! Bar charts for results pages, drawn on the server as SVG (no I/O, no
//! JavaScript): this module works out the geometry, the template
//! `polls/chart.html` draws it. Each chart has a title and a description
//! for assistive technology, and the page puts the same numbers in a
//! table beside it. Series are told apart by pattern as well as colour
//! (organisation members' bars are hatched), and every bar carries its
//! number as text.

use crate::i18n::Language;

/// One series of bars: a constituency, or all ballots together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    All,
    Citizens,
    Organisations,
}

impl Series {
    pub fn name(self) -> &'static str {
        match self {
            Series::All => "All ballots",
            Series::Citizens => "Citizens",
            Series::Organisations => "Organisation members",
        }
    }

    /// [`Series::name`] in a person's language.
    pub fn name_in(self, lang: Language) -> String {
        match self {
            Series::All => lang.t("polls-group-all"),
            Series::Citizens => lang.t("polls-group-citizens"),
            Series::Organisations => lang.t("polls-group-members"),
        }
    }
}

/// One row of the chart: an option or an answer, with one value per
/// series.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub values: Vec<i64>,
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Unique on the page (ids inside the SVG are built from it).
    pub id: String,
    pub title: String,
    /// What the numbers are ("dots", "votes").
    pub unit: String,
    pub series: Vec<Series>,
    pub rows: Vec<Row>,
    /// The language of its words.
    pub lang: Language,
}

/// A drawn bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    /// A colour, or the hatch pattern.
    pub fill: String,
    pub text: String,
    pub text_x: i64,
    pub text_y: i64,
    /// `start` or `end` (text after a negative bar ends at its left).
    pub anchor: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub y: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub fill: String,
    pub x: i64,
}

/// The chart, laid out.
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// The whole chart in words.
    pub desc: String,
    pub width: i64,
    pub height: i64,
    pub labels: Vec<Label>,
    pub bars: Vec<Bar>,
    /// Where zero is (bars grow right from it, or left when negative).
    pub zero_x: i64,
    pub plot_top: i64,
    pub plot_bottom: i64,
    pub keys: Vec<Key>,
    pub key_y: i64,
    pub label_x: i64,
    /// Where to say there is nothing to show, when there are no rows.
    pub empty_y: Option<i64>,
    pub hatch_id: String,
    pub hatched: bool,
    pub hatch_colour: &'static str,
}

const WIDTH: i64 = 640;
const LABEL_W: i64 = 200;
const RIGHT: i64 = 70;
const BAR_H: i64 = 18;
const BAR_GAP: i64 = 4;
const ROW_GAP: i64 = 16;
const TOP: i64 = 12;
const KEY_H: i64 = 34;
/// Longest label drawn in full (the table beside has every word).
const LABEL_CHARS: usize = 28;

/// Blue with 5.2:1 contrast on white; the organisations' hatch in dark
/// purple, outlined, so the two differ without colour.
const CITIZENS: &str = "#1d70b8";
const ALL: &str = "#0b0c0c";
/// The hatch's colour (the template draws the pattern).
pub const HATCH: &str = "#5a2d82";

/// Roughly how wide a number is drawn (13px text, digits and sign about
/// 8px each): enough to keep it clear of the labels and the edge.
fn text_width(v: i64) -> i64 {
    8 * v.to_string().len() as i64
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Lays the chart out.
pub fn draw(spec: &Spec) -> Chart {
    let hatch_id = format!("{}-hatch", spec.id);
    let fill = |s: Series| match s {
        Series::All => ALL.to_owned(),
        Series::Citizens => CITIZENS.to_owned(),
        Series::Organisations => format!("url(#{hatch_id})"),
    };
    let values = spec.rows.iter().flat_map(|r| r.values.iter().copied());
    let (min, max) = values.fold((0i64, 0i64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (max as i128 - min as i128).max(1);
    // Room beside the bars for their numbers: on the right for the
    // longest positive one, and, when there are negative bars, on the left
    // for the longest negative one, so no number runs into the labels or
    // off the chart.
    let right = RIGHT.max(text_width(max) + 12);
    let left = if min < 0 { text_width(min) + 12 } else { 0 };
    let plot_left = LABEL_W + left;
    let plot_w = WIDTH - plot_left - right;
    // With negative values the left part of the plot is for them.
    let zero_x = plot_left + (plot_w as i128 * -(min as i128) / span) as i64;
    let scale = |v: i64| (plot_w as i128 * v.unsigned_abs() as i128 / span) as i64;
    let n = spec.series.len().max(1) as i64;
    let row_h = n * BAR_H + (n - 1) * BAR_GAP;
    let mut labels = Vec::new();
    let mut bars = Vec::new();
    let mut y = TOP;
    for row in &spec.rows {
        labels.push(Label {
            text: shorten(&row.label),
            y: y + row_h / 2 + 5,
        });
        for (i, series) in spec.series.iter().enumerate() {
            let v = row.values.get(i).copied().unwrap_or(0);
            let w = scale(v).max(if v == 0 { 0 } else { 1 });
            let by = y + i as i64 * (BAR_H + BAR_GAP);
            let (x, text_x, anchor) = if v < 0 {
                (zero_x - w, zero_x - w - 4, "end")
            } else {
                (zero_x, zero_x + w + 4, "start")
            };
            bars.push(Bar {
                x,
                y: by,
                width: w,
                height: BAR_H,
                fill: fill(*series),
                text: v.to_string(),
                text_x,
                text_y: by + BAR_H - 4,
                anchor,
            });
        }
        y += row_h + ROW_GAP;
    }
    // Without rows the plot is one empty row high, with a line saying so.
    let empty = spec.rows.is_empty();
    let plot_bottom = if empty {
        TOP + BAR_H + 4
    } else {
        y - ROW_GAP + 4
    };
    let mut keys = Vec::new();
    if spec.series.len() > 1 {
        let mut x = LABEL_W;
        for s in &spec.series {
            keys.push(Key {
                name: s.name_in(spec.lang),
                fill: fill(*s),
                x,
            });
            x += 200;
        }
    }
    let key_y = plot_bottom + 12;
    let height = if keys.is_empty() {
        plot_bottom + 8
    } else {
        key_y + KEY_H - 8
    };
    Chart {
        id: spec.id.clone(),
        title: spec.title.clone(),
        desc: describe(spec),
        width: WIDTH,
        height,
        labels,
        bars,
        zero_x,
        plot_top: TOP - 4,
        plot_bottom,
        keys,
        key_y,
        label_x: LABEL_W - 8,
        empty_y: empty.then_some(TOP + BAR_H - 4),
        hatched: spec.series.contains(&Series::Organisations),
        hatch_colour: HATCH,
        hatch_id,
    }
}

/// The chart in words: each series, each row's number.
fn describe(spec: &Spec) -> String {
    let lang = spec.lang;
    if spec.rows.is_empty() {
        return lang.t("polls-chart-nothing");
    }
    spec.series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let parts: Vec<String> = spec
                .rows
                .iter()
                .map(|r| {
                    lang.t_args(
                        "polls-chart-item",
                        &[
                            ("label", &r.label),
                            ("value", &r.values.get(i).copied().unwrap_or(0).to_string()),
                            ("unit", &spec.unit),
                        ],
                    )
                })
                .collect();
            lang.t2(
                "polls-chart-series",
                "series",
                s.name_in(lang),
                "items",
                parts.join("; "),
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(series: Vec<Series>, rows: Vec<(&str, Vec<i64>)>) -> Spec {
        Spec {
            id: "c".into(),
            title: "Votes".into(),
            unit: "votes".into(),
            series,
            rows: rows
                .into_iter()
                .map(|(l, v)| Row {
                    label: l.into(),
                    values: v,
                })
                .collect(),
            lang: Language::En,
        }
    }

    #[test]
    fn bars_are_proportional_and_labelled() {
        let c = draw(&spec(
            vec![Series::Citizens, Series::Organisations],
            vec![("Mornings", vec![10, 5]), ("Evenings", vec![0, 2])],
        ));
        assert_eq!(c.bars.len(), 4);
        let full = c.bars[0].width;
        assert_eq!(full, WIDTH - LABEL_W - RIGHT);
        assert_eq!(c.bars[1].width, full / 2);
        assert_eq!(c.bars[2].width, 0);
        assert!(c.bars[1].fill.starts_with("url(#c-hatch"));
        assert_eq!(c.keys.len(), 2);
        assert!(c.hatched);
        assert_eq!(
            c.desc,
            "Citizens: Mornings 10 votes; Evenings 0 votes. Organisation members: Mornings 5 votes; Evenings 2 votes."
        );
        // Bars do not overlap.
        for pair in c.bars.windows(2) {
            assert!(pair[0].y + pair[0].height <= pair[1].y);
        }
        assert!(c.height > c.bars.last().unwrap().y + BAR_H);
    }

    #[test]
    fn negative_values_grow_left_of_zero() {
        let c = draw(&spec(
            vec![Series::All],
            vec![("A", vec![-3]), ("B", vec![9])],
        ));
        assert!(c.zero_x > LABEL_W);
        assert_eq!(c.bars[0].x + c.bars[0].width, c.zero_x);
        assert_eq!(c.bars[0].anchor, "end");
        assert_eq!(c.bars[1].x, c.zero_x);
        assert!(c.keys.is_empty());
        assert!(!c.hatched);
    }

    /// Every bar and number lies inside the chart, right of the labels.
    fn assert_within(c: &Chart) {
        for b in &c.bars {
            assert!(b.width >= 0 && b.height > 0, "{b:?}");
            assert!(b.x >= LABEL_W && b.x + b.width <= c.width, "{b:?}");
            let text_w = 8 * b.text.len() as i64;
            let (start, end) = match b.anchor {
                "end" => (b.text_x - text_w, b.text_x),
                _ => (b.text_x, b.text_x + text_w),
            };
            assert!(
                start > c.label_x,
                "the number {} runs into the labels",
                b.text
            );
            assert!(end <= c.width, "the number {} runs off the chart", b.text);
            assert!(
                b.y >= c.plot_top && b.y + b.height <= c.plot_bottom,
                "{b:?}"
            );
        }
        assert!(c.plot_top < c.plot_bottom);
        assert!(c.height >= c.plot_bottom);
        assert!(c.zero_x >= LABEL_W && c.zero_x <= c.width);
    }

    #[test]
    fn a_negative_bar_keeps_its_number_clear_of_the_labels() {
        // Quadratic totals: the most negative bar reaches the plot's left
        // edge, and its number is drawn left of it.
        let c = draw(&spec(
            vec![Series::Citizens, Series::Organisations],
            vec![("Roof", vec![-120, 4]), ("Lift", vec![7, -1])],
        ));
        assert_within(&c);
        let roof = &c.bars[0];
        assert_eq!((roof.text.as_str(), roof.anchor), ("-120", "end"));
        assert_eq!(roof.x + roof.width, c.zero_x);
        assert!(roof.width > c.bars[2].width, "-120 is drawn longer than 7");
        // Only negatives: zero is at the right of the plot.
        let c = draw(&spec(
            vec![Series::All],
            vec![("A", vec![-5]), ("B", vec![-10])],
        ));
        assert_within(&c);
        assert_eq!(c.bars[1].x + c.bars[1].width, c.zero_x);
        assert_eq!(c.bars[1].width, 2 * c.bars[0].width);
        // Huge numbers still fit.
        let c = draw(&spec(
            vec![Series::All],
            vec![("A", vec![i64::MIN + 1]), ("B", vec![i64::MAX])],
        ));
        assert_within(&c);
    }

    #[test]
    fn a_poll_without_ballots_draws_empty_bars() {
        let c = draw(&spec(
            vec![Series::Citizens, Series::Organisations],
            vec![
                ("Yes", vec![0, 0]),
                ("No", vec![0, 0]),
                ("Abstain", vec![0, 0]),
            ],
        ));
        assert_within(&c);
        assert!(c
            .bars
            .iter()
            .all(|b| b.width == 0 && b.text == "0" && b.x == c.zero_x));
        assert_eq!(c.zero_x, LABEL_W);
        assert_eq!(c.empty_y, None);
        assert_eq!(
            c.desc,
            "Citizens: Yes 0 votes; No 0 votes; Abstain 0 votes. Organisation members: Yes 0 votes; No 0 votes; Abstain 0 votes."
        );
        // No rows at all: a plot one row high that says so, no bars.
        let c = draw(&spec(vec![Series::All], vec![]));
        assert_within(&c);
        assert!(c.bars.is_empty() && c.labels.is_empty());
        assert_eq!(c.desc, "Nothing to show yet.");
        let y = c.empty_y.expect("a line saying there is nothing");
        assert!(y > c.plot_top && y < c.plot_bottom);
    }

    #[test]
    fn long_labels_are_shortened() {
        let c = draw(&spec(
            vec![Series::All],
            vec![("A very long option name that goes on and on", vec![1])],
        ));
        assert_eq!(c.labels[0].text.chars().count(), LABEL_CHARS);
        assert!(c.labels[0].text.ends_with('…'));
        assert!(c.desc.contains("goes on and on"));
    }
}
