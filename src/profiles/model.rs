//! The profile and its visibility rules, with no I/O so the rules can be
//! tested exhaustively.

use std::collections::BTreeMap;

use crate::error::{FieldError, Problems, Words};

/// Who may see a field.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[schema(as = ProfileVisibility)]
pub enum Visibility {
    /// Anyone, signed in or not.
    Public,
    /// People with an account in this place.
    Members,
    /// Only the person.
    Private,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Members, Visibility::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Private => "private",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Public => "Everyone",
            Visibility::Members => "Members of this place",
            Visibility::Private => "Only me",
        }
    }

    /// [`Visibility::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Visibility::Public => lang.t("profiles-visibility-public"),
            Visibility::Members => lang.t("profiles-visibility-members"),
            Visibility::Private => lang.t("profiles-visibility-private"),
        }
    }
}

/// The fields of a profile that have a visibility.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    DisplayName,
    Pronouns,
    Bio,
    HomeArea,
    Skills,
    Interests,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::DisplayName,
        Field::Pronouns,
        Field::Bio,
        Field::HomeArea,
        Field::Skills,
        Field::Interests,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::DisplayName => "display_name",
            Field::Pronouns => "pronouns",
            Field::Bio => "bio",
            Field::HomeArea => "home_area",
            Field::Skills => "skills",
            Field::Interests => "interests",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::DisplayName => "Name",
            Field::Pronouns => "Pronouns",
            Field::Bio => "About you",
            Field::HomeArea => "Where you live",
            Field::Skills => "Skills and strengths",
            Field::Interests => "What you care about",
        }
    }

    /// [`Field::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Field::DisplayName => lang.t("profiles-field-name"),
            Field::Pronouns => lang.t("profiles-field-pronouns"),
            Field::Bio => lang.t("profiles-field-bio"),
            Field::HomeArea => lang.t("profiles-field-home-area"),
            Field::Skills => lang.t("profiles-field-skills"),
            Field::Interests => lang.t("profiles-field-interests"),
        }
    }

    /// Where a field starts before the person chooses: the name is public,
    /// so contributions carry it; everything else is for members only.
    pub fn default_visibility(self) -> Visibility {
        match self {
            Field::DisplayName => Visibility::Public,
            _ => Visibility::Members,
        }
    }
}

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Not signed in, or signed in somewhere else.
    Anonymous,
    /// Signed in to this place.
    Member,
    /// The person themselves.
    Owner,
}

impl Viewer {
    fn may_see(self, visibility: Visibility) -> bool {
        matches!(
            (self, visibility),
            (Viewer::Owner, _)
                | (Viewer::Member, Visibility::Public | Visibility::Members)
                | (Viewer::Anonymous, Visibility::Public)
        )
    }
}

/// A whole profile, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub display_name: String,
    pub pronouns: Option<String>,
    pub bio: Option<String>,
    pub home_area: Option<String>,
    pub skills: Vec<String>,
    pub interests: Vec<String>,
    pub visibility: BTreeMap<Field, Visibility>,
}

/// A profile as one viewer may see it: fields they may not see are absent.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub struct ProfileView {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interests: Option<Vec<String>>,
}

impl Profile {
    pub fn visibility_of(&self, field: Field) -> Visibility {
        self.visibility
            .get(&field)
            .copied()
            .unwrap_or_else(|| field.default_visibility())
    }

    /// The one place that decides what a viewer sees.
    pub fn seen_by(&self, id: &str, viewer: Viewer) -> ProfileView {
        let shows = |field: Field| viewer.may_see(self.visibility_of(field));
        let nonempty = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
        ProfileView {
            id: id.to_owned(),
            display_name: shows(Field::DisplayName).then(|| self.display_name.clone()),
            pronouns: self.pronouns.clone().filter(|_| shows(Field::Pronouns)),
            bio: self.bio.clone().filter(|_| shows(Field::Bio)),
            home_area: self.home_area.clone().filter(|_| shows(Field::HomeArea)),
            skills: nonempty(&self.skills).filter(|_| shows(Field::Skills)),
            interests: nonempty(&self.interests).filter(|_| shows(Field::Interests)),
        }
    }
}

/// Changes a person asks for; absent fields stay as they are.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileChanges {
    pub display_name: Option<String>,
    /// An empty string removes it.
    pub pronouns: Option<String>,
    pub bio: Option<String>,
    /// Where you live (a neighbourhood, in your own words). `area_id` is
    /// accepted for the same purpose once places have areas.
    pub home_area: Option<String>,
    pub area_id: Option<String>,
    pub skills: Option<Vec<String>>,
    pub interests: Option<Vec<String>>,
    /// Field name → `public`, `members` or `private`.
    #[schema(value_type = Option<BTreeMap<String, Visibility>>)]
    pub visibility: Option<BTreeMap<String, String>>,
}

fn optional_text(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    let text = raw.trim();
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(FieldError::new(
            field,
            "invalid",
            Words::of("profiles-error-control-characters"),
        ));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            Words::of1("profiles-error-too-long", "max", max),
        ));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

fn list(field: &str, items: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let Some(text) = optional_text(field, item, 60)? else {
            continue;
        };
        if text.contains('\n') {
            return Err(FieldError::new(
                field,
                "invalid",
                Words::of("profiles-error-one-line"),
            ));
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&text)) {
            out.push(text);
        }
    }
    if out.len() > 20 {
        return Err(FieldError::new(
            field,
            "too_many",
            Words::of1("profiles-error-too-many", "max", 20_i64),
        ));
    }
    Ok(out)
}

