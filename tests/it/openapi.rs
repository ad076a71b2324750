//! The OpenAPI document against the routes the server really registers.
//!
//! The routes are read from the source (`web::resource("…")` in every
//! `routes` function under `src/`), so a new API route that is not in the
//! document, a documented route that does not exist, an operation without
//! response schemas, or security that does not match the handler's
//! extractor (`ApiUser` needs a token, `MaybeApiUser` takes one if given)
//! fails here. schemathesis (`scripts/schemathesis`) then checks the
//! document against the running server's behaviour.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// One registered route: path, method and the handler's signature.
#[derive(Debug)]
struct Route {
    path: String,
    method: &'static str,
    handler: String,
    /// The handler's parameter list, as written.
    params: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The bodies of the `routes` functions of one file.
fn routes_bodies(text: &str) -> Vec<&str> {
    let mut bodies = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("pub fn routes(") {
        let body = &rest[at..];
        let end = body.find("\n}\n").expect("a routes function ends with `}`");
        bodies.push(&body[..end]);
        rest = &body[end..];
    }
    bodies
}

/// The parameter list of `pub async fn name(` in `file` (a handler named
/// by a `crate::a::b::name` path is looked up in `src/a/b.rs`).
fn signature(src: &Path, file: &Path, handler: &str) -> String {
    let mut parts: Vec<&str> = handler.split("::").collect();
    let name = parts.pop().unwrap();
    let file = match parts.first() {
        None => file.to_path_buf(),
        Some(&"crate") => src.join(format!("{}.rs", parts[1..].join("/"))),
        // `module::name` from a `mod.rs`: a sibling file.
        Some(_) => file.with_file_name(format!("{}.rs", parts.join("/"))),
    };
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text
        .find(&format!("pub async fn {name}("))
        .unwrap_or_else(|| panic!("no handler `{name}` in {}", file.display()));
    let params = &text[start..];
    params[..params.find(") ->").unwrap()].to_owned()
}

/// Every route registered in `src/`, read from the source.
fn registered_routes() -> Vec<Route> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut routes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for body in routes_bodies(&text) {
            // A scope would prefix its resources' paths; this reader does
            // not follow scopes, so none may hide API routes.
            assert!(
                !body.contains("web::scope(\"/"),
                "{}: a web::scope with a prefix; teach tests/it/openapi.rs to follow it",
                file.display()
            );
            for chunk in body.split("web::resource(\"").skip(1) {
                let path = &chunk[..chunk.find('"').unwrap()];
                // `{name:regex}` segments are `{name}` in OpenAPI.
                let path = path
                    .split('/')
                    .map(|seg| match (seg.starts_with('{'), seg.find(':')) {
                        (true, Some(colon)) => format!("{}}}", &seg[..colon]),
                        _ => seg.to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                let calls: String = chunk.split_whitespace().collect();
                for method in METHODS {
                    let needle = format!(".{method}(");
                    let mut rest = calls.as_str();
                    while let Some(at) = rest.find(&needle) {
                        let after = &rest[at + needle.len()..];
                        let handler = after[..after.find(')').unwrap()].to_owned();
                        let params = if is_api(&path) {
                            signature(&src, &file, &handler)
                        } else {
                            String::new()
                        };
                        routes.push(Route {
                            path: path.clone(),
                            method,
                            handler,
                            params,
                        });
                        rest = after;
                    }
                }
            }
        }
    }
    routes
}

/// Routes the document must describe: the API, and the JSON and CSV
/// resources programs read (open data, the receipts' signing keys).
fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/open-data/")
        || path == "/.well-known/jwks.json"
        || path == "/healthz"
        || path == "/readyz"
}

fn document() -> Value {
    coproduce::ops::openapi::document_json()
}

fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(r) => {
            let pointer = r.trim_start_matches('#');
            doc.pointer(pointer)
                .unwrap_or_else(|| panic!("dangling $ref {r}"))
        }
        None => value,
    }
}

#[test]
fn the_reader_finds_the_routes_it_should() {
    // Guards the reader itself: if it silently found nothing, every other
    // test here would pass.
    let routes = registered_routes();
    let found = |path: &str, method: &str| {
        routes
            .iter()
            .find(|r| r.path == path && r.method == method)
            .unwrap_or_else(|| panic!("{method} {path} not found"))
    };
    assert!(routes.iter().filter(|r| is_api(&r.path)).count() > 150);
    let erase = found("/api/v1/me", "delete");
    assert_eq!(erase.handler, "crate::mydata::api::erase");
    assert!(erase.params.contains("caller: ApiUser"));
    assert!(found("/api/v1/proposals/{id}", "get")
        .params
        .contains("MaybeApiUser"));
    assert!(found("/api/v1/auth/login", "post")
        .params
        .contains("LoginRequest"));
}

