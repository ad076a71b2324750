//! The server's own secrets: the key that signs CSRF tokens and the keys
//! that sign API access tokens. Kept in a file of their own (by default
//! `DATA_DIR/keys/secrets.json`, created on first start with owner-only
//! permissions), never in the database, so a database backup holds none of
//! them. Several replicas must share one file.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

/// One access-token signing key. The newest signs; all verify, so a key
/// can be rotated without signing everyone out.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct SigningKey {
    pub kid: String,
    secret: String,
}

impl SigningKey {
    fn generate() -> Self {
        Self {
            kid: uuid::Uuid::now_v7().simple().to_string()[..16].to_owned(),
            secret: random_b64(32),
        }
    }

    pub fn secret_bytes(&self) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(&self.secret).unwrap_or_default()
    }
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct Secrets {
    csrf_key: String,
    /// Oldest first; the last one signs.
    access_token_keys: Vec<SigningKey>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(…)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error("cannot read the secrets file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the secrets file {path} is not valid: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("cannot write the secrets file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn random_b64(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

impl Secrets {
    pub fn default_path(data_dir: &Path) -> PathBuf {
        data_dir.join("keys").join("secrets.json")
    }

    /// Reads the secrets file, creating it with fresh keys when it does not
    /// exist yet.
    pub fn load_or_create(path: &Path) -> Result<Self, SecretsError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let secrets: Secrets =
                    serde_json::from_str(&text).map_err(|e| SecretsError::Invalid {
                        path: path.to_owned(),
                        reason: e.to_string(),
                    })?;
                if secrets.access_token_keys.is_empty() || secrets.csrf_key().len() < 32 {
                    return Err(SecretsError::Invalid {
                        path: path.to_owned(),
                        reason: "it holds no usable keys".into(),
                    });
                }
                Ok(secrets)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let secrets = Secrets {
                    csrf_key: random_b64(32),
                    access_token_keys: vec![SigningKey::generate()],
                };
                secrets.save(path)?;
                Ok(secrets)
            }
            Err(source) => Err(SecretsError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    fn save(&self, path: &Path) -> Result<(), SecretsError> {
        let write_err = |source| SecretsError::Write {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| SecretsError::Invalid {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        use std::io::Write;
        let mut file = options.open(path).map_err(write_err)?;
        file.write_all(text.as_bytes()).map_err(write_err)?;
        file.sync_all().map_err(write_err)
    }

    pub fn csrf_key(&self) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(&self.csrf_key).unwrap_or_default()
    }

    pub fn access_token_keys(&self) -> &[SigningKey] {
        &self.access_token_keys
    }
}
