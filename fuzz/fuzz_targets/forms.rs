//! Form decoding and the types parsed at the edge: a posted body is decoded
//! as the page extractors do (`serde_urlencoded`), and every value goes
//! through every field parser. Nothing panics, and what a parser accepts is
//! already in its normal form (parsing it again gives it back).
#![no_main]

use std::collections::HashMap;

use coproduce::accounts::password::Password;
use coproduce::accounts::service::{parse_display_name, parse_email, parse_registration};
use coproduce::boards::model::parse_time;
use coproduce::db::ids::{StoryId, TenantId, UserId};
use coproduce::http::pagination::{PageQuery, Paging};
use coproduce::mail::Email;
use coproduce::opendata::model::parse_licence;
use coproduce::operator::service::{parse_appointment, parse_new_tenant, parse_status};
use coproduce::places::model::{check_description, check_name, AreaKind};
use coproduce::places::settings::{parse_brand_colour, parse_sender_name, parse_support_threshold};
use coproduce::proposals::model::{parse_tags, split_tags};
use coproduce::residency::model::{Postcode, VouchingCode};
use coproduce::tenancy::service::{parse_language, parse_name};
use coproduce::tenancy::{Hostname, Slug, TenantStatus};
use coproduce::voting::Threshold;
use libfuzzer_sys::fuzz_target;

/// The field every protected form carries, read first as the extractor does.
#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// A form with the fields the pages post, all optional.
#[allow(dead_code)]
#[derive(serde::Deserialize)]
struct AnyForm {
    csrf: Option<String>,
    email: Option<String>,
    password: Option<String>,
    display_name: Option<String>,
    slug: Option<String>,
    name: Option<String>,
    host: Option<String>,
    status: Option<String>,
    kind: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    support_threshold: Option<i64>,
    anonymous: Option<bool>,
    #[serde(default)]
    tags: Vec<String>,
}

fuzz_target!(|data: &[u8]| {
    let _ = serde_urlencoded::from_bytes::<CsrfField>(data);
    let _ = serde_urlencoded::from_bytes::<AnyForm>(data);
    let _ = serde_urlencoded::from_bytes::<HashMap<String, String>>(data);
    let _ = serde_urlencoded::from_bytes::<PageQuery>(data)
        .map(|q| Paging::parse(&q).map(|p| p.offset()));
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return;
    };
    for (key, value) in &pairs {
        fields(value);
        let _ = parse_new_tenant(key, value, std::slice::from_ref(value));
        let _ = parse_appointment(key, Some(value));
    }
    if let [(email, password), (name, _), ..] = pairs.as_slice() {
        let _ = parse_registration(email, password, name);
    }
});

fn fields(v: &str) {
    if let Ok(email) = Email::parse(v) {
        assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(&email), "{v:?}");
        assert!(email.as_str().len() <= 254, "{email:?} from {v:?}");
    }
    let _ = parse_email(v);
    if let Ok(slug) = Slug::parse(v) {
        assert_eq!(Slug::parse(slug.as_str()).as_ref(), Ok(&slug));
    }
    if let Ok(host) = Hostname::parse(v) {
        assert_eq!(Hostname::parse(host.as_str()).as_ref(), Ok(&host), "{v:?}");
        assert_eq!(
            Hostname::from_header(host.as_str()).as_ref(),
            Some(&host),
            "{v:?}"
        );
        let with_port = format!("{host}:8080");
        assert_eq!(
            Hostname::from_header(&with_port).as_ref(),
            Some(&host),
            "{v:?}"
        );
        assert_eq!(host.as_str(), host.as_str().to_ascii_lowercase());
    }
    if let Some(host) = Hostname::from_header(v) {
        assert_eq!(Hostname::parse(host.as_str()).as_ref(), Ok(&host), "{v:?}");
    }
    if let Ok(id) = v.parse::<TenantId>() {
        assert_eq!(id.as_str().parse::<TenantId>().as_ref(), Ok(&id));
        assert_eq!(id.as_str().len(), 36);
        assert_eq!(id.as_str(), id.as_str().to_ascii_lowercase());
    }
    let _ = v.parse::<UserId>();
    let _ = coproduce::stories::model::parse_id::<StoryId>(v, "story", "story");
    if let Ok(p) = Postcode::parse(v) {
        assert_eq!(Postcode::parse(p.as_str()).as_ref(), Ok(&p));
    }
    if let Ok(code) = VouchingCode::parse(v) {
        assert_eq!(VouchingCode::parse(&code.display()).as_ref(), Ok(&code));
        let _ = code.hash();
    }
    if let Ok(name) = parse_display_name(v) {
        assert_eq!(parse_display_name(&name).as_ref(), Ok(&name));
    }
    if let Ok(tags) = parse_tags(&split_tags(v)) {
        assert_eq!(parse_tags(&tags).as_ref(), Ok(&tags), "{v:?}");
    }
    if let Ok(colour) = parse_brand_colour(v) {
        assert_eq!(parse_brand_colour(&colour).as_ref(), Ok(&colour));
    }
    let _ = parse_support_threshold(v);
    let _ = parse_sender_name(&Some(v.to_owned()));
    let _ = parse_time(v);
    let _ = parse_language(v);
    let _ = parse_name(v);
    let _ = parse_status(v);
    let _ = TenantStatus::from_input(v);
    let _ = parse_licence(v);
    let _ = AreaKind::parse(v);
    if let Ok(name) = check_name(v) {
        assert_eq!(check_name(&name).as_ref(), Ok(&name));
    }
    let _ = check_description(v);
    if let Ok(x) = v.trim().parse::<f64>() {
        let _ = Threshold::from_decimal(x);
    }
    // Strength is estimated only within the length limits (zxcvbn is slow
    // on long input); a timeout here would be a finding.
    let _ = Password::parse_new(v, &["someone@example.org", "Someone"]);
    let _ = Password::given(v);
}
