//! The key store: content sealed per person, crypto-shredding, master key
//! rotation, the `keys` commands and their settings. On each backend the
//! key store is a second database of the same kind as the main one.

use coproduce::db::ids::{TenantId, UserId};
use coproduce::db::{self, DatabaseUrl};
use coproduce::keys::schema::data_keys;
use coproduce::keys::{KeyError, KeyStore, MasterKey, MasterKeyRing, MasterKeySetting};
use diesel::prelude::*;

use crate::both_backends;
use crate::cli::{coproduce, out};
use crate::common::pg::PgTestDb;
use crate::common::{test_settings, Backend, TestApp};

/// The app with its key store on the test's backend. Fields drop in order:
/// the app stops before its key store database is dropped.
struct KeysApp {
    app: TestApp,
    _store_db: Option<PgTestDb>,
}

async fn spawn(backend: Backend) -> KeysApp {
    let store_db = (backend == Backend::Postgres).then(PgTestDb::create);
    let url = store_db
        .as_ref()
        .map(|db| DatabaseUrl::Postgres(db.url.clone()));
    let app = TestApp::spawn_with(backend, |s| {
        if let Some(url) = url {
            s.key_store = url;
        }
    })
    .await;
    KeysApp {
        app,
        _store_db: store_db,
    }
}

/// A person's key store row: (wrapped key, nonce, master key id, destroyed).
fn row(store: &DatabaseUrl, tenant: &TenantId, user: &UserId) -> (Vec<u8>, Vec<u8>, String, bool) {
    let mut conn = db::connect(store).unwrap();
    let (wrapped, nonce, id, destroyed): (Vec<u8>, Vec<u8>, String, Option<chrono::NaiveDateTime>) =
        data_keys::table
            .find((tenant.as_str(), user.as_str()))
            .select((
                data_keys::wrapped_key,
                data_keys::nonce,
                data_keys::master_key_id,
                data_keys::destroyed_at,
            ))
            .first(&mut conn)
            .unwrap();
    (wrapped, nonce, id, destroyed.is_some())
}

fn given(keys: &[&MasterKey]) -> MasterKeySetting {
    MasterKeySetting::Given(
        MasterKeyRing::new(keys.iter().map(|k| (*k).clone()).collect()).unwrap(),
    )
}

both_backends!(
    async fn keys_seal_per_person_and_erasure_shreds(backend b) {
        let ka = spawn(b).await;
        let settings = ka.app.settings.clone();
        let store = KeyStore::from_settings(&settings).unwrap();
        let tenant = TenantId::new();
        let (alice, bob) = (UserId::new(), UserId::new());

        let for_alice = store.encrypt_for(&tenant, &alice, b"alice's story", b"story 1 v1").unwrap();
        let for_bob = store.encrypt_for(&tenant, &bob, b"bob's story", b"story 2 v1").unwrap();
        assert_eq!(for_alice[0], 1, "version byte");
        assert_eq!(store.decrypt_for(&tenant, &alice, &for_alice, b"story 1 v1").unwrap(), b"alice's story");
        assert_eq!(store.decrypt_for(&tenant, &bob, &for_bob, b"story 2 v1").unwrap(), b"bob's story");
        // Under the other person's key, or with other AAD, it does not open.
        assert!(matches!(store.decrypt_for(&tenant, &bob, &for_alice, b"story 1 v1"), Err(KeyError::Crypto(_))));
        assert!(store.decrypt_for(&tenant, &alice, &for_alice, b"story 1 v2").is_err());

        // A story's own key, wrapped under the person's data key.
        let child = [7u8; 32];
        let wrapped = store.wrap_child_key(&tenant, &alice, &child, b"story 1").unwrap();
        assert_eq!(*store.unwrap_child_key(&tenant, &alice, &wrapped, b"story 1").unwrap(), child);

        // The keys live in another database: the main one has no such table.
        assert_ne!(settings.key_store, settings.database);
        let mut main = ka.app.conn();
        assert!(diesel::sql_query("SELECT count(*) FROM data_keys").execute(&mut main).is_err());
        let (key_bytes, nonce, master_id, destroyed) = row(&settings.key_store, &tenant, &alice);
        assert_eq!((key_bytes.len(), nonce.len(), destroyed), (48, 24, false));
        assert_eq!(master_id, store.ring().current().id());

        store.destroy(&tenant, &alice).unwrap();
        assert!(matches!(store.decrypt_for(&tenant, &alice, &for_alice, b"story 1 v1"), Err(KeyError::Shredded)));
        assert!(matches!(store.unwrap_child_key(&tenant, &alice, &wrapped, b"story 1"), Err(KeyError::Shredded)));
        // An erased person never gets a new key.
        assert!(matches!(store.encrypt_for(&tenant, &alice, b"again", b""), Err(KeyError::Shredded)));
        let (key_bytes, nonce, _, destroyed) = row(&settings.key_store, &tenant, &alice);
        assert!(key_bytes.is_empty() && nonce.is_empty(), "no key bytes remain");
        assert!(destroyed);
        // Twice is the same as once; Bob is untouched.
        store.destroy(&tenant, &alice).unwrap();
        assert_eq!(store.decrypt_for(&tenant, &bob, &for_bob, b"story 2 v1").unwrap(), b"bob's story");

        // Someone never given a key: nothing to read, and erasure still holds.
        let carol = UserId::new();
        assert!(matches!(store.decrypt_for(&tenant, &carol, &for_bob, b""), Err(KeyError::Shredded)));
        store.destroy(&tenant, &carol).unwrap();
        assert!(matches!(store.encrypt_for(&tenant, &carol, b"x", b""), Err(KeyError::Shredded)));
        // To a client, shredded content is simply not there: never a 500.
        assert!(matches!(coproduce::error::Error::from(KeyError::Shredded), coproduce::error::Error::NotFound));

        let census = store.census().unwrap();
        assert_eq!((census.live, census.destroyed, census.under_older_keys), (1, 2, 0));
    }
);

