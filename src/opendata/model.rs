//! The open licences a place may publish under, and one proposal as the
//! downloads carry it (no I/O).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{FieldError, Words};

/// An open licence, named by its SPDX id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Licence {
    /// The SPDX identifier, such as `CC-BY-4.0`.
    pub id: &'static str,
    pub name: &'static str,
    /// Where its text is.
    pub url: &'static str,
}

/// The JSON download as a whole. It is streamed a batch at a time, so
/// this type only describes it (in the OpenAPI document).
#[derive(ToSchema)]
pub struct OpenDataFile {
    /// Always `proposals`.
    pub dataset: String,
    /// The place's name.
    pub place: String,
    pub licence: Licence,
    /// Where the fields are explained: `/open-data`.
    pub documentation: String,
    /// When the file was made (RFC 3339, UTC).
    pub generated_at: String,
    /// The names of the items' fields, in order.
    pub fields: Vec<String>,
    pub items: Vec<OpenProposal>,
}

/// The licence of a place's open data until its admins choose.
pub const DEFAULT_LICENCE: &str = "CC-BY-4.0";

/// The licences a place may choose: the usual open licences for data.
pub const LICENCES: &[Licence] = &[
    Licence {
        id: "CC-BY-4.0",
        name: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        id: "CC-BY-SA-4.0",
        name: "Creative Commons Attribution-ShareAlike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    Licence {
        id: "CC0-1.0",
        name: "Creative Commons Zero 1.0 Universal (public domain dedication)",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    Licence {
        id: "OGL-UK-3.0",
        name: "Open Government Licence v3.0",
        url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
    Licence {
        id: "ODbL-1.0",
        name: "Open Data Commons Open Database License 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    Licence {
        id: "PDDL-1.0",
        name: "Open Data Commons Public Domain Dedication and License 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
    },
];

/// The licence with this SPDX id (case as SPDX writes it, or any case).
pub fn licence(id: &str) -> Option<&'static Licence> {
    LICENCES
        .iter()
        .find(|l| l.id.eq_ignore_ascii_case(id.trim()))
}

/// The stored licence, or the default for anything unknown.
pub fn licence_or_default(id: &str) -> &'static Licence {
    licence(id).unwrap_or(&LICENCES[0])
}

/// A licence an admin chose: one of [`LICENCES`], stored by its SPDX id.
pub fn parse_licence(raw: &str) -> Result<String, FieldError> {
    licence(raw).map(|l| l.id.to_owned()).ok_or_else(|| {
        FieldError::new(
            "open_data_licence",
            "invalid",
            Words::of1(
                "opendata-error-licence-invalid",
                "licences",
                LICENCES.iter().map(|l| l.id).collect::<Vec<_>>().join(", "),
            ),
        )
    })
}

/// One proposal in the open data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OpenProposal {
    pub id: String,
    pub title: String,
    /// What it sets out to change for residents.
    pub intended_outcome: String,
    /// `published`, `in_codesign`, `accepted`, `not_taken_forward`,
    /// `in_delivery`, `delivered` or `evaluated`.
    pub status: String,
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    pub tags: Vec<String>,
    pub supports: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    /// How many of the people invited rated whether its outcome happened.
    pub evaluation_count: i64,
    /// Their average, 1 to 5, to two decimals (none before anyone rated).
    pub evaluation_average: Option<f64>,
    /// Only when the author's profile shows their name to everyone.
    pub author_name: Option<String>,
}

/// The columns of the CSV, in order, with what each means (the open data
/// page documents them from here).
pub const FIELDS: &[(&str, &str)] = &[
    ("id", "The proposal's id (a UUID); its page is /proposals/{id}."),
    ("title", "Its title."),
    ("intended_outcome", "What it sets out to change for residents."),
    ("status", "Where it is: published, in_codesign, accepted, not_taken_forward, in_delivery, delivered or evaluated."),
    ("area_id", "The area of the place it is about (empty for the whole place)."),
    ("area_name", "That area's name."),
    ("tags", "Its tags (in the CSV separated by semicolons)."),
    ("supports", "How many residents support it."),
    ("created_at", "When it was written (UTC)."),
    ("updated_at", "When it last changed, including its status (UTC)."),
    ("published_at", "When it was published (UTC)."),
    ("evaluation_count", "How many of the people invited to evaluate it (after delivery) rated it."),
    ("evaluation_average", "Their average rating, 1 (it did not happen) to 5 (it fully happened); empty before anyone rated."),
    ("author_name", "The author's name, only where their profile shows it to everyone; otherwise empty."),
];

/// A text cell that a spreadsheet will not run as a formula.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

fn time(t: &NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl OpenProposal {
    /// The proposal as a CSV record, in the order of [`FIELDS`].
    pub fn record(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            safe_cell(&self.title),
            safe_cell(&self.intended_outcome),
            self.status.clone(),
            self.area_id.clone().unwrap_or_default(),
            safe_cell(self.area_name.as_deref().unwrap_or_default()),
            safe_cell(&self.tags.join(";")),
            self.supports.to_string(),
            time(&self.created_at),
            time(&self.updated_at),
            self.published_at.as_ref().map(time).unwrap_or_default(),
            self.evaluation_count.to_string(),
            self.evaluation_average
                .map(crate::evaluation::model::trim_number)
                .unwrap_or_default(),
            safe_cell(self.author_name.as_deref().unwrap_or_default()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_a_fixed_list() {
        assert_eq!(parse_licence("cc0-1.0").unwrap(), "CC0-1.0");
        assert_eq!(parse_licence(" OGL-UK-3.0 ").unwrap(), "OGL-UK-3.0");
        assert_eq!(parse_licence("MIT").unwrap_err().field, "open_data_licence");
        assert_eq!(licence_or_default("nonsense").id, DEFAULT_LICENCE);
        assert!(licence(DEFAULT_LICENCE).is_some());
    }

    #[test]
    fn records_follow_the_fields_and_defuse_formulas() {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc();
        let p = OpenProposal {
            id: "x".into(),
            title: "=HYPERLINK(\"evil\")".into(),
            intended_outcome: "Rest".into(),
            status: "delivered".into(),
            area_id: None,
            area_name: None,
            tags: vec!["a".into(), "b".into()],
            supports: 3,
            created_at: at,
            updated_at: at,
            published_at: None,
            evaluation_count: 2,
            evaluation_average: Some(3.5),
            author_name: None,
        };
        let r = p.record();
        assert_eq!(r.len(), FIELDS.len());
        assert_eq!(r[1], "'=HYPERLINK(\"evil\")");
        assert_eq!(r[6], "a;b");
        assert_eq!(r[8], "2023-11-14T22:13:20Z");
        assert_eq!(r[12], "3.5");
        assert_eq!(r[13], "");
    }
}
