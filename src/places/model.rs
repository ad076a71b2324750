//! Areas as the rest of the code and the API see them, and the checks on
//! what people send.

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::db::ids::AreaId;
use crate::error::{FieldError, Problems, Words};

/// Longest area name, in characters.
pub const NAME_MAX: usize = 120;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 2000;

/// What sort of area it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    City,
    Ward,
    Neighbourhood,
    Other,
}

impl AreaKind {
    pub const ALL: [AreaKind; 4] = [Self::City, Self::Ward, Self::Neighbourhood, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::Ward => "ward",
            Self::Neighbourhood => "neighbourhood",
            Self::Other => "other",
        }
    }

    /// How a page names the kind.
    pub fn label(self) -> &'static str {
        match self {
            Self::City => "City",
            Self::Ward => "Ward",
            Self::Neighbourhood => "Neighbourhood",
            Self::Other => "Area",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new("kind", "invalid", Words::of("places-error-kind-invalid"))
            })
    }
}

/// An area of the place.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Area {
    #[schema(value_type = String)]
    pub id: AreaId,
    /// The area this one is part of; none for a top-level area.
    #[schema(value_type = Option<String>)]
    pub parent_id: Option<AreaId>,
    pub name: String,
    pub kind: AreaKind,
    pub description: Option<String>,
    /// Degrees north, when the area has a point.
    pub latitude: Option<f64>,
    /// Degrees east, when the area has a point.
    pub longitude: Option<f64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A new area. Without a kind it is `other`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewArea {
    pub name: String,
    pub parent_id: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// Changes to an area; absent fields stay as they are. An empty
/// description clears it, and `null` for both coordinates removes the
/// point. An area keeps its parent: it is chosen when the area is made.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AreaChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<f64>)]
    pub latitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<f64>)]
    pub longitude: Option<Option<f64>>,
}

/// Tells "sent as null" (`Some(None)`) from "not sent" (`None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(d).map(Some)
}

/// A checked name: trimmed, not empty, not too long.
pub fn check_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new(
            "name",
            "required",
            Words::of("places-error-name-required"),
        ));
    }
    if name.chars().count() > NAME_MAX {
        return Err(FieldError::new(
            "name",
            "too_long",
            Words::of1("places-error-too-long", "max", NAME_MAX),
        ));
    }
    Ok(name.to_owned())
}

/// A checked description: trimmed; empty means none.
pub fn check_description(raw: &str) -> Result<Option<String>, FieldError> {
    let text = raw.trim();
    if text.chars().count() > DESCRIPTION_MAX {
        return Err(FieldError::new(
            "description",
            "too_long",
            Words::of1("places-error-too-long", "max", DESCRIPTION_MAX),
        ));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// A point in whole micro-degrees, as stored: both coordinates or neither,
/// each within range.
pub fn check_point(
    problems: &mut Problems,
    latitude: Option<f64>,
    longitude: Option<f64>,
) -> Option<Option<(i64, i64)>> {
    match (latitude, longitude) {
        (None, None) => Some(None),
        (Some(lat), Some(lon)) => {
            let lat = problems.check("latitude", micro(lat, 90.0));
            let lon = problems.check("longitude", micro(lon, 180.0));
            Some(Some((lat?, lon?)))
        }
        (None, Some(_)) => {
            problems.add("latitude", "required", Words::of("places-error-point-half"));
            None
        }
        (Some(_), None) => {
            problems.add(
                "longitude",
                "required",
                Words::of("places-error-point-half"),
            );
            None
        }
    }
}

fn micro(degrees: f64, limit: f64) -> Result<i64, FieldError> {
    if !degrees.is_finite() || degrees.abs() > limit {
        return Err(FieldError::new(
            "",
            "out_of_range",
            Words::of1("places-error-degrees-range", "limit", limit as i64),
        ));
    }
    // At most ±180 000 000: exact in both f64 and i64.
    Ok((degrees * 1_000_000.0).round() as i64)
}

/// Stored micro-degrees back to degrees.
pub fn degrees(micro: i64) -> f64 {
    micro as f64 / 1_000_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_need_both_coordinates_in_range() {
        let mut p = Problems::default();
        assert_eq!(
            check_point(&mut p, Some(52.406822), Some(-1.519693)),
            Some(Some((52_406_822, -1_519_693)))
        );
        assert_eq!(check_point(&mut p, None, None), Some(None));
        assert!(p.into_result().is_ok());
        for (lat, lon) in [
            (Some(91.0), Some(0.0)),
            (Some(0.0), Some(-181.0)),
            (Some(1.0), None),
        ] {
            let mut p = Problems::default();
            assert_eq!(check_point(&mut p, lat, lon), None);
            assert!(p.into_result().is_err());
        }
        assert_eq!(degrees(52_406_822), 52.406822);
    }

    #[test]
    fn names_and_kinds() {
        assert_eq!(check_name("  Hillfields ").unwrap(), "Hillfields");
        assert!(check_name("  ").is_err());
        assert!(check_name(&"x".repeat(NAME_MAX + 1)).is_err());
        assert_eq!(AreaKind::parse("Ward").unwrap(), AreaKind::Ward);
        assert!(AreaKind::parse("county").is_err());
        assert_eq!(check_description(" ").unwrap(), None);
    }
}
