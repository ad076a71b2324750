//! `coproduce demo`: seeds Coventry once, changes nothing when run again,
//! and its printed accounts can sign in.

use diesel::prelude::*;
use serde_json::json;

use crate::both_backends;
use crate::cli::{coproduce, out};
use crate::common::{send, TestApp};

pub(crate) const HOST: &str = "coventry.test";

/// Runs `coproduce demo` on the app's database, serving Coventry at
/// [`HOST`]; its output.
pub(crate) fn demo(app: &TestApp) -> String {
    let o = coproduce()
        .arg("--data-dir")
        .arg(&app.settings.data_dir)
        .arg("--database-url")
        .arg(app.settings.database.expose())
        .args(["demo", "--host", HOST])
        .output()
        .unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    stdout
}

/// How many rows of each kind the demo made, in every tenant.
async fn counts(app: &TestApp) -> Vec<i64> {
    use coproduce::db::schema::{
        areas, board_members, boards, comments, organisations, poll_ballots, polls, proposals,
        stories, users,
    };
    app.db(|conn| {
        vec![
            users::table.count().get_result(conn).unwrap(),
            areas::table.count().get_result(conn).unwrap(),
            organisations::table.count().get_result(conn).unwrap(),
            proposals::table.count().get_result(conn).unwrap(),
            comments::table.count().get_result(conn).unwrap(),
            boards::table.count().get_result(conn).unwrap(),
            board_members::table.count().get_result(conn).unwrap(),
            polls::table.count().get_result(conn).unwrap(),
            poll_ballots::table.count().get_result(conn).unwrap(),
            stories::table.count().get_result(conn).unwrap(),
        ]
    })
    .await
}

/// The email and password the output offers for an account.
fn an_account(stdout: &str) -> (String, String) {
    let password = stdout
        .lines()
        .find_map(|l| l.split_once("the password of each is: "))
        .map(|(_, p)| p.trim().to_owned())
        .expect("the output gives the password");
    let email = stdout
        .lines()
        .find_map(|l| l.split_whitespace().find(|w| w.starts_with("kev@")))
        .expect("the output lists Kev's account")
        .to_owned();
    (email, password)
}

both_backends!(
    async fn the_demo_seeds_coventry_once_and_its_accounts_sign_in(app) {
        let first = demo(&app);
        assert!(first.contains("Seeded the demo place Coventry"), "{first}");
        assert!(first.contains(&format!("://{HOST}/")), "the URL: {first}");
        let seeded = counts(&app).await;
        assert!(seeded.iter().all(|n| *n > 0), "something of every kind: {seeded:?}");

        let second = demo(&app);
        assert!(second.contains("already there; nothing changed"), "{second}");
        assert_eq!(counts(&app).await, seeded, "a second run changes nothing");

        let (email, password) = an_account(&first);
        let body = json!({"email": email, "password": password});
        let res = send(&app, HOST, reqwest::Method::POST, "/api/v1/auth/login", None, Some(body)).await;
        assert_eq!(res.status(), 200, "{email} signs in with the printed password");

        // The place shows what was seeded.
        let home = app.get(HOST, "/proposals").await.text().await.unwrap();
        assert!(home.contains("One front door for a bed on a cold night"));
    }
);