both_backends!(
    async fn keys_rotation_rewraps_without_touching_content(backend b) {
        let ka = spawn(b).await;
        let location = ka.app.settings.key_store.clone();
        let old = MasterKey::generate().unwrap();
        let new = MasterKey::generate().unwrap();
        let store = KeyStore::open(&location, given(&[&old])).unwrap();
        let tenant = TenantId::new();
        let people: Vec<UserId> = (0..3).map(|_| UserId::new()).collect();
        let sealed: Vec<Vec<u8>> = people
            .iter()
            .map(|p| store.encrypt_for(&tenant, p, p.as_str().as_bytes(), b"aad").unwrap())
            .collect();
        store.destroy(&tenant, &people[2]).unwrap();

        assert_eq!(store.rotate_master(new.clone()).unwrap(), 2);
        for p in &people[..2] {
            assert_eq!(row(&location, &tenant, p).2, new.id());
        }
        // Content sealed before still opens, here and with the new key alone.
        let fresh = KeyStore::open(&location, given(&[&new])).unwrap();
        for (p, s) in people[..2].iter().zip(&sealed) {
            assert_eq!(store.decrypt_for(&tenant, p, s, b"aad").unwrap(), p.as_str().as_bytes());
            assert_eq!(fresh.decrypt_for(&tenant, p, s, b"aad").unwrap(), p.as_str().as_bytes());
        }
        // The old master key alone no longer unwraps anyone's key.
        let stale = KeyStore::open(&location, given(&[&old])).unwrap();
        match stale.decrypt_for(&tenant, &people[0], &sealed[0], b"aad") {
            Err(KeyError::MasterKeyMissing { id }) => assert_eq!(id, new.id()),
            other => panic!("the old key still unwraps: {other:?}"),
        }
        assert!(matches!(stale.decrypt_for(&tenant, &people[2], &sealed[2], b"aad"), Err(KeyError::Shredded)));
        // Nothing left to do the second time.
        assert_eq!(store.rotate_master(new.clone()).unwrap(), 0);
        assert_eq!(store.ring().older().len(), 0);
    }
);