impl ProfileChanges {
    /// Applies the changes to a profile, checking every field at once.
    pub fn apply_to(&self, profile: &mut Profile) -> Result<(), crate::error::Error> {
        let mut problems = Problems::default();
        if let Some(name) = &self.display_name {
            if let Some(name) = problems.check(
                "display_name",
                crate::accounts::service::parse_display_name(name),
            ) {
                profile.display_name = name;
            }
        }
        if let Some(v) = &self.pronouns {
            if let Some(v) = problems.check("pronouns", optional_text("pronouns", v, 40)) {
                profile.pronouns = v;
            }
        }
        if let Some(v) = &self.bio {
            if let Some(v) = problems.check("bio", optional_text("bio", v, 2000)) {
                profile.bio = v;
            }
        }
        if let Some(v) = self.home_area.as_ref().or(self.area_id.as_ref()) {
            if let Some(v) = problems.check("home_area", optional_text("home_area", v, 80)) {
                profile.home_area = v;
            }
        }
        if let Some(v) = &self.skills {
            if let Some(v) = problems.check("skills", list("skills", v)) {
                profile.skills = v;
            }
        }
        if let Some(v) = &self.interests {
            if let Some(v) = problems.check("interests", list("interests", v)) {
                profile.interests = v;
            }
        }
        if let Some(map) = &self.visibility {
            for (name, level) in map {
                match (Field::parse(name), Visibility::parse(level)) {
                    (Some(field), Some(level)) => {
                        profile.visibility.insert(field, level);
                    }
                    (None, _) => problems.add(
                        &format!("visibility.{name}"),
                        "unknown_field",
                        Words::of("profiles-error-unknown-field"),
                    ),
                    (_, None) => problems.add(
                        &format!("visibility.{name}"),
                        "invalid",
                        Words::of("profiles-error-visibility-invalid"),
                    ),
                }
            }
        }
        problems.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Profile {
        Profile {
            display_name: "Ann".into(),
            pronouns: Some("she/her".into()),
            bio: Some("I run the Tuesday lunch club.".into()),
            home_area: Some("Hillfields".into()),
            skills: vec!["cooking".into()],
            interests: vec!["housing".into()],
            visibility: BTreeMap::new(),
        }
    }

    fn shown(view: &ProfileView, field: Field) -> bool {
        match field {
            Field::DisplayName => view.display_name.is_some(),
            Field::Pronouns => view.pronouns.is_some(),
            Field::Bio => view.bio.is_some(),
            Field::HomeArea => view.home_area.is_some(),
            Field::Skills => view.skills.is_some(),
            Field::Interests => view.interests.is_some(),
        }
    }

    /// Every field × every setting × every viewer.
    #[test]
    fn the_visibility_matrix() {
        for field in Field::ALL {
            for level in Visibility::ALL {
                let mut profile = full();
                profile.visibility.insert(field, level);
                for viewer in [Viewer::Anonymous, Viewer::Member, Viewer::Owner] {
                    let expected = match (viewer, level) {
                        (Viewer::Owner, _) => true,
                        (Viewer::Member, Visibility::Private) => false,
                        (Viewer::Member, _) => true,
                        (Viewer::Anonymous, Visibility::Public) => true,
                        (Viewer::Anonymous, _) => false,
                    };
                    let view = profile.seen_by("id", viewer);
                    assert_eq!(
                        shown(&view, field),
                        expected,
                        "{field:?} {level:?} {viewer:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn defaults_show_the_name_to_everyone_and_the_rest_to_members() {
        let p = full();
        let anonymous = p.seen_by("id", Viewer::Anonymous);
        assert_eq!(anonymous.display_name.as_deref(), Some("Ann"));
        assert!(anonymous.bio.is_none() && anonymous.skills.is_none());
        let member = p.seen_by("id", Viewer::Member);
        assert!(member.bio.is_some() && member.skills.is_some());
    }

    #[test]
    fn changes_are_checked_all_at_once() {
        let mut p = full();
        let changes = ProfileChanges {
            pronouns: Some("x".repeat(41)),
            skills: Some(
                vec!["ok".into(); 1]
                    .into_iter()
                    .chain((0..25).map(|i| format!("skill {i}")))
                    .collect(),
            ),
            visibility: Some(
                [
                    ("bio".to_owned(), "friends".to_owned()),
                    ("shoe_size".to_owned(), "public".to_owned()),
                ]
                .into(),
            ),
            ..Default::default()
        };
        let crate::error::Error::Validation(errors) = changes.apply_to(&mut p).unwrap_err() else {
            panic!("expected field errors")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "pronouns",
                "skills",
                "visibility.bio",
                "visibility.shoe_size"
            ]
        );
    }

    #[test]
    fn lists_are_trimmed_and_deduplicated_and_blanks_clear() {
        let mut p = full();
        ProfileChanges {
            skills: Some(vec![
                " Cooking ".into(),
                "cooking".into(),
                "".into(),
                "DIY".into(),
            ]),
            bio: Some("   ".into()),
            ..Default::default()
        }
        .apply_to(&mut p)
        .unwrap();
        assert_eq!(p.skills, ["Cooking", "DIY"]);
        assert_eq!(p.bio, None);
    }
}
