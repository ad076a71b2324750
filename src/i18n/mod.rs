//! Translations: every string a person reads comes from Fluent files,
//! `web/locales/{en,cy}/<feature>.ftl`, compiled into the binary (see
//! [`catalogue`]).
//!
//! A request's [`Language`] is settled once, at the edge
//! ([`Language::for_request`]): the person's own choice (the `lang`
//! cookie the switcher sets, [`pages`]), else the place's default
//! language, else English. Pages look strings up through their `Chrome`
//! (`{{ chrome.t("nav-proposals") }}`), Rust code through the language
//! (`lang.t("nav-home")`, `lang.t1("wait-seconds", "n", 5)`).
//!
//! Keys are literal strings so that a unit test can check that every key
//! used exists in every language, and that the languages hold the same
//! keys.

pub mod catalogue;
pub mod pages;

use actix_web::HttpRequest;
use fluent_bundle::{FluentArgs, FluentValue};

/// The cookie that remembers a person's choice of language.
pub const COOKIE: &str = "lang";

/// A language the product is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    En,
    Cy,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Cy];

    /// Exactly `en` or `cy`: what the switcher and the cookie carry.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "en" => Some(Self::En),
            "cy" => Some(Self::Cy),
            _ => None,
        }
    }

    /// The language of a BCP 47 tag by its primary subtag (`cy-GB` is
    /// Welsh), for a place's default language; none for one we lack.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Self::parse(&primary.to_ascii_lowercase())
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Cy => "cy",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Cy => "Cymraeg",
        }
    }

    /// The language a request is answered in: the person's choice, else
    /// the place's default (`tenant_default`, a language tag), else
    /// English. A cookie we do not know is ignored, not an error.
    pub fn for_request(req: &HttpRequest, tenant_default: Option<&str>) -> Self {
        Self::chosen(req)
            .or_else(|| tenant_default.and_then(Self::from_tag))
            .unwrap_or_default()
    }

    /// The language a person chose with the switcher, if they did.
    pub fn chosen(req: &HttpRequest) -> Option<Self> {
        req.cookie(COOKIE).and_then(|c| Self::parse(c.value()))
    }

    /// The language to write to a person in: their own choice (saved on
    /// their account), else the place's default, else English.
    pub fn for_person(chosen: Option<&str>, tenant_default: &str) -> Self {
        chosen
            .and_then(Self::parse)
            .or_else(|| Self::from_tag(tenant_default))
            .unwrap_or_default()
    }

    /// The tag for `lang` attributes: the place's own tag when it names
    /// this language (`en-GB`), else the bare code.
    pub fn tag(self, tenant_default: Option<&str>) -> String {
        match tenant_default {
            Some(t) if Self::from_tag(t) == Some(self) => t.trim().to_owned(),
            _ => self.code().to_owned(),
        }
    }

    /// The text of a message.
    pub fn t(self, key: &str) -> String {
        catalogue::format(self, key, None)
    }

    /// The text of a message with one argument (`{ $name }`).
    pub fn t1(self, key: &str, name: &str, value: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.value());
        catalogue::format(self, key, Some(&args))
    }

    /// The text of a message with two arguments.
    pub fn t2(self, key: &str, n1: &str, v1: impl Arg, n2: &str, v2: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_owned(), v1.value());
        args.set(n2.to_owned(), v2.value());
        catalogue::format(self, key, Some(&args))
    }

    /// The text of a message with three arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        self,
        key: &str,
        n1: &str,
        v1: impl Arg,
        n2: &str,
        v2: impl Arg,
        n3: &str,
        v3: impl Arg,
    ) -> String {
        self.t_args(key, &[(n1, &v1), (n2, &v2), (n3, &v3)])
    }

    /// The text of a message with any number of arguments.
    pub fn t_args(self, key: &str, args: &[(&str, &dyn Arg)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(name.to_string(), value.value());
        }
        catalogue::format(self, key, Some(&fluent))
    }

    /// A day as people write it: "5 March 2026", "5 Mawrth 2026".
    pub fn date(self, at: &chrono::NaiveDateTime) -> String {
        use chrono::Datelike;
        self.t_args(
            "date",
            &[
                ("day", &at.day()),
                ("month", &self.month(at.month())),
                ("year", &at.year().to_string()),
            ],
        )
    }

    /// A day and a time in UTC: "5 March 2026 at 14:05 UTC".
    pub fn date_time(self, at: &chrono::NaiveDateTime) -> String {
        self.t2(
            "date-time",
            "date",
            self.date(at),
            "time",
            at.format("%H:%M").to_string(),
        )
    }

    /// The name of month `m` (1 to 12).
    fn month(self, m: u32) -> String {
        match m {
            1 => self.t("month-1"),
            2 => self.t("month-2"),
            3 => self.t("month-3"),
            4 => self.t("month-4"),
            5 => self.t("month-5"),
            6 => self.t("month-6"),
            7 => self.t("month-7"),
            8 => self.t("month-8"),
            9 => self.t("month-9"),
            10 => self.t("month-10"),
            11 => self.t("month-11"),
            _ => self.t("month-12"),
        }
    }

    /// A message whose key the catalogue test checked where it was
    /// written ([`crate::error::Words::of`]), with its arguments.
    pub fn say(self, key: &str, args: &[(&str, &dyn Arg)]) -> String {
        self.t_args(key, args)
    }

    /// A message whose key is made at run time (a status, a code). Not
    /// checked by the key scan: whoever calls it tests every key it makes.
    pub fn t_dynamic(self, key: &str) -> Option<String> {
        catalogue::format_if_present(self, key, None)
    }
}

/// Templates pass fields by reference; this lets `label_in(chrome.language)`
/// take the language either way.
impl From<&Language> for Language {
    fn from(lang: &Language) -> Self {
        *lang
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A value a message can take as an argument: text or a number (numbers
/// choose plural forms).
pub trait Arg {
    fn value(&self) -> FluentValue<'static>;
}

impl Arg for str {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for String {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'static> {
        (**self).value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tags() {
        assert_eq!(Language::parse("cy"), Some(Language::Cy));
        assert_eq!(
            Language::parse("CY"),
            None,
            "the cookie carries what we set"
        );
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(Language::from_tag("cy-GB"), Some(Language::Cy));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::En));
        assert_eq!(Language::from_tag("fr"), None);
        assert_eq!(Language::En.tag(Some("en-GB")), "en-GB");
        assert_eq!(Language::Cy.tag(Some("en-GB")), "cy");
        assert_eq!(Language::Cy.tag(None), "cy");
    }

    #[test]
    fn arguments_and_plurals() {
        assert_eq!(Language::En.t1("wait-seconds", "n", 1), "1 second");
        assert_eq!(Language::En.t1("wait-seconds", "n", 5), "5 seconds");
        assert_eq!(Language::Cy.t1("wait-seconds", "n", 5), "5 eiliad");
    }

    #[test]
    fn dates_in_each_language() {
        use chrono::Datelike;
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        assert_eq!(Language::En.date(&at), "5 March 2026");
        assert_eq!(Language::Cy.date(&at), "5 Mawrth 2026");
        assert_eq!(Language::En.date_time(&at), "5 March 2026 at 14:05 UTC");
        assert_eq!(Language::Cy.date_time(&at), "5 Mawrth 2026 am 14:05 UTC");
        let december = at.with_month(12).unwrap();
        assert_eq!(Language::Cy.date(&december), "5 Rhagfyr 2026");
    }

    #[test]
    fn a_missing_key_never_panics() {
        assert_eq!(Language::Cy.t_dynamic("no-such-key"), None);
    }
}
