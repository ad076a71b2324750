//! Tenancy: each host sees only its own tenant; unknown hosts, suspended
//! tenants and the default tenant.

use crate::both_backends;
use crate::common::{assert_problem, Backend, TestApp};
use coproduce::db::schema::tenants;
use coproduce::tenancy::{service, Hostname, Slug};
use diesel::prelude::*;

both_backends!(
    async fn two_tenants_on_two_hosts_see_only_their_own_home(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        app.tenant("leeds", "Leeds", &["leeds.test", "www.leeds.test"]).await;

        for (host, mine, theirs) in [
            ("coventry.test", "Coventry", "Leeds"),
            ("leeds.test", "Leeds", "Coventry"),
            ("www.leeds.test", "Leeds", "Coventry"),
        ] {
            let res = app.get(host, "/").await;
            assert_eq!(res.status(), 200, "{host}");
            let html = res.text().await.unwrap();
            assert!(html.contains(&format!("{mine}: shaping services together")), "{host}");
            assert!(!html.contains(theirs), "{host} shows {theirs}");
        }
    }
);

both_backends!(
    async fn host_matching_ignores_port_and_case(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let res = app
            .client("coventry.test")
            .get(app.url("coventry.test", "/"))
            .header("Host", "CoVentry.TEST:4321")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Coventry"));
    }
);

both_backends!(
    async fn unknown_hosts_get_a_clear_404(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;

        let page = app.get("elsewhere.test", "/").await;
        assert_eq!(page.status(), 404);
        assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = page.text().await.unwrap();
        assert!(html.contains("No place is served at this address"));
        assert!(!html.contains("Coventry"), "must not reveal other tenants");

        let api = app.get("elsewhere.test", "/api/v1/anything").await;
        assert_problem(api, 404, "unknown_host").await;

        // A malformed Host header is simply unknown, never an error.
        let res = app
            .client("coventry.test")
            .get(app.url("coventry.test", "/"))
            .header("Host", "bad host!")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);

both_backends!(
    async fn a_suspended_tenant_is_paused_not_served(app) {
        let t = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        app.db(move |conn| {
            diesel::update(tenants::table.find(&t.id))
                .set(tenants::status.eq("suspended"))
                .execute(conn)
                .unwrap()
        })
        .await;
        let res = app.get("coventry.test", "/").await;
        assert_eq!(res.status(), 503);
        assert!(res.text().await.unwrap().contains("paused"));
        let api = app.get("coventry.test", "/api/v1/me").await;
        assert_problem(api, 503, "tenant_suspended").await;
    }
);

both_backends!(
    async fn forwarded_host_is_ignored_from_untrusted_peers(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        app.tenant("leeds", "Leeds", &["leeds.test"]).await;
        let res = app
            .client("coventry.test")
            .get(app.url("coventry.test", "/"))
            .header("X-Forwarded-Host", "leeds.test")
            .send()
            .await
            .unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains("Coventry") && !html.contains("Leeds"));
    }
);

#[tokio::test]
async fn forwarded_host_is_used_from_a_trusted_proxy() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    app.tenant("coventry", "Coventry", &["coventry.test"]).await;
    app.tenant("leeds", "Leeds", &["leeds.test"]).await;
    let res = app
        .client("coventry.test")
        .get(app.url("coventry.test", "/"))
        .header("X-Forwarded-Host", "leeds.test")
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Leeds"));
}

#[tokio::test]
async fn the_default_tenant_serves_unknown_hosts() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.default_tenant = Some(Slug::parse("coventry").unwrap());
    })
    .await;
    app.tenant("coventry", "Coventry", &["coventry.test"]).await;
    app.tenant("leeds", "Leeds", &["leeds.test"]).await;
    let res = app.get("anything.test", "/").await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Coventry"));
    // Hosts a tenant claims still go to that tenant.
    assert!(app
        .get("leeds.test", "/")
        .await
        .text()
        .await
        .unwrap()
        .contains("Leeds"));
}

both_backends!(
    async fn tenant_rules_refuse_clashes(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let outcome = app
            .db(|conn| {
                let slug = |s| Slug::parse(s).unwrap();
                let host = |h| Hostname::parse(h).unwrap();
                let same_slug = service::create(conn, &slug("coventry"), "Again", &[host("x.test")]);
                let same_host =
                    service::create(conn, &slug("other"), "Other", &[host("coventry.test")]);
                let blank_name = service::create(conn, &slug("blank"), "  ", &[host("b.test")]);
                let last_host =
                    service::remove_host(conn, &slug("coventry"), &host("coventry.test"));
                let added = service::add_host(conn, &slug("coventry"), &host("cov.test"));
                let removed = service::remove_host(conn, &slug("coventry"), &host("coventry.test"));
                let hosts = service::list(conn).unwrap();
                (
                    same_slug.unwrap_err().to_string(),
                    same_host.unwrap_err().to_string(),
                    blank_name.is_err(),
                    last_host.unwrap_err().to_string(),
                    added.is_ok() && removed.is_ok(),
                    hosts,
                )
            })
            .await;
        assert!(outcome.0.contains("already exists"), "{}", outcome.0);
        assert!(outcome.1.contains("already serves the tenant `coventry`"), "{}", outcome.1);
        assert!(outcome.2);
        assert!(outcome.3.contains("only host"), "{}", outcome.3);
        assert!(outcome.4);
        // The failed creations left nothing behind.
        assert_eq!(outcome.5.len(), 1);
        assert_eq!(outcome.5[0].1, vec!["cov.test".to_owned()]);
    }
);
