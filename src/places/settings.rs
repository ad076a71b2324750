//! A place's settings that its admins change in the browser: its name and
//! default language (kept in `tenants`), its brand colour, the address
//! people can contact it at, who its email comes from, its residency rule
//! and the support threshold of proposals. The header shows white text on
//! the brand colour, so a colour is refused unless that pair meets WCAG
//! 2.x AA for normal text (4.5:1).

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;

use crate::audit::{self, Event, Kind};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::place_settings;
use crate::db::DbConn;
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::mail::Email;
use crate::residency::model::Rule;
use crate::tenancy::service as tenancy;

/// The least contrast of white text on the brand colour (WCAG AA).
pub const MIN_CONTRAST: f64 = 4.5;
/// How many supports a proposal needs, unless the admins choose.
pub const DEFAULT_SUPPORT_THRESHOLD: i64 = 50;
/// The largest support threshold an admin can set.
pub const MAX_SUPPORT_THRESHOLD: i64 = 1_000_000;
/// The longest sender name.
pub const SENDER_NAME_MAX: usize = 80;

/// The settings as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub language: String,
    /// `#rrggbb`, or none for the default colours.
    pub brand_colour: Option<String>,
    /// Where people can write to the place's team.
    pub contact_email: Option<String>,
    /// Shown in the From of the place's email instead of its name.
    pub mail_sender_name: Option<String>,
    /// The From address of the place's email instead of the installation's.
    pub mail_sender_address: Option<String>,
    pub residency: Rule,
    /// Supports a proposal needs (positive).
    pub support_threshold: i64,
    /// The SPDX id of the licence of the place's open data.
    pub open_data_licence: String,
}

/// Settings as an admin sends them, checked by [`save`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    pub name: String,
    pub language: String,
    /// Empty or none: the default colours.
    pub brand_colour: Option<String>,
    /// Empty or none: no contact address.
    pub contact_email: Option<String>,
    pub mail_sender_name: Option<String>,
    pub mail_sender_address: Option<String>,
    /// `verified_email` (or nothing), or any of `postcode`, `vouching`,
    /// `manual`.
    pub residency_routes: Vec<String>,
    /// As typed.
    pub support_threshold: String,
    /// An SPDX id of `crate::opendata::model::LICENCES`.
    pub open_data_licence: String,
}

impl From<Settings> for Wanted {
    fn from(s: Settings) -> Self {
        Self {
            name: s.name,
            language: s.language,
            brand_colour: s.brand_colour,
            contact_email: s.contact_email,
            mail_sender_name: s.mail_sender_name,
            mail_sender_address: s.mail_sender_address,
            residency_routes: s.residency.names().into_iter().map(str::to_owned).collect(),
            support_threshold: s.support_threshold.to_string(),
            open_data_licence: s.open_data_licence,
        }
    }
}

/// The row of `place_settings`; a place without one has the defaults.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = place_settings)]
struct Row {
    brand_colour: Option<String>,
    contact_email: Option<String>,
    mail_sender_name: Option<String>,
    mail_sender_address: Option<String>,
    residency_routes: String,
    support_threshold: i64,
    open_data_licence: String,
}

impl Default for Row {
    fn default() -> Self {
        Self {
            brand_colour: None,
            contact_email: None,
            mail_sender_name: None,
            mail_sender_address: None,
            residency_routes: Rule::default().to_stored(),
            support_threshold: DEFAULT_SUPPORT_THRESHOLD,
            open_data_licence: crate::opendata::model::DEFAULT_LICENCE.to_owned(),
        }
    }
}

fn row(conn: &mut DbConn, tenant: &TenantId) -> Result<Row> {
    Ok(crate::db::direct!(conn, |c| place_settings::table
        .find(tenant)
        .select(Row::as_select())
        .first(c)
        .optional())?
    .unwrap_or_default())
}

fn settings(name: String, language: String, row: Row) -> Settings {
    Settings {
        name,
        language,
        brand_colour: row.brand_colour,
        contact_email: row.contact_email,
        mail_sender_name: row.mail_sender_name,
        mail_sender_address: row.mail_sender_address,
        residency: Rule::from_stored(&row.residency_routes),
        support_threshold: row.support_threshold,
        open_data_licence: row.open_data_licence,
    }
}

