//! Operating an installation: `coproduce backup` and `restore` (the
//! database while it serves, the key store apart, with erasures surviving a
//! restore of an older key store), `coproduce doctor`, `/metrics` and who
//! may read it, JSON logs carrying request ids, and the deployment files
//! (YAML that parses and says what the guide says, systemd units that
//! `systemd-analyze verify` accepts).

use std::path::{Path, PathBuf};
use std::time::Duration;

use coproduce::db::ids::UserId;
use serde_json::Value;

use crate::cli::{coproduce, out, serve};
use crate::common::{Backend, TestApp};

const TOKEN: &str = "metrics-token-for-the-test-0123456789";

/// `coproduce` on a data folder of its own (SQLite and a generated master
/// key inside it).
fn on(dir: &Path) -> std::process::Command {
    let mut cmd = coproduce();
    cmd.arg("--data-dir").arg(dir);
    cmd
}

fn tenants(dir: &Path) -> String {
    let o = on(dir).args(["tenant", "list"]).output().unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    out(&o).0
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_database_is_backed_up_while_serving_and_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let o = on(&dir)
        .args([
            "tenant",
            "create",
            "--slug",
            "coventry",
            "--name",
            "Coventry",
            "--host",
            "coventry.test",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    let server = serve(on(&dir));
    // A write the server makes while the backup runs is either in it or not;
    // the backup is whole either way.
    let client = reqwest::Client::new();
    let page = client
        .get(format!("http://127.0.0.1:{}/healthz", server.addr.port()))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let backup = tmp.path().join("coproduce-backup.db");
    let o = on(&dir).arg("backup").arg(&backup).output().unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    assert!(out(&o).0.contains("Wrote"), "{:?}", out(&o));
    assert!(
        out(&o).0.contains("coproduce backup --keys"),
        "it points at the key store: {:?}",
        out(&o)
    );
    #[cfg(unix)]
    assert_eq!(mode(&backup), 0o600, "a backup is its owner's only");
    assert!(!PathBuf::from(format!("{}.partial", backup.display())).exists());
    // Never over an existing file.
    let o = on(&dir).arg("backup").arg(&backup).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.contains("already exists"), "{:?}", out(&o));
    drop(server);

    // Changes after the backup…
    let o = on(&dir)
        .args([
            "tenant",
            "create",
            "--slug",
            "leeds",
            "--name",
            "Leeds",
            "--host",
            "leeds.test",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    assert!(tenants(&dir).contains("leeds"));
    // …are kept unless the operator confirms the restore.
    let o = on(&dir).arg("restore").arg(&backup).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.contains("--yes"), "{:?}", out(&o));
    assert!(tenants(&dir).contains("leeds"));
    let o = on(&dir)
        .args(["restore", "--yes"])
        .arg(&backup)
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    let list = tenants(&dir);
    assert!(
        list.contains("coventry") && !list.contains("leeds"),
        "{list}"
    );

    // Not a backup, or the other kind: refused, nothing replaced.
    let junk = tmp.path().join("junk.db");
    // Longer than an SQLite header, so the header itself is what is refused.
    std::fs::write(&junk, "this file is not a database at all").unwrap();
    let o = on(&dir)
        .args(["restore", "--yes"])
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).1.contains("not an SQLite database"),
        "{:?}",
        out(&o)
    );
    let keys_backup = tmp.path().join("keys.db");
    let o = on(&dir)
        .args(["backup", "--keys"])
        .arg(&keys_backup)
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    let o = on(&dir)
        .args(["restore", "--yes"])
        .arg(&keys_backup)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.contains("no `tenants` table"), "{:?}", out(&o));
    assert!(tenants(&dir).contains("coventry"));
}

