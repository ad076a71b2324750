//! Markdown rendering and sanitisation: whatever people write, the HTML
//! shown holds nothing that runs or loads from elsewhere.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Tags that must never reach a page.
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "style", "iframe", "img", "object", "embed", "svg", "math", "form", "input", "link",
    "meta", "base", "frame", "frameset", "video", "audio", "source", "template",
];

/// Schemes an `href` may carry (no scheme at all is a relative link).
const SCHEMES: &[&str] = &["http:", "https:", "mailto:"];

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    let html = coproduce::http::markdown::render(&markdown);
    check(&markdown, &html);
});

/// Every `<` left in the output opens a real tag (the sanitiser escapes
/// text), so the tags can be read off the string.
fn check(markdown: &str, html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after
            .find('>')
            .unwrap_or_else(|| panic!("unclosed tag in {html:?} from {markdown:?}"));
        let tag = &after[..end];
        rest = &after[end + 1..];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            !FORBIDDEN_TAGS.contains(&name.as_str()),
            "<{name}> survived in {html:?} from {markdown:?}"
        );
        for (attr, value) in attributes(&tag[name.len()..]) {
            let attr = attr.to_ascii_lowercase();
            assert!(
                !attr.starts_with("on"),
                "event handler {attr} survived in {html:?} from {markdown:?}"
            );
            assert!(
                !matches!(
                    attr.as_str(),
                    "style" | "src" | "srcset" | "formaction" | "action"
                ),
                "attribute {attr} survived in {html:?} from {markdown:?}"
            );
            if attr == "href" {
                let url = decode(&value).to_ascii_lowercase();
                let url: String = url
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                let scheme_end = url.find(':');
                let before_path = url.find(['/', '?', '#']);
                if let Some(colon) = scheme_end {
                    if before_path.is_none_or(|p| colon < p) {
                        assert!(
                            SCHEMES.iter().any(|s| url.starts_with(s)),
                            "href {value:?} survived in {html:?} from {markdown:?}"
                        );
                    }
                }
            }
        }
    }
}

/// The attributes of a tag's inside (after its name): `name="value"`
/// pairs, `name` alone, as the sanitiser writes them.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let name_end = s
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(s.len());
        let name = s[..name_end].to_owned();
        s = &s[name_end..];
        if let Some(after) = s.strip_prefix('=') {
            let (value, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map(|i| i + 1).unwrap_or(after.len() - 1);
                    (&after[1..close], &after[(close + 1).min(after.len())..])
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            out.push((name, value.to_owned()));
            s = rest;
        } else {
            out.push((name, String::new()));
        }
    }
}

/// Undoes the character references a browser would decode in an attribute.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').unwrap_or(after.len());
        let entity = &after[..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[(end + 1).min(after.len())..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
