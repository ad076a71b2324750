//! The HTTP surface every feature shares: health checks, the error model,
//! security headers, request ids, static files and the OpenAPI document.

use crate::both_backends;
use coproduce::accounts::Role;

use crate::common::{api_token, assert_problem, browser_session, json, send, user};

const HOST: &str = "coventry.test";

both_backends!(
    async fn health_and_readiness(app) {
        // Health checks need no tenant: orchestrators call them by IP.
        let res = app.get("any-host.test", "/healthz").await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await, serde_json::json!({"status": "ok"}));

        let res = app.get("127.0.0.1", "/readyz").await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["status"], "ready");
    }
);

both_backends!(
    async fn readiness_fails_while_migrations_are_pending(app) {
        app.db(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("DELETE FROM __diesel_schema_migrations")
                .execute(conn)
                .unwrap()
        })
        .await;
        let res = app.get("127.0.0.1", "/readyz").await;
        assert!(res.headers().contains_key("retry-after"));
        assert_problem(res, 503, "unavailable").await;
    }
);

both_backends!(
    async fn api_errors_are_problem_details(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let client = app.client(HOST);

        let res = app.get(HOST, "/api/v1/no-such-thing").await;
        assert_problem(res, 404, "not_found").await;

        let res = client.post(app.url(HOST, "/healthz")).send().await.unwrap();
        assert_eq!(res.headers()["allow"], "GET");
        assert_problem(res, 405, "method_not_allowed").await;

        let huge = vec![b'a'; 2 * 1024 * 1024];
        let res = client
            .post(app.url(HOST, "/api/v1/anything"))
            .header("content-type", "application/json")
            .body(huge)
            .send()
            .await
            .unwrap();
        assert_problem(res, 413, "payload_too_large").await;
    }
);

both_backends!(
    async fn page_errors_are_pages_in_the_tenant_layout(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = app.get(HOST, "/no-such-page").await;
        assert_eq!(res.status(), 404);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = res.text().await.unwrap();
        assert!(html.contains("We could not find that page"));
        assert!(html.contains("Coventry"), "the layout names the place");
        assert!(html.contains(r##"<a class="skip-link" href="#main">"##));

        let res = app.client(HOST).post(app.url(HOST, "/")).send().await.unwrap();
        assert_eq!(res.status(), 405);
        assert!(res.text().await.unwrap().contains("<h1>Method not allowed</h1>"));

        let res = app.get(HOST, "/problems/validation_failed").await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("422"));
        assert_eq!(app.get(HOST, "/problems/nonsense").await.status(), 404);
    }
);

both_backends!(
    async fn every_response_carries_security_headers_and_a_request_id(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let mut ids = std::collections::HashSet::new();
        for path in ["/", "/api/v1/nothing", "/healthz", "/no-page"] {
            let res = app.get(HOST, path).await;
            let h = res.headers();
            let csp = h["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}");
            assert!(!csp.contains("unsafe-inline"), "{path}");
            assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
            assert!(h.contains_key("referrer-policy"), "{path}");
            assert!(
                h["strict-transport-security"].to_str().unwrap().contains("max-age=31536000; includeSubDomains"),
                "{path}"
            );
            let id = h["x-request-id"].to_str().unwrap().to_owned();
            assert_eq!(id.len(), 32, "{path}");
            assert!(ids.insert(id), "request ids are unique");
        }
    }
);

both_backends!(
    async fn static_files_are_cached_and_revalidated(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = app.get(HOST, "/").await.text().await.unwrap();
        let start = html.find("/static/app.css?v=").expect("versioned css link");
        let end = start + html[start..].find('"').unwrap();
        let css_url = &html[start..end];

        let res = app.get(HOST, css_url).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/css; charset=utf-8");
        assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));
        let etag = res.headers()["etag"].clone();
        assert!(res.text().await.unwrap().contains(":focus-visible"));

        let res = app
            .client(HOST)
            .get(app.url(HOST, "/static/app.css"))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 304);
        assert_eq!(app.get(HOST, "/static/../Cargo.toml").await.status(), 404);
        assert_eq!(app.get(HOST, "/static/nothing.js").await.status(), 404);
    }
);

both_backends!(
    async fn the_openapi_document_describes_the_api(app) {
        let res = app.get("127.0.0.1", "/api/openapi.json").await;
        assert_eq!(res.status(), 200);
        let doc = json(res).await;
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in ["/healthz", "/readyz", "/api/openapi.json"] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["components"]["schemas"]["Problem"].is_object());
    }
);

both_backends!(
    async fn head_is_answered_wherever_get_is(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        for path in ["/", "/healthz", "/privacy", "/api/openapi.json"] {
            let get = app.get(HOST, path).await;
            let length = get.bytes().await.unwrap().len();
            let head = app.client(HOST).head(app.url(HOST, path)).send().await.unwrap();
            assert_eq!(head.status(), 200, "{path}");
            assert_eq!(head.headers()["content-length"], length.to_string().as_str(), "{path}");
            assert!(head.bytes().await.unwrap().is_empty(), "{path}: no body");
        }
        // Nothing that changes state is reachable by HEAD.
        let head = app.client(HOST).head(app.url(HOST, "/sign-out")).send().await.unwrap();
        assert_eq!(head.status(), 405);
    }
);

both_backends!(
    async fn what_a_signed_in_person_sees_is_never_cached(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        // Anonymous public pages may be cached as usual.
        let res = app.get(HOST, "/proposals").await;
        assert!(!res.headers().get("cache-control").is_some_and(|v| v.to_str().unwrap().contains("no-store")));
        // Signed in, pages and API answers are not kept.
        let browser = browser_session(&app, HOST, &ann).await;
        for path in ["/account", "/proposals", "/"] {
            let res = browser.get(app.url(HOST, path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            assert!(res.headers()["cache-control"].to_str().unwrap().contains("no-store"), "{path}");
        }
        let token = api_token(&app, &ann).await;
        let res = send(&app, HOST, reqwest::Method::GET, "/api/v1/me", Some(&token), None).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["cache-control"].to_str().unwrap().contains("no-store"));
        // Static files keep their own caching, whoever asks.
        let html = browser.get(app.url(HOST, "/")).send().await.unwrap().text().await.unwrap();
        let start = html.find("/static/app.css?v=").expect("versioned css link");
        let end = start + html[start..].find('"').unwrap();
        let res = browser.get(app.url(HOST, &html[start..end])).send().await.unwrap();
        assert!(!res.headers()["cache-control"].to_str().unwrap().contains("no-store"));
    }
);

both_backends!(
    async fn the_site_statements_and_problem_pages_speak_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, "/accessibility").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Hygyrchedd</h1>", "<h1>Accessibility</h1>");
        assert!(html.contains("Statws cydymffurfio"), "{html}");
        let html = crate::i18n::welsh_page(&app, HOST, None, "/privacy").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Preifatrwydd</h1>", "<h1>Privacy</h1>");
        let html = crate::i18n::welsh_page(&app, HOST, None, "/problems/not_found").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Problem API: <code>not_found</code></h1>", "API problem");
        assert!(html.contains("Does dim byd yn y cyfeiriad hwn"), "{html}");
    }
);