#[test]
fn every_api_route_is_documented_and_nothing_else() {
    let doc = document();
    let routes = registered_routes();
    let registered: BTreeSet<(String, &str)> = routes
        .iter()
        .filter(|r| is_api(&r.path))
        .map(|r| (r.path.clone(), r.method))
        .collect();
    let missing: Vec<_> = registered
        .iter()
        .filter(|(path, method)| doc["paths"][path][method].is_null())
        .collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document: {missing:#?}"
    );

    let mut invented = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            if !item[method].is_null() && !registered.contains(&(path.clone(), method)) {
                invented.push(format!("{method} {path}"));
            }
        }
    }
    assert!(
        invented.is_empty(),
        "documented but not routed: {invented:#?}"
    );
}

#[test]
fn every_operation_has_response_schemas() {
    let doc = document();
    let mut wrong = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            let op = &item[method];
            if op.is_null() {
                continue;
            }
            let label = format!("{method} {path}");
            let responses = op["responses"].as_object().unwrap();
            if !responses.keys().any(|s| s.starts_with('2')) {
                wrong.push(format!("{label}: no success response"));
            }
            for (status, response) in responses {
                let response = resolve(&doc, response);
                let content = response["content"].as_object();
                let typed = |c: &serde_json::Map<String, Value>| {
                    !c.is_empty() && c.values().all(|m| m["schema"].is_object())
                };
                match status.as_str() {
                    "204" if content.is_some_and(|c| !c.is_empty()) => {
                        wrong.push(format!("{label} {status}: has a body"));
                    }
                    "204" => {}
                    // 200 always carries a body; 201 and 202 may not.
                    "200" if !content.is_some_and(typed) => {
                        wrong.push(format!("{label} {status}: no response schema"));
                    }
                    s if s.starts_with('2') && content.is_some_and(|c| !typed(c)) => {
                        wrong.push(format!("{label} {status}: a body without a schema"));
                    }
                    s if s.starts_with('4') || s.starts_with('5') => {
                        let schema = &response["content"]["application/problem+json"]["schema"];
                        if schema["$ref"] != "#/components/schemas/Problem" {
                            wrong.push(format!("{label} {status}: not a problem+json Problem"));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn security_matches_what_each_handler_takes() {
    let doc = document();
    let bearer = serde_json::json!({"bearer": []});
    let mut wrong = Vec::new();
    let mut seen = BTreeMap::new();
    for route in registered_routes().iter().filter(|r| is_api(&r.path)) {
        let op = &doc["paths"][&route.path][route.method];
        if op.is_null() {
            continue; // reported by every_api_route_is_documented_and_nothing_else
        }
        let label = format!("{} {}", route.method, route.path);
        let security: Vec<Value> = op["security"].as_array().cloned().unwrap_or_default();
        let takes = if route.params.contains("MaybeApiUser") {
            "optional"
        } else if route.params.contains("ApiUser") {
            "required"
        } else {
            "none"
        };
        *seen.entry(takes).or_insert(0) += 1;
        let ok = match takes {
            "required" => security == [bearer.clone()],
            "optional" => {
                security.len() == 2
                    && security.contains(&bearer)
                    && security.contains(&serde_json::json!({}))
            }
            _ => security.is_empty(),
        };
        if !ok {
            wrong.push(format!(
                "{label}: the handler's token is {takes}, the document says {security:?}"
            ));
        }
        if takes != "none" && op["responses"]["401"].is_null() {
            wrong.push(format!("{label}: takes a token but documents no 401"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Each kind occurs, so the reader's guesses were exercised.
    assert_eq!(seen.len(), 3, "{seen:?}");
}

#[test]
fn path_parameters_are_described() {
    let doc = document();
    let mut wrong = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let names: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        for method in METHODS {
            let op = &item[method];
            if op.is_null() {
                continue;
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            for name in &names {
                let described = params
                    .iter()
                    .map(|p| resolve(&doc, p))
                    .any(|p| p["in"] == "path" && p["name"] == *name && p["schema"].is_object());
                if !described {
                    wrong.push(format!(
                        "{method} {path}: path parameter `{name}` undescribed"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn schema_names_are_unique() {
    // Two types deriving ToSchema under one name share one component, so
    // the document would describe one of them with the other's schema.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("#[derive(") {
            let after = &rest[at..];
            let derive = &after[..after.find(")]").unwrap()];
            rest = &after[derive.len()..];
            if !derive.contains("ToSchema") {
                continue;
            }
            // The attributes up to the item, then its name.
            let Some(item) = ["pub struct ", "pub enum "]
                .iter()
                .filter_map(|k| rest.find(k).map(|i| (i, k.len())))
                .min()
            else {
                continue;
            };
            let attributes = &rest[..item.0];
            let declared = &rest[item.0 + item.1..];
            let declared: String = declared
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let name = match attributes.find("schema(as = ") {
                Some(i) => attributes[i + 12..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect(),
                None => declared,
            };
            names
                .entry(name)
                .or_default()
                .push(file.display().to_string());
        }
    }
    assert!(
        names.len() > 100,
        "the reader found only {} schemas",
        names.len()
    );
    let shared: Vec<_> = names.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(
        shared.is_empty(),
        "schema names used twice (give one `#[schema(as = …)]`): {shared:#?}"
    );
}
