//! The site's pages in a real browser: they render, are keyboard-usable
//! from the first Tab, and pass axe-core with no serious or critical
//! violations.

use fantoccini::key::Key;

use crate::both_backends;
use crate::common::browser::Browser;

both_backends!(
    async fn site_pages_pass_axe(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let browser = Browser::start().await;
        for (path, heading) in [
            ("/", "Coventry: shaping services together"),
            ("/privacy", "Privacy"),
            ("/accessibility", "Accessibility"),
            ("/problems/not_found", "API problem: not_found"),
            ("/no-such-page", "Not found"),
        ] {
            browser.goto(&app, "coventry.test", path).await;
            assert_eq!(browser.text("h1").await, heading, "{path}");
            assert!(browser.title().await.ends_with("· Coventry"), "{path}");
            browser.assert_accessible().await;
        }
        browser.goto(&app, "unknown.test", "/").await;
        assert_eq!(browser.text("h1").await, "Not found");
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn the_first_tab_reaches_the_skip_link(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let browser = Browser::start().await;
        browser.goto(&app, "coventry.test", "/").await;
        browser
            .client
            .active_element()
            .await
            .unwrap()
            .send_keys(&char::from(Key::Tab).to_string())
            .await
            .unwrap();
        let focused = browser.client.active_element().await.unwrap();
        assert_eq!(focused.text().await.unwrap(), "Skip to main content");
        focused.click().await.unwrap();
        let url = browser.client.current_url().await.unwrap();
        assert_eq!(url.fragment(), Some("main"));
        browser.close().await;
    }
);
