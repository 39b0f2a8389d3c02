//! The per-folder configuration: `nianbao.toml` looked up once per folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::check::{Config, ConfigError};

/// `nianbao.toml` of each folder, found (upwards from the folder) once.
#[derive(Default)]
pub struct ConfigCache {
    by_dir: HashMap<PathBuf, Config>,
}

impl ConfigCache {
    /// The configuration for the files of `dir`. An error (unreadable or
    /// invalid `nianbao.toml`) is not remembered: the next call looks again.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Config, ConfigError> {
        if let Some(c) = self.by_dir.get(dir) {
            return Ok(c.clone());
        }
        let c = Config::find(dir)?;
        self.by_dir.insert(dir.to_path_buf(), c.clone());
        Ok(c)
    }

    /// The configuration for a file (`-`, standard input, uses the current folder).
    pub fn for_file(&mut self, path: &Path) -> Result<Config, ConfigError> {
        if path.as_os_str() == "-" {
            return self.for_dir(Path::new("."));
        }
        self.for_dir(path.parent().unwrap_or(Path::new("")))
    }

    /// Forgets everything (a `nianbao.toml` changed).
    pub fn clear(&mut self) {
        self.by_dir.clear();
    }
}
