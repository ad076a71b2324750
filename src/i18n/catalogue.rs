//! The messages of every language, parsed once from the Fluent files
//! compiled into the binary. Each feature has one file per language
//! (`web/locales/en/layout.ftl`, `web/locales/cy/layout.ftl`); the list
//! below names them, and a test checks the folders hold no other file.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::Language;

macro_rules! catalogue {
    ($($file:literal),* $(,)?) => {
        /// The feature files, the same in every language.
        pub const FILES: &[&str] = &[$($file),*];

        /// The text of each feature file of a language.
        fn sources(lang: Language) -> &'static [&'static str] {
            match lang {
                Language::En => &[$(include_str!(concat!("../../web/locales/en/", $file, ".ftl"))),*],
                Language::Cy => &[$(include_str!(concat!("../../web/locales/cy/", $file, ".ftl"))),*],
            }
        }
    };
}

catalogue![
    "layout",
    "errors",
    "accounts",
    "proposals",
    "polls",
    "site",
    "admin",
    "assets",
    "boards",
    "comments",
    "email",
    "evaluation",
    "moderation",
    "mydata",
    "notifications",
    "opendata",
    "operator",
    "organisations",
    "places",
    "profiles",
    "receipts",
    "residency",
    "stories",
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Language, Bundle)>> =
    LazyLock::new(|| Language::ALL.iter().map(|&l| (l, bundle(l))).collect());

fn bundle(lang: Language) -> Bundle {
    let id = lang
        .code()
        .parse()
        .expect("our language codes are valid language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages are HTML with a `lang`; Unicode isolation marks around
    // arguments would only show up in copied text and in tests.
    bundle.set_use_isolating(false);
    for (file, source) in FILES.iter().zip(sources(lang)) {
        // A file with a syntax error still gives its good messages; the
        // catalogue test fails on the error itself.
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, e)| {
            tracing::error!(%lang, file, errors = ?e, "translation file does not parse");
            r
        });
        if let Err(e) = bundle.add_resource(resource) {
            tracing::error!(%lang, file, errors = ?e, "translation file repeats a key");
        }
    }
    bundle
}

fn bundle_of(lang: Language) -> &'static Bundle {
    let (_, b) = BUNDLES
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language has a bundle");
    b
}

/// A message in `lang`, if that language has it.
pub(super) fn format_if_present(
    lang: Language,
    key: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let bundle = bundle_of(lang);
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(%lang, key, ?errors, "translation did not format cleanly");
    }
    Some(text.into_owned())
}

/// A message in `lang`; in English if `lang` lacks it, else the key
/// itself. Never fails: a missing string must not break a page (the
/// catalogue tests keep it from happening).
pub(super) fn format(lang: Language, key: &str, args: Option<&FluentArgs>) -> String {
    format_if_present(lang, key, args)
        .or_else(|| {
            tracing::warn!(%lang, key, "missing translation");
            format_if_present(Language::En, key, args)
        })
        .unwrap_or_else(|| key.to_owned())
}

/// The message ids a Fluent file defines (terms, `-name`, are private to
/// the files and not counted).
pub fn keys_of(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_owned())
        })
        .collect()
}

/// Every key a language defines, with the file it is in.
pub fn keys(lang: Language) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .zip(sources(lang))
        .flat_map(|(file, source)| keys_of(source).into_iter().map(move |k| (*file, k)))
        .collect()
}

