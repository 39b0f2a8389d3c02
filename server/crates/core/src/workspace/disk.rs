//! The reports on disk next to the open ones (language server), for the
//! rules across the reports of a folder. Read once and kept while the file's modification time
//! and size stay the same; the folder is listed again on every check (a
//! `read_dir` of a folder of reports costs microseconds), so a report added
//! next to an open one is seen without a file watcher.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::check::Config;
use crate::rules::Facts;

/// What is kept of a report on disk: the facts its neighbours are compared
/// with (not its text, tree or model).
pub struct DiskReport {
    stamp: (Option<SystemTime>, u64),
    pub facts: Facts,
}

#[derive(Default)]
pub struct DiskCache {
    files: HashMap<PathBuf, DiskReport>,
    /// The `.nianbao` files of each folder as last listed.
    listed: HashMap<PathBuf, Vec<PathBuf>>,
}

impl DiskCache {
    /// Lists `dir` and (re)reads its `.nianbao` files other than `skip`.
    /// Files that cannot be read as UTF-8 reports are left out.
    pub fn load(&mut self, dir: &Path, skip: &HashSet<PathBuf>, config: &Config) {
        // Each file once, whatever the links; a link to an open report is
        // not its neighbour.
        let open: Vec<&Path> = skip.iter().map(PathBuf::as_path).collect();
        let paths = super::list_dir(dir, &super::is_report, &open);
        // The files to (re)read, checked on all cores.
        let mut stale = Vec::new();
        for path in &paths {
            if skip.contains(path) {
                continue;
            }
            let Ok(meta) = std::fs::metadata(path) else {
                continue;
            };
            let stamp = (meta.modified().ok(), meta.len());
            if self.files.get(path).is_some_and(|f| f.stamp == stamp) {
                continue;
            }
            stale.push((path, stamp));
        }
        let read = super::parallel_map(stale.len(), super::default_jobs(), |i| {
            let text = super::read_report(stale[i].0).ok()?;
            Some(crate::check::check_text(&text, config).facts(&text))
        });
        for ((path, stamp), facts) in stale.into_iter().zip(read) {
            match facts {
                Some(facts) => {
                    self.files.insert(path.clone(), DiskReport { stamp, facts });
                }
                None => {
                    self.files.remove(path);
                }
            }
        }
        self.listed.insert(dir.to_path_buf(), paths);
    }

    /// The reports of `dir` as last loaded.
    pub fn in_dir<'a>(&'a self, dir: &Path) -> impl Iterator<Item = (&'a PathBuf, &'a DiskReport)> {
        self.listed
            .get(dir)
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p, self.files.get(p)?)))
    }

    /// Drops what was read of `path` (it changed, or it is open now).
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}