#[test]
fn keys_status_and_rotate_on_a_fresh_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = coproduce()
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {:?}", out(&o));
        out(&o).0
    };
    let status = run(&["keys", "status"]);
    let key_file = dir.path().join("keys").join("master.key");
    let first = MasterKeyRing::read_file(&key_file)
        .unwrap()
        .current()
        .clone();
    assert!(
        status.contains(&format!(
            "Master key: {} (generated in {})",
            first.id(),
            key_file.display()
        )),
        "{status}"
    );
    assert!(status.contains("keys/keystore.db"), "{status}");
    assert!(
        status.contains("Data keys: 0 live, 0 destroyed"),
        "{status}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // The same keys the server would use, from the same data folder.
    let settings = test_settings(
        DatabaseUrl::Sqlite(dir.path().join("coproduce.db")),
        dir.path(),
    );
    let store = KeyStore::from_settings(&settings).unwrap();
    let tenant = TenantId::new();
    let (alice, bob, carol) = (UserId::new(), UserId::new(), UserId::new());
    let sealed = store.encrypt_for(&tenant, &alice, b"alice", b"").unwrap();
    store.encrypt_for(&tenant, &bob, b"bob", b"").unwrap();
    store.destroy(&tenant, &carol).unwrap();

    let rotated = run(&["keys", "rotate"]);
    assert!(rotated.contains("Re-wrapped 2 data key(s)"), "{rotated}");
    let second = MasterKeyRing::read_file(&key_file).unwrap();
    assert_ne!(second.current().id(), first.id());
    assert!(second.older().is_empty(), "the old key left the file");
    let status = run(&["keys", "status"]);
    assert!(
        status.contains(&format!("Master key: {}", second.current().id())),
        "{status}"
    );
    assert!(
        status.contains("Data keys: 2 live, 1 destroyed"),
        "{status}"
    );

    // A running store reads the rotated file; a new one opens with it alone.
    assert_eq!(
        store.decrypt_for(&tenant, &alice, &sealed, b"").unwrap(),
        b"alice"
    );
    let reopened = KeyStore::from_settings(&settings).unwrap();
    assert_eq!(
        reopened.decrypt_for(&tenant, &alice, &sealed, b"").unwrap(),
        b"alice"
    );

    // A new key the operator supplies.
    let supplied = MasterKey::generate().unwrap();
    let new_file = dir.path().join("new.key");
    std::fs::write(&new_file, hex_of(&supplied)).unwrap();
    let rotated = run(&[
        "keys",
        "rotate",
        "--new-key-file",
        new_file.to_str().unwrap(),
    ]);
    assert!(
        rotated.contains(&format!("under the master key {}", supplied.id())),
        "{rotated}"
    );
    assert_eq!(
        reopened.decrypt_for(&tenant, &alice, &sealed, b"").unwrap(),
        b"alice"
    );

    // Given in the environment, the new key must come from somewhere.
    let o = coproduce()
        .arg("--data-dir")
        .arg(dir.path())
        .env("COPRODUCE_MASTER_KEY", supplied.encode().as_str())
        .args(["keys", "rotate"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{:?}", out(&o));
    assert!(out(&o).1.contains("--new-key-file"), "{:?}", out(&o));
}

/// A key as 64 hex digits, the other way operators write one.
fn hex_of(key: &MasterKey) -> String {
    let bytes = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        key.encode().as_bytes(),
    )
    .unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn keys_bad_settings_are_named_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 4] = [
        (
            "COPRODUCE_MASTER_KEY",
            "not base64!",
            "COPRODUCE_MASTER_KEY: is not a 32-byte key",
        ),
        (
            "COPRODUCE_MASTER_KEY_FILE",
            "/nonexistent/master.key",
            "COPRODUCE_MASTER_KEY_FILE: cannot read",
        ),
        (
            "COPRODUCE_KEY_STORE",
            "mysql://db/keys",
            "COPRODUCE_KEY_STORE: uses the scheme `mysql`",
        ),
        (
            "COPRODUCE_OLD_MASTER_KEYS",
            "abc",
            "COPRODUCE_OLD_MASTER_KEYS: is only read with COPRODUCE_MASTER_KEY",
        ),
    ];
    for (var, value, says) in cases {
        let o = coproduce()
            .arg("--data-dir")
            .arg(dir.path())
            .env(var, value)
            .args(["keys", "status"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{var}: {:?}", out(&o));
        assert!(
            out(&o).1.contains(says),
            "{var} should say {says}: {:?}",
            out(&o)
        );
        assert!(
            !out(&o).1.contains("not base64!"),
            "the secret was repeated"
        );
    }
    let o = coproduce()
        .args(["--key-store", "redis://k", "migrate"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        out(&o).1.contains("--key-store: uses the scheme `redis`"),
        "{:?}",
        out(&o)
    );

    let file = dir.path().join("coproduce.toml");
    std::fs::write(&file, "key_store = \"mysql://k\"\n").unwrap();
    let o = coproduce()
        .arg("--config")
        .arg(&file)
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("`key_store` in"), "{:?}", out(&o));
}

#[test]
fn keys_serve_refuses_to_start_with_an_unusable_master_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("keys")).unwrap();
    std::fs::write(dir.path().join("keys").join("master.key"), "garbage").unwrap();
    let o = coproduce()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{:?}", out(&o));
    let (_, stderr) = out(&o);
    assert!(
        stderr.contains("the key store or master key is unusable"),
        "{stderr}"
    );
    assert!(stderr.contains("master.key"), "{stderr}");
}