/// Whether `lang` has a message `key`.
pub fn has(lang: Language, key: &str) -> bool {
    bundle_of(lang).has_message(key)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use super::*;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn every_file_parses_and_is_listed() {
        for lang in Language::ALL {
            for (file, source) in FILES.iter().zip(sources(lang)) {
                if let Err((_, errors)) = FluentResource::try_new((*source).to_owned()) {
                    panic!("web/locales/{lang}/{file}.ftl does not parse: {errors:?}");
                }
            }
            let dir = root().join("web/locales").join(lang.code());
            let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
                .expect("a locale folder")
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            let listed: BTreeSet<String> = FILES.iter().map(|f| format!("{f}.ftl")).collect();
            assert_eq!(
                on_disk, listed,
                "web/locales/{lang} holds exactly the files listed in src/i18n/catalogue.rs"
            );
        }
    }

    #[test]
    fn every_language_has_the_same_keys() {
        let en: BTreeSet<_> = keys(Language::En).into_iter().collect();
        for lang in Language::ALL {
            let these: Vec<_> = keys(lang);
            let set: BTreeSet<_> = these.iter().cloned().collect();
            assert_eq!(set.len(), these.len(), "a key is defined twice in {lang}");
            let missing: Vec<_> = en.difference(&set).collect();
            let extra: Vec<_> = set.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang} lacks {missing:?} and has {extra:?} that English lacks"
            );
            for (_, key) in &these {
                assert!(has(lang, key), "{lang} has no value for {key}");
            }
        }
    }

    /// The keys a file uses: the literal first argument of `.t(`, `.t1(`,
    /// `.t2(`, `.t3(` and `.t_args(`. A call whose key is not a literal is an error: the
    /// test could not check it (use `t_dynamic` and test its keys).
    fn used_keys(text: &str, file: &Path, out: &mut Vec<(String, String)>) {
        for marker in [
            ".t(",
            ".t1(",
            ".t2(",
            ".t3(",
            ".t_args(",
            "Words::of(",
            "Words::of1(",
            "Words::of2(",
        ] {
            for (at, _) in text.match_indices(marker) {
                // rustfmt may break the line before the key.
                let rest = text[at + marker.len()..].trim_start();
                let line = text[..at].lines().count().max(1);
                let place = format!("{}:{line}", file.display());
                let Some(literal) = rest.strip_prefix('"') else {
                    panic!("{place}: the key of {marker}…) is not a literal string");
                };
                let key = literal.split('"').next().unwrap_or("");
                out.push((place, key.to_owned()));
            }
        }
    }

    fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a readable folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                files_under(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_key_used_exists_in_every_language() {
        let mut files = Vec::new();
        files_under(&root().join("web/templates"), "html", &mut files);
        files_under(&root().join("src"), "rs", &mut files);
        let mut used = Vec::new();
        // This folder's own tests and docs use made-up keys on purpose.
        let own = root().join("src/i18n");
        for file in files.iter().filter(|f| !f.starts_with(&own)) {
            let text = std::fs::read_to_string(file).expect("a readable file");
            used_keys(&text, file.strip_prefix(root()).unwrap_or(file), &mut used);
        }
        assert!(used.len() > 20, "the scan finds the keys in use");
        let missing: Vec<String> = used
            .iter()
            .flat_map(|(place, key)| {
                Language::ALL
                    .iter()
                    .filter(|&&l| !has(l, key))
                    .map(move |l| format!("{place}: {key} ({l})"))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "keys used but not defined: {missing:#?}"
        );
    }

    /// Cuts every `open … close` span out of `text`.
    fn without(text: &str, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            out.push_str(&rest[..start]);
            out.push(' ');
            match rest[start + open.len()..].find(close) {
                Some(end) => rest = &rest[start + open.len() + end + close.len()..],
                None => return out,
            }
        }
        out.push_str(rest);
        out
    }

    /// The words a person would read in a template that do not come from
    /// a translation: text between tags, and the text of `aria-label`,
    /// `title`, `placeholder` and `alt`. Template code, scripts and
    /// styles are not read.
    fn literal_words(template: &str) -> Vec<String> {
        let mut text = without(template, "{#", "#}");
        for (open, close) in [
            ("{{", "}}"),
            ("{%", "%}"),
            ("<script", "</script>"),
            ("<style", "</style>"),
        ] {
            text = without(&text, open, close);
        }
        let mut readable = String::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find('<') {
            readable.push_str(&rest[..start]);
            readable.push(' ');
            let Some(end) = rest[start..].find('>') else {
                break;
            };
            let tag = &rest[start..start + end];
            for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
                for (at, _) in tag.match_indices(attribute) {
                    let value = &tag[at + attribute.len()..];
                    readable.push_str(value.split('"').next().unwrap_or(""));
                    readable.push(' ');
                }
            }
            rest = &rest[start + end + 1..];
        }
        readable.push_str(rest);
        readable
            .split(|c: char| !(c.is_alphabetic() || c == '\''))
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn templates_take_their_words_from_the_translations() {
        let templates = root().join("web/templates");
        let mut files = Vec::new();
        files_under(&templates, "html", &mut files);
        // The plain-text parts of emails.
        files_under(&templates, "txt", &mut files);
        let mut untranslated = Vec::new();
        for file in &files {
            let name = file
                .strip_prefix(&templates)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let words = literal_words(&std::fs::read_to_string(file).unwrap());
            if !words.is_empty() {
                untranslated.push(format!("{name}: {}", words.join(" ")));
            }
        }
        assert!(
            untranslated.is_empty(),
            "these templates hold words that are not in web/locales: {untranslated:#?}"
        );
    }

    #[test]
    fn the_word_scan_reads_text_and_labels_only() {
        let words = literal_words(
            r#"{# a note #}<p class="x">{{ chrome.t("a") }} Hello</p>{% if x %}<a aria-label="Go home" href="/">{% endif %}<script>let s = "no";</script>"#,
        );
        assert_eq!(words, ["Hello", "Go", "home"]);
    }

    #[test]
    fn the_scan_finds_a_missing_key() {
        let mut used = Vec::new();
        used_keys(
            r#"{{ chrome.t("nav-home") }} {{ chrome.t1("no-such-key", "n", 1) }}"#,
            Path::new("x.html"),
            &mut used,
        );
        let keys: Vec<&str> = used.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(keys, ["nav-home", "no-such-key"]);
        assert!(has(Language::En, "nav-home") && !has(Language::Cy, "no-such-key"));
    }
}
