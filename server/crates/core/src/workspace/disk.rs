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
    stamp: Stamp,
    pub facts: Facts,
}

#[derive(Default)]
pub struct DiskCache {
    files: HashMap<PathBuf, DiskReport>,
    /// The `.nianbao` files of each folder as last listed.
    listed: HashMap<PathBuf, Vec<PathBuf>>,
    /// Files that could not be read as reports, until they change.
    failed: HashMap<PathBuf, Stamp>,
}

/// What a folder needs read: its listing and the files whose facts are
/// missing or out of date. Taken from the cache in microseconds
/// ([`DiskCache::plan`]); the reading and checking ([`Plan::read`]) needs no
/// access to the cache, so that a language server does it in the
/// background; the results go back with [`DiskCache::store`].
pub struct Plan {
    pub dir: PathBuf,
    paths: Vec<PathBuf>,
    stale: Vec<(PathBuf, Stamp)>,
}

type Stamp = (Option<SystemTime>, u64);

impl Plan {
    /// Nothing to read: only the listing to record.
    pub fn is_done(&self) -> bool {
        self.stale.is_empty()
    }

    /// Reads and checks the stale files on all cores (`None` for a file that
    /// cannot be read as a UTF-8 report).
    pub fn read(&self, config: &Config) -> Vec<Option<Facts>> {
        super::parallel_map(self.stale.len(), super::default_jobs(), |i| {
            let text = super::read_report(&self.stale[i].0).ok()?;
            Some(crate::check::check_text(&text, config).facts(&text))
        })
    }
}

impl DiskCache {
    /// Lists `dir` and (re)reads its `.nianbao` files other than `skip`.
    /// Files that cannot be read as UTF-8 reports are left out.
    pub fn load(&mut self, dir: &Path, skip: &HashSet<PathBuf>, config: &Config) {
        let plan = self.plan(dir, skip);
        let facts = plan.read(config);
        self.store(plan, facts);
    }

    /// What reading `dir` (other than `skip`) would do: lists it and finds
    /// the files not read since they last changed.
    pub fn plan(&self, dir: &Path, skip: &HashSet<PathBuf>) -> Plan {
        // Each file once, whatever the links; a link to an open report is
        // not its neighbour.
        let open: Vec<&Path> = skip.iter().map(PathBuf::as_path).collect();
        let paths = super::list_dir(dir, &super::is_report, &open);
        let mut stale = Vec::new();
        for path in &paths {
            if skip.contains(path) {
                continue;
            }
            let Ok(meta) = std::fs::metadata(path) else {
                continue;
            };
            let stamp = (meta.modified().ok(), meta.len());
            if self.files.get(path).is_some_and(|f| f.stamp == stamp)
                || self.failed.get(path) == Some(&stamp)
            {
                continue;
            }
            stale.push((path.clone(), stamp));
        }
        Plan {
            dir: dir.to_path_buf(),
            paths,
            stale,
        }
    }

    /// Whether `dir` has been listed.
    pub fn is_listed(&self, dir: &Path) -> bool {
        self.listed.contains_key(dir)
    }

    /// Records what [`Plan::read`] found (a file without a result counts as
    /// one that could not be read).
    pub fn store(&mut self, plan: Plan, facts: Vec<Option<Facts>>) {
        let mut facts = facts.into_iter();
        for (path, stamp) in plan.stale {
            match facts.next().flatten() {
                Some(facts) => {
                    self.failed.remove(&path);
                    self.files.insert(path, DiskReport { stamp, facts });
                }
                None => {
                    self.files.remove(&path);
                    self.failed.insert(path, stamp);
                }
            }
        }
        self.listed.insert(plan.dir, plan.paths);
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
        self.failed.remove(path);
    }
}
