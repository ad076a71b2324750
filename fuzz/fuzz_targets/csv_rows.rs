//! The CSV importers (`areas import`, `postcodes import`): any file is read
//! or refused with a reason, rows keep their line numbers in order, and each
//! row's fields go through the same checks as the pages and the API.
#![no_main]

use coproduce::error::Problems;
use coproduce::places::import as areas;
use coproduce::places::model::{check_description, check_name, check_point, AreaKind};
use coproduce::residency::import as postcodes;
use coproduce::residency::model::Postcode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = areas::read(data) {
        let mut last = 1;
        for row in &rows {
            assert!(row.line() > last, "line {} after {last}", row.line());
            last = row.line();
            let [name, _parent, kind, description, latitude, longitude] = row.fields();
            for field in row.fields() {
                assert_eq!(field.trim(), field);
            }
            if let Ok(name) = check_name(name) {
                assert!(!name.is_empty() && name.chars().count() <= 120);
                assert_eq!(check_name(&name).ok(), Some(name));
            }
            if !kind.is_empty() {
                if let Ok(kind) = AreaKind::parse(kind) {
                    assert_eq!(AreaKind::parse(kind.as_str()).ok(), Some(kind));
                }
            }
            let _ = check_description(description);
            let degrees = |raw: &str| raw.parse::<f64>().ok().filter(|_| !raw.is_empty());
            let mut problems = Problems::default();
            if let Some(Some((lat, lon))) =
                check_point(&mut problems, degrees(latitude), degrees(longitude))
            {
                assert!(lat.abs() <= 90_000_000 && lon.abs() <= 180_000_000);
            }
        }
    }
    if let Ok(rows) = postcodes::read(data) {
        let mut last = 0;
        for row in &rows {
            assert!(row.line() > last, "line {} after {last}", row.line());
            last = row.line();
            if let Ok(postcode) = Postcode::parse(row.raw()) {
                let s = postcode.as_str();
                assert!((6..=8).contains(&s.len()), "{s:?}");
                assert_eq!(s.matches(' ').count(), 1, "{s:?}");
                assert_eq!(s.to_ascii_uppercase(), s);
                assert_eq!(Postcode::parse(s).ok().as_ref(), Some(&postcode));
            }
        }
    }
});