/// The brand colour alone, for the per-place stylesheet.
pub fn brand_colour(conn: &mut DbConn, tenant: &TenantId) -> Result<Option<String>> {
    Ok(row(conn, tenant)?.brand_colour)
}

/// The address people can contact the place's team at, if it has one.
pub fn contact_email(conn: &mut DbConn, tenant: &TenantId) -> Result<Option<String>> {
    Ok(row(conn, tenant)?.contact_email)
}

/// The sender name and address the place's email should carry, where its
/// admins chose them; the mail worker falls back to the place's name and
/// the installation's address.
pub fn mail_sender(
    conn: &mut DbConn,
    tenant: &TenantId,
) -> Result<(Option<String>, Option<String>)> {
    let r = row(conn, tenant)?;
    Ok((r.mail_sender_name, r.mail_sender_address))
}

/// How a person becomes a verified resident of the place.
pub fn residency_rule(conn: &mut DbConn, tenant: &TenantId) -> Result<Rule> {
    Ok(Rule::from_stored(&row(conn, tenant)?.residency_routes))
}

/// How many supports a proposal needs in this place.
pub fn support_threshold(conn: &mut DbConn, tenant: &TenantId) -> Result<i64> {
    let found = crate::db::direct!(conn, |c| diesel::select(support_threshold_subquery(tenant))
        .get_result(c))?;
    Ok(threshold_or_default(found))
}

/// [`support_threshold`] as a subquery, for a caller that asks it within
/// a query of its own (a round trip fewer); `None` where the place never
/// saved settings, which [`threshold_or_default`] reads.
#[diesel::dsl::auto_type]
pub fn support_threshold_subquery<'a>(tenant: &'a TenantId) -> _ {
    place_settings::table
        .find(tenant)
        .select(place_settings::support_threshold)
        .single_value()
}

/// What [`support_threshold_subquery`] found, as the threshold.
pub fn threshold_or_default(found: Option<i64>) -> i64 {
    found.unwrap_or(DEFAULT_SUPPORT_THRESHOLD)
}

/// The place's settings now.
pub fn load(conn: &mut DbConn, tenant: &crate::tenancy::Tenant) -> Result<Settings> {
    Ok(settings(
        tenant.name.clone(),
        tenant.default_language.clone(),
        row(conn, &tenant.id)?,
    ))
}

/// The place's settings as stored, bypassing the tenant cache (for
/// answering right after a change).
pub fn current(conn: &mut DbConn, tenant: &TenantId) -> Result<Settings> {
    use crate::db::schema::tenants;
    let (name, language): (String, String) = tenants::table
        .find(tenant)
        .select((tenants::name, tenants::default_language))
        .first(conn)?;
    Ok(settings(name, language, row(conn, tenant)?))
}

/// Empty text is none.
fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn optional_email(field: &str, raw: &Option<String>) -> Result<Option<String>, FieldError> {
    match given(raw) {
        None => Ok(None),
        Some(raw) => Email::parse(raw)
            .map(|e| Some(e.as_str().to_owned()))
            .map_err(|_| {
                FieldError::new(field, "invalid", Words::of("places-error-email-invalid"))
            }),
    }
}

/// A sender name: one line of at most 80 characters.
pub fn parse_sender_name(raw: &Option<String>) -> Result<Option<String>, FieldError> {
    let Some(name) = given(raw) else {
        return Ok(None);
    };
    if name.chars().any(char::is_control) {
        return Err(FieldError::new(
            "mail_sender_name",
            "invalid",
            Words::of("places-error-sender-one-line"),
        ));
    }
    if name.chars().count() > SENDER_NAME_MAX {
        return Err(FieldError::new(
            "mail_sender_name",
            "length",
            Words::of1("places-error-too-long", "max", SENDER_NAME_MAX),
        ));
    }
    Ok(Some(name.to_owned()))
}

/// A support threshold: a whole number from 1.
pub fn parse_support_threshold(raw: &str) -> Result<i64, FieldError> {
    let bad = || {
        FieldError::new(
            "support_threshold",
            "invalid",
            Words::of1(
                "places-error-threshold-invalid",
                "max",
                MAX_SUPPORT_THRESHOLD,
            ),
        )
    };
    let n: i64 = raw.trim().parse().map_err(|_| bad())?;
    if !(1..=MAX_SUPPORT_THRESHOLD).contains(&n) {
        return Err(bad());
    }
    Ok(n)
}

