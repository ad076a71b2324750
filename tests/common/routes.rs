//! The routes the application registers, read from its source at test
//! time, so a test that must cover every route learns of a new one as soon
//! as it is written.
//!
//! Every feature registers its routes as
//! `web::resource("/path").get(handler).post(handler)…` inside its
//! `routes` function (see `src/http/mod.rs`). The scanner reads exactly that
//! shape and refuses any other way of registering a route (a scope with a
//! prefix, `.route(…)`, `.to(…)`, attribute macros, a path that is not a
//! string literal), so a registration it cannot read fails the test instead
//! of escaping it.

use std::path::{Path, PathBuf};

/// One `web::resource` registration.
#[derive(Debug, Clone)]
pub struct ScannedRoute {
    /// As written, with its `{param}` names.
    pub path: String,
    /// Upper-case HTTP methods, in the order they are registered.
    pub methods: Vec<&'static str>,
    pub file: PathBuf,
}

const METHODS: [(&str, &str); 5] = [
    (".get(", "GET"),
    (".post(", "POST"),
    (".put(", "PUT"),
    (".patch(", "PATCH"),
    (".delete(", "DELETE"),
];

/// Every route registered under `src`.
pub fn scan(src: &Path) -> Vec<ScannedRoute> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut routes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        routes.extend(scan_file(&file, &text));
    }
    routes
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The registrations in one file; panics on a registration the scanner
/// cannot read.
pub fn scan_file(file: &Path, text: &str) -> Vec<ScannedRoute> {
    let here = |what: &str| format!("{what} in {}", file.display());
    for unreadable in [
        "#[get(",
        "#[post(",
        "#[route(",
        "#[actix_web::",
        "web::route()",
    ] {
        assert!(
            !text.contains(unreadable),
            "{}: teach tests/common/routes.rs to read it",
            here(&format!("a route registered with `{unreadable}`"))
        );
    }
    let mut scope_at = 0;
    while let Some(i) = text[scope_at..].find("web::scope(") {
        let rest = text[scope_at + i + "web::scope(".len()..].trim_start();
        assert!(
            rest.starts_with("\"\""),
            "{}: prefixed scopes change every path inside them; teach tests/common/routes.rs",
            here("a `web::scope` with a prefix")
        );
        scope_at += i + 1;
    }
    let mut routes = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("web::resource(") {
        let start = at + i + "web::resource(".len();
        let rest = text[start..].trim_start();
        let rest = rest.strip_prefix('"').unwrap_or_else(|| {
            panic!(
                "{}",
                here("a `web::resource` whose path is not a string literal")
            )
        });
        let end = rest.find('"').expect("a closed string literal");
        let path = rest[..end].to_owned();
        // The chain of method registrations runs to the next resource or
        // the end of the statement.
        let after = &rest[end + 1..];
        let chain_end = ["web::resource(", ";", "}"]
            .iter()
            .filter_map(|stop| after.find(stop))
            .min()
            .unwrap_or(after.len());
        let chain = &after[..chain_end];
        assert!(
            !chain.contains(".to(") && !chain.contains(".route("),
            "{}",
            here(&format!(
                "`{path}` registered with `.to`/`.route`; teach tests/common/routes.rs"
            ))
        );
        let mut methods: Vec<(usize, &'static str)> = METHODS
            .iter()
            .flat_map(|(needle, m)| chain.match_indices(needle).map(move |(p, _)| (p, *m)))
            .collect();
        methods.sort();
        let methods: Vec<&'static str> = methods.into_iter().map(|(_, m)| m).collect();
        assert!(
            !methods.is_empty(),
            "{}",
            here(&format!("`{path}` with no method the scanner can read"))
        );
        routes.push(ScannedRoute {
            path,
            methods,
            file: file.to_owned(),
        });
        at = start;
    }
    routes
}

/// The names of a path's `{parameters}`, in order.
pub fn params(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chains_over_several_lines() {
        let text = r#"
            cfg.service(web::resource("/a").get(a))
                .service(
                    web::resource("/b/{id}")
                        .get(show)
                        .post(edit),
                )
                .service(web::resource("/c").delete(x::gone));
        "#;
        let found: Vec<_> = scan_file(Path::new("x.rs"), text)
            .into_iter()
            .map(|r| (r.path, r.methods))
            .collect();
        assert_eq!(
            found,
            vec![
                ("/a".to_owned(), vec!["GET"]),
                ("/b/{id}".to_owned(), vec!["GET", "POST"]),
                ("/c".to_owned(), vec!["DELETE"]),
            ]
        );
    }

    #[test]
    #[should_panic(expected = "not a string literal")]
    fn refuses_a_computed_path() {
        scan_file(Path::new("x.rs"), "web::resource(PATH).get(a);");
    }
}
