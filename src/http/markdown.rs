//! Markdown written by people (a place's story; later proposals), turned
//! into HTML that is safe to show: nothing that runs, nothing that loads
//! from elsewhere, and links that cannot act on the reader's behalf.

use std::sync::LazyLock;

use pulldown_cmark::{html, Options, Parser};

/// The sanitiser's rules, built once: building them (sets of tags,
/// attributes and schemes) cost more than cleaning a short comment.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut rules = ammonia::Builder::default();
    rules
        .rm_tags(&["img"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"));
    rules
});

/// Renders Markdown to sanitised HTML. Raw HTML in the source is escaped
/// by the sanitiser, scripts and event handlers are dropped, only http(s)
/// and mailto links survive, and images are not shown (they would load
/// from other sites, which the content security policy forbids anyway).
pub fn render(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, parser);
    SANITISER.clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn formatting_survives() {
        let html = render(
            "# Our history\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- two",
        );
        assert!(html.contains("<h1>Our history</h1>"));
        assert!(html.contains("<em>emphasis</em>"));
        assert!(html.contains(
            r#"<a href="https://example.org" rel="noopener noreferrer nofollow">link</a>"#
        ));
        assert!(html.contains("<li>one</li>"));
    }

    #[test]
    fn nothing_that_runs_survives() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div onclick=\"alert(1)\">x</div>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "![x](https://evil.example/track.png)",
            "<style>body{display:none}</style>",
        ] {
            let html = render(evil).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "javascript:",
                "onclick",
                "<iframe",
                "<img",
                "<style",
            ] {
                assert!(!html.contains(bad), "{evil} became {html}");
            }
        }
    }
}
