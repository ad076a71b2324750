//! Keyboard-only journeys (WCAG 2.1.1 keyboard, 2.1.2 no trap, 2.4.7
//! focus visible): someone who uses no mouse registers, writes a
//! proposal, supports another, votes in a board's poll, shares a story and
//! gives consent for its use. They move only with Tab, type, and press
//! Enter, Space and the arrow keys. At every stop the focused element
//! must be visibly marked, and focus must always move on.

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::browser::Browser;
use crate::common::{api_token, delivered_email, json as body_json, link_in, send, user, TestApp};
use coproduce::accounts::Role;

const HOST: &str = "coventry.test";

/// What the focused element is, as the page sees it.
#[derive(Debug, serde::Deserialize)]
struct Focus {
    body: bool,
    matches: bool,
    marked: bool,
    what: String,
}

/// A keyboard, and the record of where focus went.
struct Keyboard<'a> {
    browser: &'a Browser,
    /// Every element focus stopped on, across the journey.
    stops: usize,
}

impl<'a> Keyboard<'a> {
    fn new(browser: &'a Browser) -> Self {
        Keyboard { browser, stops: 0 }
    }

    async fn keys(&self, keys: &str) {
        self.browser
            .client
            .active_element()
            .await
            .expect("an element has focus")
            .send_keys(keys)
            .await
            .expect("keys sent");
    }

    async fn focus(&self, css: &str) -> Focus {
        let raw = self
            .browser
            .client
            .execute(
                "const el = document.activeElement;
                 if (!el || el === document.body) return JSON.stringify({ body: true, matches: false, marked: false, what: 'body' });
                 const s = getComputedStyle(el);
                 const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                 const marked = outline || s.backgroundColor === 'rgb(255, 191, 71)' || s.boxShadow !== 'none';
                 return JSON.stringify({ body: false, matches: el.matches(arguments[0]), marked,
                   what: el.outerHTML.slice(0, 160) });",
                vec![json!(css)],
            )
            .await
            .expect("the page answered");
        serde_json::from_str(raw.as_str().expect("a string")).expect("JSON")
    }

    /// Presses Tab until the focused element matches `css`. Fails if an
    /// element focus stops on is not visibly marked, if focus stays put
    /// (a trap), or if a whole round of the page never reaches it.
    async fn tab_to(&mut self, css: &str) {
        let mut last = String::new();
        let mut same = 0;
        for _ in 0..250 {
            self.keys(&Key::Tab.to_string()).await;
            let f = self.focus(css).await;
            if f.body {
                continue;
            }
            self.stops += 1;
            assert!(f.marked, "focus is not visible on {}", f.what);
            if f.matches {
                return;
            }
            if f.what == last {
                same += 1;
                assert!(same < 3, "focus is stuck on {}", f.what);
            } else {
                same = 0;
            }
            last = f.what;
        }
        panic!("Tab never reached `{css}`");
    }

    async fn type_text(&self, text: &str) {
        self.keys(text).await;
    }

    async fn enter(&self) {
        self.keys(&Key::Enter.to_string()).await;
    }

    async fn space(&self) {
        self.keys(" ").await;
    }

    /// Moves through a focused select (or radio group) with the down
    /// arrow until `done` (a JavaScript expression about `el`, the focused
    /// element) holds.
    async fn arrow_until(&self, done: &str) {
        for _ in 0..12 {
            let holds = self
                .browser
                .client
                .execute(
                    &format!("const el = document.activeElement; return Boolean({done});"),
                    vec![],
                )
                .await
                .expect("the page answered");
            if holds == json!(true) {
                return;
            }
            self.keys(&Key::Down.to_string()).await;
        }
        panic!("the arrow keys never made `{done}` true");
    }
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let res = send(
        app,
        HOST,
        reqwest::Method::POST,
        path,
        Some(token),
        Some(body),
    )
    .await;
    assert_eq!(res.status(), 201, "{path}: {}", res.text().await.unwrap());
    body_json(res).await
}

fn id(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_owned()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    use coproduce::db::schema::users;
    use diesel::prelude::*;
    let email = email.to_owned();
    app.db(move |conn| {
        users::table
            .filter(users::email.eq(&email))
            .select(users::id)
            .first::<String>(conn)
            .expect("the account exists")
    })
    .await
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    app.db(move |conn| diesel::sql_query(sql).get_result::<N>(conn).expect(sql).n)
        .await
}