/// Saves the settings, all or nothing, and records which ones changed
/// (their names, never their values). Returns the names changed; callers
/// clear the tenant cache when the name or language changed.
pub fn save(
    conn: &mut DbConn,
    tenant: &crate::tenancy::Tenant,
    by: &UserId,
    wanted: &Wanted,
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
    let colour = match given(&wanted.brand_colour) {
        None => Some(None),
        Some(raw) => problems.check("brand_colour", parse_brand_colour(raw).map(Some)),
    };
    let contact = problems.check(
        "contact_email",
        optional_email("contact_email", &wanted.contact_email),
    );
    let sender_name = problems.check(
        "mail_sender_name",
        parse_sender_name(&wanted.mail_sender_name),
    );
    let sender_address = problems.check(
        "mail_sender_address",
        optional_email("mail_sender_address", &wanted.mail_sender_address),
    );
    let rule = problems.check("residency_routes", Rule::parse(&wanted.residency_routes));
    let threshold = problems.check(
        "support_threshold",
        parse_support_threshold(&wanted.support_threshold),
    );
    let licence = problems.check(
        "open_data_licence",
        crate::opendata::model::parse_licence(&wanted.open_data_licence),
    );
    problems.into_result()?;
    let Some(licence) = licence else {
        return Err(Error::Internal("checked settings lost a field".into()));
    };
    let (
        Some(name),
        Some(language),
        Some(colour),
        Some(contact),
        Some(sender_name),
        Some(sender_address),
        Some(rule),
        Some(threshold),
    ) = (
        name,
        language,
        colour,
        contact,
        sender_name,
        sender_address,
        rule,
        threshold,
    )
    else {
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
        for (field, new, old) in [
            ("brand_colour", &colour, &before.brand_colour),
            ("contact_email", &contact, &before.contact_email),
            ("mail_sender_name", &sender_name, &before.mail_sender_name),
            (
                "mail_sender_address",
                &sender_address,
                &before.mail_sender_address,
            ),
        ] {
            if new != old {
                changed.push(field);
            }
        }
        if rule != before.residency {
            changed.push("residency_routes");
        }
        if threshold != before.support_threshold {
            changed.push("support_threshold");
        }
        if licence != before.open_data_licence {
            changed.push("open_data_licence");
        }
        let row_changed = changed.iter().any(|c| !matches!(*c, "name" | "language"));
        if row_changed {
            let now = Utc::now().naive_utc();
            let values = (
                place_settings::brand_colour.eq(&colour),
                place_settings::contact_email.eq(&contact),
                place_settings::mail_sender_name.eq(&sender_name),
                place_settings::mail_sender_address.eq(&sender_address),
                place_settings::residency_routes.eq(rule.to_stored()),
                place_settings::support_threshold.eq(threshold),
                place_settings::open_data_licence.eq(&licence),
                place_settings::updated_at.eq(now),
            );
            let updated = diesel::update(place_settings::table.find(&tenant.id))
                .set(values.clone())
                .execute(conn)?;
            if updated == 0 {
                diesel::insert_into(place_settings::table)
                    .values((place_settings::tenant_id.eq(&tenant.id), values))
                    .execute(conn)?;
            }
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
            let field = f.field.clone();
            problems.check::<()>(&field, Err(f));
        }
    }
}

/// A brand colour as `#rrggbb` (lowercase) that white text is readable on.
pub fn parse_brand_colour(raw: &str) -> Result<String, FieldError> {
    let rgb = parse_hex(raw).ok_or_else(|| {
        FieldError::new(
            "brand_colour",
            "invalid",
            Words::of("places-error-colour-invalid"),
        )
    })?;
    let ratio = contrast_with_white(rgb);
    if ratio < MIN_CONTRAST {
        return Err(FieldError::new(
            "brand_colour",
            "low_contrast",
            Words::of2(
                "places-error-colour-contrast",
                "ratio",
                format!("{:.2}", floor2(ratio)),
                "min",
                MIN_CONTRAST.to_string(),
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
    fn a_bad_address_is_said_as_the_mail_module_says_it() {
        let said = optional_email("contact_email", &Some("nope@".into()))
            .err()
            .map(|e| e.message);
        assert_eq!(said, Email::parse("nope@").err());
    }

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
