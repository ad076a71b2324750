//! A place's settings that its admins change in the browser: its name and
//! default language (kept in `tenants`) and its brand colour. The header
//! shows white text on the brand colour, so a colour is refused unless
//! that pair meets WCAG 2.x AA for normal text (4.5:1).

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;

use crate::audit::{self, Event, Kind};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::place_settings;
use crate::db::DbConn;
use crate::error::{Error, Problems, Result};
use crate::tenancy::service as tenancy;

/// The least contrast of white text on the brand colour (WCAG AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// The settings as a form shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub language: String,
    /// `#rrggbb`, or none for the default colours.
    pub brand_colour: Option<String>,
}

/// The brand colour alone, for the per-place stylesheet.
pub fn brand_colour(conn: &mut DbConn, tenant: &TenantId) -> Result<Option<String>> {
    Ok(place_settings::table
        .find(tenant)
        .select(place_settings::brand_colour)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// The place's settings now.
pub fn load(conn: &mut DbConn, tenant: &crate::tenancy::Tenant) -> Result<Settings> {
    Ok(Settings {
        name: tenant.name.clone(),
        language: tenant.default_language.clone(),
        brand_colour: brand_colour(conn, &tenant.id)?,
    })
}

/// The place's settings as stored, bypassing the tenant cache (for
/// answering right after a change).
pub fn current(conn: &mut DbConn, tenant: &TenantId) -> Result<Settings> {
    use crate::db::schema::tenants;
    let (name, language): (String, String) = tenants::table
        .find(tenant)
        .select((tenants::name, tenants::default_language))
        .first(conn)?;
    Ok(Settings {
        name,
        language,
        brand_colour: brand_colour(conn, tenant)?,
    })
}

/// Saves the settings, all or nothing, and records which ones changed
/// (their names, never their values). Returns the names changed; callers
/// clear the tenant cache when the name or language changed.
pub fn save(
    conn: &mut DbConn,
    tenant: &crate::tenancy::Tenant,
    by: &UserId,
    wanted: &Settings,
) -> Result<Vec<&'static str>> {
    let mut problems = Problems::default();
    let name = match tenancy::parse_name(&wanted.name) {
        Ok(n) => Some(n),
        Err(e) => {
            collect(&mut problems, e);
            None
        }
    };
    let language = match tenancy::parse_language(&wanted.language) {
        Ok(l) => Some(l),
        Err(e) => {
            collect(&mut problems, e);
            None
        }
    };
    let colour = match wanted.brand_colour.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(raw) => problems.check("brand_colour", parse_brand_colour(raw).map(Some)),
    };
    problems.into_result()?;
    let (Some(name), Some(language), Some(colour)) = (name, language, colour) else {
        return Err(Error::Internal("checked settings lost a field".into()));
    };
    crate::db::write_transaction(conn, |conn| {
        let before = load(conn, tenant)?;
        let mut changed = Vec::new();
        if name != before.name {
            tenancy::rename(conn, &tenant.id, &name)?;
            changed.push("name");
        }
        if language != before.language {
            tenancy::set_language(conn, &tenant.id, &language)?;
            changed.push("language");
        }
        if colour != before.brand_colour {
            let now = Utc::now().naive_utc();
            let updated = diesel::update(place_settings::table.find(&tenant.id))
                .set((
                    place_settings::brand_colour.eq(&colour),
                    place_settings::updated_at.eq(now),
                ))
                .execute(conn)?;
            if updated == 0 {
                diesel::insert_into(place_settings::table)
                    .values((
                        place_settings::tenant_id.eq(&tenant.id),
                        place_settings::brand_colour.eq(&colour),
                        place_settings::updated_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            changed.push("brand_colour");
        }
        if !changed.is_empty() {
            audit::service::record(
                conn,
                &tenant.id,
                Event::new(Kind::SettingsChanged)
                    .by(by)
                    .detail(json!({ "changed": changed })),
            )?;
        }
        Ok(changed)
    })
}

fn collect(problems: &mut Problems, e: Error) {
    if let Error::Validation(fields) = e {
        for f in fields {
            problems.add(&f.field, &f.code, f.message);
        }
    }
}

/// A brand colour as `#rrggbb` (lowercase) that white text is readable on.
pub fn parse_brand_colour(raw: &str) -> Result<String, crate::error::FieldError> {
    use crate::error::FieldError;
    let rgb = parse_hex(raw).ok_or_else(|| {
        FieldError::new(
            "brand_colour",
            "invalid",
            "give a colour as # and six hexadecimal digits, such as #1d5c4d",
        )
    })?;
    let ratio = contrast_with_white(rgb);
    if ratio < MIN_CONTRAST {
        return Err(FieldError::new(
            "brand_colour",
            "low_contrast",
            format!(
                "white text on this colour has a contrast of {:.2}:1; choose a darker colour (at least {MIN_CONTRAST}:1)",
                floor2(ratio)
            ),
        ));
    }
    Ok(raw.trim().to_ascii_lowercase())
}

/// Rounds down to two decimals, so a failing ratio never reads as passing.
fn floor2(x: f64) -> f64 {
    (x * 100.0).floor() / 100.0
}

fn parse_hex(raw: &str) -> Option<[u8; 3]> {
    let hex = raw.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.x relative luminance of an sRGB colour.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of white (#ffffff) against the colour.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    (1.0 + 0.05) / (luminance(rgb) + 0.05)
}

/// The stylesheet that gives the layout the place's colours: the brand
/// colour and a darker shade (70% of each channel) for hovers and borders.
pub fn theme_css(colour: Option<&str>) -> String {
    match colour.and_then(parse_hex) {
        Some(rgb) => {
            let dark = rgb.map(|c| (f64::from(c) * 0.7).round() as u8);
            format!(
                ":root {{ --brand: #{:02x}{:02x}{:02x}; --brand-dark: #{:02x}{:02x}{:02x}; }}\n",
                rgb[0], rgb[1], rgb[2], dark[0], dark[1], dark[2]
            )
        }
        None => "/* This place uses the default colours. */\n".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_pairs() {
        let ratio = |hex: &str| contrast_with_white(parse_hex(hex).unwrap());
        assert!((ratio("#767676") - 4.54).abs() < 0.01);
        assert!((ratio("#000000") - 21.0).abs() < 1e-9);
        assert!((ratio("#ffffff") - 1.0).abs() < 1e-9);
        assert!(parse_brand_colour("#1d5c4d").is_ok());
        assert!(parse_brand_colour("#767676").is_ok());
        assert_eq!(
            parse_brand_colour("#ffcc00").unwrap_err().code,
            "low_contrast"
        );
        assert_eq!(
            parse_brand_colour("#777777").unwrap_err().code,
            "low_contrast"
        );
        for bad in ["1d5c4d", "#1d5c4", "#1d5c4dd", "#gggggg", "red", ""] {
            assert_eq!(
                parse_brand_colour(bad).unwrap_err().code,
                "invalid",
                "{bad}"
            );
        }
        assert_eq!(parse_brand_colour(" #1D5C4D ").unwrap(), "#1d5c4d");
    }

    #[test]
    fn the_theme_names_the_colours() {
        assert_eq!(
            theme_css(Some("#1d5c4d")),
            ":root { --brand: #1d5c4d; --brand-dark: #144036; }\n"
        );
        assert!(!theme_css(None).contains("--brand"));
    }
}