#[tokio::test]
async fn a_restored_key_store_forgets_again_whoever_was_erased_since() {
    use coproduce::audit::{Event, Kind};
    let app = TestApp::spawn(Backend::Sqlite).await;
    let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
    let (kept, erased) = (UserId::new(), UserId::new());
    let keys = coproduce::keys::KeyStore::from_settings(&app.settings).unwrap();
    let sealed = {
        let (keys, t, k, e) = (
            keys.clone(),
            tenant.id.clone(),
            kept.clone(),
            erased.clone(),
        );
        tokio::task::spawn_blocking(move || {
            (
                keys.encrypt_for(&t, &k, b"kept", b"test").unwrap(),
                keys.encrypt_for(&t, &e, b"erased", b"test").unwrap(),
            )
        })
        .await
        .unwrap()
    };
    let dir = app.settings.data_dir.clone();
    let db = app.settings.database.expose();
    let backup = dir.join("keys-backup.db");
    let o = on(&dir)
        .args(["--database-url", &db, "backup", "--keys"])
        .arg(&backup)
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    assert!(out(&o).0.contains("short rotation"), "{:?}", out(&o));

    // Erased after the backup: the key is destroyed and the audit log says so.
    let (t, e) = (tenant.id.clone(), erased.clone());
    let k2 = keys.clone();
    tokio::task::spawn_blocking(move || k2.destroy(&t, &e).unwrap())
        .await
        .unwrap();
    let (t, e) = (tenant.id.clone(), erased.clone());
    app.db(move |conn| {
        coproduce::audit::service::record(conn, &t, Event::new(Kind::AccountErased).of(&e)).unwrap()
    })
    .await;

    let o = on(&dir)
        .args(["--database-url", &db, "restore", "--keys", "--yes"])
        .arg(&backup)
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    assert!(
        out(&o).0.contains("the keys of 1 person(s) erased"),
        "{:?}",
        out(&o)
    );
    // A fresh look at the restored store: the erased stay unreadable, the
    // others read as before.
    let store = coproduce::keys::KeyStore::from_settings(&app.settings).unwrap();
    let (t, k, e) = (tenant.id.clone(), kept.clone(), erased.clone());
    let (read_kept, read_erased) = tokio::task::spawn_blocking(move || {
        (
            store
                .decrypt_for(&t, &k, &sealed.0, b"test")
                .map_err(|e| e.to_string()),
            store
                .decrypt_for(&t, &e, &sealed.1, b"test")
                .map_err(|e| e.to_string()),
        )
    })
    .await
    .unwrap();
    assert_eq!(read_kept.unwrap(), b"kept");
    assert!(read_erased.is_err(), "an erased person's content came back");
}

#[tokio::test]
async fn postgres_backups_are_left_to_pg_dump() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let o = coproduce()
        .arg("--data-dir")
        .arg(&app.settings.data_dir)
        .args(["--database-url", &app.settings.database.expose(), "backup"])
        .arg(app.settings.data_dir.join("x.db"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.contains("pg_dump"), "{:?}", out(&o));
}

#[test]
fn doctor_says_what_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    // Nothing there yet.
    let o = on(&dir).arg("doctor").output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{:?}", out(&o));
    let (said, _) = out(&o);
    assert!(said.contains("FAIL  data folder:"), "{said}");
    assert!(said.contains("fix: create it"), "{said}");
    // It changed nothing: no folder, no database, no key.
    assert!(!dir.exists());

    let o = on(&dir).arg("migrate").output().unwrap();
    assert!(o.status.success(), "{:?}", out(&o));
    let o = on(&dir).arg("doctor").output().unwrap();
    let (said, err) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{said}{err}");
    assert!(
        said.contains("ok    database: ") && said.contains("migrations are current"),
        "{said}"
    );
    assert!(said.contains("WARN  master key: none yet"), "{said}");
    assert!(said.contains("WARN  metrics:"), "{said}");
    assert!(said.contains("Nothing to fix"), "{said}");
    assert!(
        !dir.join("keys").join("master.key").exists(),
        "the doctor generated a key"
    );

    // A database without this version's migrations, and mail that cannot go.
    let empty = tmp.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let o = on(&dir)
        .arg("--database-url")
        .arg(&empty)
        .args(["--mail", "smtp://127.0.0.1:9?tls=none", "doctor"])
        .output()
        .unwrap();
    let (said, err) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("FAIL  migrations:"), "{said}");
    assert!(said.contains("coproduce migrate"), "{said}");
    assert!(said.contains("FAIL  mail:"), "{said}");
    assert!(err.contains("2 problem(s) to fix"), "{err}");
}

