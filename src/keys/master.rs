//! Master keys over time: where they come from (the environment, a file the
//! operator supplies, or a file generated in the data folder) and the ring
//! of them in use. The newest wraps; older ones only unwrap, until a
//! rotation has re-wrapped every data key under the newest.
//!
//! A master key file holds either one key (base64url or hex, as a secret
//! store would mount it) or a JSON list of keys, oldest first.

use std::path::{Path, PathBuf};

use super::crypto::MasterKey;

/// Where the master keys come from, as the settings say.
#[derive(Debug, Clone)]
pub enum MasterKeySetting {
    /// `COPRODUCE_MASTER_KEY`, with older keys in `COPRODUCE_OLD_MASTER_KEYS`.
    Given(MasterKeyRing),
    /// `COPRODUCE_MASTER_KEY_FILE` / `master_key_file`: the operator's file.
    File(PathBuf),
    /// Neither was set: a key generated into `DATA_DIR/keys/master.key`.
    Generated(PathBuf),
}

impl MasterKeySetting {
    pub fn default_path(data_dir: &Path) -> PathBuf {
        data_dir.join("keys").join("master.key")
    }

    /// The keys now, creating the generated file if it does not exist yet.
    pub fn load(&self) -> Result<MasterKeyRing, String> {
        match self {
            Self::Given(ring) => Ok(ring.clone()),
            Self::File(path) => MasterKeyRing::read_file(path),
            Self::Generated(path) => match std::fs::metadata(path) {
                Ok(_) => MasterKeyRing::read_file(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let ring = MasterKeyRing::new(vec![MasterKey::generate()
                        .map_err(|e| format!("cannot generate a master key: {e}"))?])?;
                    ring.write_file(path, true)?;
                    Ok(ring)
                }
                Err(e) => Err(format!("cannot read {}: {e}", path.display())),
            },
        }
    }

    /// The file the keys live in, if they live in one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Self::Given(_) => None,
            Self::File(path) | Self::Generated(path) => Some(path),
        }
    }

    /// Where the key came from, for `keys status` and start-up messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Given(_) => "COPRODUCE_MASTER_KEY".into(),
            Self::File(path) => format!("the file {} (COPRODUCE_MASTER_KEY_FILE)", path.display()),
            Self::Generated(path) => format!("generated in {}", path.display()),
        }
    }
}

/// The master keys in use, oldest first; never empty. The last one wraps.
#[derive(Debug, Clone)]
pub struct MasterKeyRing {
    keys: Vec<MasterKey>,
}

impl MasterKeyRing {
    /// Drops repeats, keeping each key's last place, so a key given twice
    /// counts as its newest position.
    pub fn new(keys: Vec<MasterKey>) -> Result<Self, String> {
        let mut unique: Vec<MasterKey> = Vec::with_capacity(keys.len());
        for key in keys {
            unique.retain(|k| k.id() != key.id());
            unique.push(key);
        }
        if unique.is_empty() {
            return Err("holds no master key".into());
        }
        Ok(Self { keys: unique })
    }

    /// The key that wraps new and re-wrapped data keys.
    pub fn current(&self) -> &MasterKey {
        // `new` refuses an empty ring.
        &self.keys[self.keys.len() - 1]
    }

    /// Older keys that can still unwrap.
    pub fn older(&self) -> &[MasterKey] {
        &self.keys[..self.keys.len() - 1]
    }

    pub fn find(&self, id: &str) -> Option<&MasterKey> {
        self.keys.iter().find(|k| k.id() == id)
    }

    /// This ring with `new` as the current key, the others kept to unwrap.
    pub fn with_current(&self, new: MasterKey) -> Self {
        let mut keys = self.keys.clone();
        keys.retain(|k| k.id() != new.id());
        keys.push(new);
        Self { keys }
    }

    /// Reads a master key file: one key, or a JSON list oldest first.
    pub fn read_file(path: &Path) -> Result<Self, String> {
        let text = zeroize::Zeroizing::new(
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the master key file {}: {e}", path.display()))?,
        );
        Self::parse(&text).map_err(|why| format!("the master key file {} {why}", path.display()))
    }

    fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.starts_with('[') {
            let list: zeroize::Zeroizing<Vec<String>> = zeroize::Zeroizing::new(
                serde_json::from_str(text).map_err(|_| "is not a JSON list of keys".to_owned())?,
            );
            let keys = list
                .iter()
                .map(|k| MasterKey::parse(k).map_err(|why| format!("holds a key that {why}")))
                .collect::<Result<Vec<_>, _>>()?;
            Self::new(keys)
        } else {
            Self::new(vec![MasterKey::parse(text)?])
        }
    }

    /// Writes the keys as a JSON list with owner-only permissions. When
    /// `create_new`, an existing file is never overwritten; otherwise the
    /// file is replaced whole (written beside it, then renamed), so a crash
    /// leaves either the old keys or the new ones, never half of each.
    pub fn write_file(&self, path: &Path, create_new: bool) -> Result<(), String> {
        use std::io::Write;
        let fail =
            |e: std::io::Error| format!("cannot write the master key file {}: {e}", path.display());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let encoded: Vec<zeroize::Zeroizing<String>> =
            self.keys.iter().map(MasterKey::encode).collect();
        let list: Vec<&str> = encoded.iter().map(|k| k.as_str()).collect();
        let text = zeroize::Zeroizing::new(
            serde_json::to_string_pretty(&list).map_err(|e| fail(std::io::Error::other(e)))?,
        );
        let target = if create_new {
            path.to_owned()
        } else {
            let mut name = path.file_name().unwrap_or_default().to_owned();
            name.push(".new");
            path.with_file_name(name)
        };
        if !create_new {
            let _ = std::fs::remove_file(&target);
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&target).map_err(fail)?;
        file.write_all(text.as_bytes()).map_err(fail)?;
        file.write_all(b"\n").map_err(fail)?;
        file.sync_all().map_err(fail)?;
        if !create_new {
            std::fs::rename(&target, path).map_err(fail)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_files_hold_one_key_or_a_list_and_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = MasterKeySetting::default_path(dir.path());
        let setting = MasterKeySetting::Generated(path.clone());
        let first = setting.load().unwrap();
        assert_eq!(first.older().len(), 0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Loading again reads the same key rather than making another.
        assert_eq!(setting.load().unwrap().current(), first.current());

        let new = MasterKey::generate().unwrap();
        let both = first.with_current(new.clone());
        both.write_file(&path, false).unwrap();
        let read = MasterKeyRing::read_file(&path).unwrap();
        assert_eq!(read.current(), &new);
        assert_eq!(read.older(), &[first.current().clone()]);
        assert!(read.find(first.current().id()).is_some());

        // A file with one bare key, as a secret store mounts it.
        let single = dir.path().join("single.key");
        std::fs::write(&single, format!("{}\n", new.encode().as_str())).unwrap();
        assert_eq!(MasterKeyRing::read_file(&single).unwrap().current(), &new);

        std::fs::write(&single, "[\"nope\"]").unwrap();
        assert!(MasterKeyRing::read_file(&single)
            .unwrap_err()
            .contains("holds a key that"));
        assert!(MasterKeyRing::read_file(&dir.path().join("missing"))
            .unwrap_err()
            .contains("cannot read"));
        assert!(MasterKeyRing::new(vec![]).is_err());
    }
}