both_backends!(
    async fn a_person_takes_part_from_start_to_finish_with_the_keyboard_alone(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        // Others have been busy: a proposal to support, and a board.
        let ola = user(&app, "coventry", "ola@example.org", Role::Citizen, false, false).await;
        let ola_t = api_token(&app, &ola).await;
        let theirs = post(&app, "/api/v1/proposals", &ola_t, json!({
            "title": "Benches along the canal path",
            "intended_outcome": "Older people can walk the path with places to rest.",
            "body": "Six benches between the basin and the bridge.",
        })).await;
        let theirs = id(&theirs);
        let fay = user(&app, "coventry", "fay@example.org", Role::Citizen, false, false).await;
        let fay_t = api_token(&app, &fay).await;
        let board = id(&post(&app, "/api/v1/boards", &fay_t, json!({
            "title": "Night shelter intake",
            "description": "People who have used the shelter and its staff, together.",
            "service_area": "Homelessness",
        })).await);

        let browser = Browser::start(&app).await;
        let mut kb = Keyboard::new(&browser);
        browser.goto(&app, HOST, "/").await;

        // Register.
        kb.tab_to("a[href='/register']").await;
        kb.enter().await;
        browser.wait_for_heading("Create an account").await;
        kb.tab_to("#display_name").await;
        kb.type_text("Kim").await;
        kb.tab_to("#email").await;
        kb.type_text("kim@example.org").await;
        kb.tab_to("#password").await;
        kb.type_text("violet kettle harbour 42").await;
        kb.tab_to("main form button[type=submit]").await;
        kb.enter().await;
        browser.wait_for_heading("Your account").await;
        // The link in the email, opened from the mail program.
        let link = link_in(&delivered_email(&app, "kim@example.org", "verify_email").await);
        browser.client.goto(&link).await.unwrap();
        browser.wait_for_heading("Confirm your email address").await;
        kb.tab_to("main form button[type=submit]").await;
        kb.enter().await;
        browser.wait_for_heading("Your account").await;
        assert!(browser.text("main").await.contains("(confirmed)"));

        // Write a proposal.
        kb.tab_to("a[href='/proposals']").await;
        kb.enter().await;
        browser.wait_for_heading("Proposals").await;
        kb.tab_to("a[href='/proposals/new']").await;
        kb.enter().await;
        kb.tab_to("#title").await;
        kb.type_text("A quiet hour at the library").await;
        kb.tab_to("#intended_outcome").await;
        kb.type_text("People who find noise hard can use the library too.").await;
        kb.tab_to("#body").await;
        kb.type_text("One hour each morning with the lights low and no announcements.").await;
        kb.tab_to("button[value='publish']").await;
        kb.enter().await;
        browser.wait_for_heading("A quiet hour at the library").await;
        assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM proposals WHERE title = 'A quiet hour at the library' AND status = 'published'").await, 1);

        // Support someone else's.
        kb.tab_to("a[href='/proposals']").await;
        kb.enter().await;
        browser.wait_for_heading("Proposals").await;
        kb.tab_to(&format!("main a[href='/proposals/{theirs}']")).await;
        kb.enter().await;
        browser.wait_for_heading("Benches along the canal path").await;
        kb.tab_to("form[action$='/support'] button").await;
        kb.enter().await;
        browser.wait_for_heading("Benches along the canal path").await;
        assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM proposal_supports").await, 1);

        // Vote: Kim has joined the board, and a poll is open.
        let kim = user_id(&app, "kim@example.org").await;
        post(&app, &format!("/api/v1/boards/{board}/members"), &fay_t, json!({"user_id": kim, "role": "member"})).await;
        let poll = id(&post(&app, &format!("/api/v1/boards/{board}/polls"), &fay_t, json!({
            "question": "When should intake open?",
            "method": "ranked",
            "options": [{"label": "Mornings"}, {"label": "Evenings"}, {"label": "Saturdays"}],
            "rule": "parity",
            "secret": false,
        })).await);
        kb.tab_to("a[href='/boards']").await;
        kb.enter().await;
        browser.wait_for_heading("Co-design boards").await;
        kb.tab_to(&format!("main a[href='/boards/{board}']")).await;
        kb.enter().await;
        browser.wait_for_heading("Night shelter intake").await;
        kb.tab_to(&format!("main a[href='/polls/{poll}']")).await;
        kb.enter().await;
        browser.wait_for_heading("When should intake open?").await;
        kb.tab_to("#ranking").await;
        kb.arrow_until("el.selectedOptions[0].text === 'Evenings'").await;
        kb.tab_to("#rank-2").await;
        kb.arrow_until("el.selectedOptions[0].text === 'Mornings'").await;
        kb.tab_to("form.ballot button[type=submit]").await;
        kb.enter().await;
        browser.wait_for_heading("When should intake open?").await;
        assert!(browser.text("#main").await.contains("You have voted"));
        assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM poll_ballots").await, 1);

        // Share a story, from the account page.
        kb.tab_to("a[href='/account']").await;
        kb.enter().await;
        browser.wait_for_heading("Your account").await;
        kb.tab_to("main a[href='/stories']").await;
        kb.enter().await;
        kb.tab_to("a[href='/stories/new']").await;
        kb.enter().await;
        kb.tab_to("#title").await;
        kb.type_text("Three weeks at the bus station").await;
        kb.tab_to("#body").await;
        kb.type_text("I slept at the bus station for three weeks before anyone asked my name.").await;
        kb.tab_to("main form button[type=submit]").await;
        kb.enter().await;
        browser.wait_for_heading("Three weeks at the bus station").await;
        let story = browser.client.current_url().await.unwrap().path().trim_start_matches("/stories/").to_owned();

        // Give consent for research, read by people signed in here, under
        // a first name.
        kb.tab_to(&format!("a[href='/stories/{story}/consent']")).await;
        kb.enter().await;
        kb.tab_to("#research-give").await;
        kb.space().await;
        kb.tab_to("#research-audience").await;
        kb.arrow_until("el.value === 'tenant'").await;
        kb.tab_to("input[name='research-attribution']").await;
        kb.arrow_until("el.id === 'research-attribution-first_name' && el.checked").await;
        kb.tab_to("main form[action$='/consent'] button[type=submit]").await;
        kb.enter().await;
        browser.wait_for_heading("Three weeks at the bus station").await;
        assert!(browser.text("main table").await.contains("Research"));
        assert_eq!(
            count(&app, "SELECT COUNT(*) AS n FROM story_consents WHERE purpose = 'research' AND audience_kind = 'tenant' AND withdrawn_at IS NULL").await,
            1
        );
        assert!(kb.stops > 30, "the journey stopped on {} elements", kb.stops);
        browser.close().await;
    }
);