#[tokio::test]
async fn metrics_need_the_token_and_label_routes_by_pattern() {
    // Without a token there is no /metrics at all.
    let closed = TestApp::spawn(Backend::Sqlite).await;
    assert_eq!(closed.get("localhost", "/metrics").await.status(), 404);
    drop(closed);

    let app = TestApp::spawn_with(Backend::Postgres, |s| {
        s.metrics_token = Some(coproduce::config::SecretText::new(TOKEN.into()));
    })
    .await;
    app.tenant("coventry", "Coventry", &["coventry.test"]).await;
    let id = uuid::Uuid::now_v7().to_string();
    for _ in 0..3 {
        let res = app
            .get("coventry.test", &format!("/api/v1/proposals/{id}"))
            .await;
        assert_eq!(res.status(), 404);
    }
    assert_eq!(app.get("coventry.test", "/healthz").await.status(), 200);
    let scrape = |token: Option<&'static str>| {
        let mut req = app
            .client("localhost")
            .get(app.url("localhost", "/metrics"));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    assert_eq!(scrape(None).await.unwrap().status(), 401);
    assert_eq!(
        scrape(Some("metrics-token-for-the-test-012345678X"))
            .await
            .unwrap()
            .status(),
        401
    );
    let res = scrape(Some(TOKEN)).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = res.text().await.unwrap();
    assert!(
        text.contains("coproduce_http_requests_total{method=\"GET\",route=\"/api/v1/proposals/{id}\",status=\"404\"} 3\n"),
        "{text}"
    );
    assert!(!text.contains(&id), "a raw path reached the metrics");
    assert!(text.contains("coproduce_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/proposals/{id}\"} 3\n"), "{text}");
    assert!(
        text.contains("route=\"/healthz\",status=\"200\"} 1\n"),
        "{text}"
    );
    assert!(
        text.contains("coproduce_db_pool_max_connections 16\n"),
        "{text}"
    );
    assert!(
        text.contains("coproduce_outbox_messages{status=\"failed\"} 0\n"),
        "{text}"
    );
    assert!(text.contains("coproduce_database_up 1\n"), "{text}");
    // Every sample line is `name{labels} value` or `name value`.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let value = line.rsplit(' ').next().unwrap();
        assert!(value.parse::<f64>().is_ok(), "not a sample: {line}");
    }
}

#[tokio::test]
async fn json_logs_carry_the_request_id() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = on(tmp.path());
    cmd.env("COPRODUCE_LOG_FORMAT", "json")
        .env("RUST_LOG", "info");
    let server = serve(cmd);
    let res = reqwest::get(format!("http://127.0.0.1:{}/healthz", server.addr.port()))
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let line = loop {
        let line = server
            .log
            .recv_timeout(Duration::from_secs(30))
            .expect("a log line for the request");
        if line.contains(&id) {
            break line;
        }
    };
    let entry: Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    assert_eq!(entry["span"]["request_id"], id.as_str(), "{entry}");
    assert_eq!(entry["fields"]["status"], 200, "{entry}");
    assert!(
        entry["timestamp"].is_string() && entry["level"].is_string(),
        "{entry}"
    );
}

/// Every YAML file under deploy/, as JSON (python3's yaml module reads them);
/// `None` when python3 or its yaml module is not installed.
fn deploy_yaml() -> Option<Vec<(String, Vec<Value>)>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy");
    let script = "import json, sys, yaml, pathlib\n\
        root = pathlib.Path(sys.argv[1])\n\
        print(json.dumps([[str(p.relative_to(root)), [d for d in yaml.safe_load_all(p.read_text()) if d is not None]] for p in sorted(root.rglob('*.yaml'))]))";
    let o = std::process::Command::new("python3")
        .args(["-c", script, root])
        .output();
    match o {
        Ok(o) if o.status.success() => {
            Some(serde_json::from_slice(&o.stdout).expect("JSON from python3"))
        }
        Ok(o) if String::from_utf8_lossy(&o.stderr).contains("No module named 'yaml'") => None,
        Ok(o) => panic!(
            "a deploy YAML file does not parse:\n{}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => None,
    }
}

