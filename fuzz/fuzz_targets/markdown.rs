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
                let url = decode(&value);
                if let Some(scheme) = scheme(&url) {
                    assert!(
                        SCHEMES.contains(&scheme.as_str()),
                        "href {value:?} (scheme {scheme:?}) survived in {html:?} from {markdown:?}"
                    );
                }
            }
        }
    }
}

/// The scheme a browser reads from an attribute's (decoded) URL, as the
/// URL Standard's basic parser does: leading and trailing C0 controls and
/// spaces are trimmed, tabs and newlines dropped wherever they are, then
/// an ASCII letter followed by letters, digits, `+`, `-` or `.` up to a
/// `:` is the scheme (lowercased). Anything else is a relative URL, which
/// resolves against the page's own scheme. Being exactly the parser's rule
/// matters both ways: a looser rule flags safe relative links
/// (`java script:x`), a stricter one misses `java\tscript:` or ` javascript:`.
fn scheme(url: &str) -> Option<String> {
    let c0_or_space = |c: char| c <= ' ';
    let url: String = url
        .trim_matches(c0_or_space)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| format!("{}:", scheme.to_ascii_lowercase()))
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

/// Undoes the character references a browser decodes in an attribute
/// value: numeric ones with or without `;`, and the named ones that give a
/// character a URL scheme is read from (letters, `+`, `.`, `:`, tab,
/// newline); the legacy `&amp` family also without `;` when no letter,
/// digit or `=` follows. Any other named reference gives a character that
/// is never part of a scheme, as the `&` left in its place is not, so the
/// scheme read is the same.
fn decode(value: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("Tab;", "\t"),
        ("NewLine;", "\n"),
        ("plus;", "+"),
        ("period;", "."),
        ("colon;", ":"),
        ("fjlig;", "fj"),
        ("amp;", "&"),
        ("AMP;", "&"),
        ("lt;", "<"),
        ("LT;", "<"),
        ("gt;", ">"),
        ("GT;", ">"),
        ("quot;", "\""),
        ("QUOT;", "\""),
        ("apos;", "'"),
    ];
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        if let Some((c, used)) = numeric(after) {
            out.push(c);
            rest = &after[used..];
            continue;
        }
        let named = NAMED.iter().find_map(|(name, text)| {
            if after.starts_with(name) {
                return Some((*text, name.len()));
            }
            // Legacy names decode without `;` unless the text goes on.
            let bare = &name[..name.len() - 1];
            let legacy = matches!(
                bare,
                "amp" | "AMP" | "lt" | "LT" | "gt" | "GT" | "quot" | "QUOT"
            );
            // Only past a matched name is the next index a char boundary.
            let next = after.strip_prefix(bare)?.chars().next();
            (legacy && !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '='))
                .then_some((*text, bare.len()))
        });
        match named {
            Some((text, used)) => {
                out.push_str(text);
                rest = &after[used..];
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

/// A numeric character reference after its `&`: `#` then decimal digits,
/// or `#x` then hex digits, then an optional `;`. Out-of-range values, NUL
/// and surrogates become U+FFFD as in a browser. (Browsers map 0x80..0x9F
/// through windows-1252; neither that nor the C1 control kept here is a
/// scheme character or trimmed, so the scheme read is the same.)
fn numeric(after: &str) -> Option<(char, usize)> {
    let digits = after.strip_prefix('#')?;
    let (radix, digits, prefix) = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex, 2),
        None => (10, digits, 1),
    };
    let len = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    if len == 0 {
        return None;
    }
    let code = digits[..len]
        .chars()
        .try_fold(0u32, |n, c| {
            n.checked_mul(radix)?.checked_add(c.to_digit(radix)?)
        })
        .unwrap_or(u32::MAX);
    let c = match code {
        0 => '\u{FFFD}',
        code => char::from_u32(code).unwrap_or('\u{FFFD}'),
    };
    let semicolon = usize::from(digits[len..].starts_with(';'));
    Some((c, prefix + len + semicolon))
}