#[test]
fn deployment_files_parse_and_match_the_guide() {
    let Some(files) = deploy_yaml() else {
        eprintln!("SKIPPED: python3 with its yaml module is not installed");
        return;
    };
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/README.md")).unwrap();
    let docs: Vec<(&String, &Value)> = files
        .iter()
        .flat_map(|(f, docs)| docs.iter().map(move |d| (f, d)))
        .collect();
    let kinds: Vec<&str> = docs
        .iter()
        .filter_map(|(_, d)| d["kind"].as_str())
        .collect();
    for kind in [
        "Deployment",
        "Service",
        "Ingress",
        "Job",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Secret",
        "ConfigMap",
    ] {
        assert!(
            kinds.contains(&kind),
            "deploy/kubernetes has no {kind}: {kinds:?}"
        );
    }
    let deployment = |name: &str| {
        docs.iter()
            .find(|(_, d)| d["kind"] == "Deployment" && d["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("no Deployment {name}"))
            .1
    };
    let web = &deployment("coproduce-web")["spec"]["template"]["spec"];
    let container = &web["containers"][0];
    assert_eq!(container["args"][0], "serve");
    assert_eq!(container["readinessProbe"]["httpGet"]["path"], "/readyz");
    assert_eq!(container["livenessProbe"]["httpGet"]["path"], "/healthz");
    assert!(container["resources"]["requests"]["cpu"].is_string());
    let worker = &deployment("coproduce-worker")["spec"]["template"]["spec"];
    assert_eq!(worker["containers"][0]["args"][0], "worker");
    for spec in [web, worker] {
        assert_eq!(spec["securityContext"]["runAsNonRoot"], true);
        assert_eq!(
            spec["containers"][0]["securityContext"]["allowPrivilegeEscalation"],
            false
        );
    }
    let job = docs.iter().find(|(_, d)| d["kind"] == "Job").unwrap().1;
    assert_eq!(
        job["spec"]["template"]["spec"]["containers"][0]["args"][0],
        "migrate"
    );
    let ingress = docs.iter().find(|(_, d)| d["kind"] == "Ingress").unwrap().1;
    assert!(
        ingress["spec"]["rules"].as_array().unwrap().len() >= 2,
        "one host per place"
    );

    let compose = &files
        .iter()
        .find(|(f, _)| f == "compose.yaml")
        .expect("deploy/compose.yaml")
        .1[0];
    for service in ["app", "db", "mail", "migrate"] {
        assert!(
            compose["services"][service].is_object(),
            "compose has no {service}"
        );
    }
    // Every setting the files use is one the README documents (a typo in a
    // name would be silently ignored by the program).
    let mut names: Vec<String> = Vec::new();
    for (_, d) in &docs {
        for map in [&d["data"], &d["stringData"]] {
            if let Some(m) = map.as_object() {
                names.extend(m.keys().cloned());
            }
        }
    }
    if let Some(env) = compose["services"]["app"]["environment"].as_object() {
        names.extend(env.keys().cloned());
    }
    for name in names
        .iter()
        .filter(|n| n.starts_with("COPRODUCE_") || *n == "DATABASE_URL")
    {
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name} is not a documented setting"
        );
        assert!(
            guide.contains(name.as_str()),
            "deploy/README.md does not mention {name}"
        );
    }
}

#[test]
fn systemd_units_pass_systemd_analyze_verify() {
    let Ok(probe) = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
    else {
        eprintln!("SKIPPED: systemd-analyze is not installed");
        return;
    };
    assert!(probe.status.success());
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/systemd"));
    let mut units = Vec::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".service") || name.ends_with(".timer") {
            // The unit names the installed binary; verify checks it exists.
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("/usr/local/bin/coproduce", env!("CARGO_BIN_EXE_coproduce"));
            let to = tmp.path().join(&name);
            std::fs::write(&to, text).unwrap();
            units.push(to);
        }
    }
    assert!(units.len() >= 3, "{units:?}");
    let o = std::process::Command::new("systemd-analyze")
        .arg("verify")
        .args(&units)
        .output()
        .unwrap();
    let (stdout, stderr) = out(&o);
    assert!(
        o.status.success() && stderr.trim().is_empty(),
        "systemd-analyze verify:\n{stdout}{stderr}"
    );
    let unit = std::fs::read_to_string(src.join("coproduce.service")).unwrap();
    for hardening in [
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "StateDirectory=coproduce",
    ] {
        assert!(unit.contains(hardening), "the unit lacks {hardening}");
    }
}
