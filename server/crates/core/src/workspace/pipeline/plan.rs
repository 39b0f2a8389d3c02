//! Who may be compared with whom in a bulk check, from the front matter
//! read ahead: which files each report waits for, what each file's facts must
//! hold, and when they can be dropped.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::rules::{self, Facts, FolderReport, Needs};

/// The front matter read ahead of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Foreseen {
    /// The file's 机关 (without whitespace), 年度 and declared subordinates
    /// (without whitespace).
    Known {
        organ: Option<String>,
        year: Option<i32>,
        subordinates: Vec<String>,
    },
    /// Could not tell without checking the whole file.
    Unknown,
}

impl Foreseen {
    pub(super) fn key(&self) -> Option<(&str, i32)> {
        match self {
            Foreseen::Known {
                organ: Some(o),
                year: Some(y),
                ..
            } => Some((o.as_str(), *y)),
            _ => None,
        }
    }
}

pub(super) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Who may be compared with whom, from the front matter read ahead.
pub(super) struct Plan {
    dir_of: Vec<usize>,
    /// Files foreseen with each (folder, 机关, 年度).
    by_key: HashMap<(usize, String, i32), Vec<usize>>,
    /// Files foreseen with each (folder, 机关), any 年度 or none.
    by_organ: HashMap<(usize, String), Vec<usize>>,
    /// Files of each folder whose front matter was not foreseen.
    unknown: HashMap<usize, Vec<usize>>,
    /// For each file, the files whose facts are not needed after it.
    expiring: HashMap<usize, Vec<usize>>,
    /// What each file's facts must hold.
    pub(super) needs: Vec<Needs>,
}

impl Plan {
    pub(super) fn new(dir_of: &[usize], foreseen: &[Foreseen]) -> Plan {
        let mut by_key: HashMap<(usize, String, i32), Vec<usize>> = HashMap::new();
        let mut by_organ: HashMap<(usize, String), Vec<usize>> = HashMap::new();
        let mut unknown: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut last_in_dir: HashMap<usize, usize> = HashMap::new();
        // Foreseen aggregates: (file, its folder, the subordinates it names).
        let mut aggregates: Vec<(usize, usize, &[String])> = Vec::new();
        for (i, f) in foreseen.iter().enumerate() {
            let dir = dir_of[i];
            last_in_dir.insert(dir, i);
            match f {
                Foreseen::Known {
                    organ,
                    year,
                    subordinates,
                } => {
                    if let Some(organ) = organ {
                        by_organ.entry((dir, organ.clone())).or_default().push(i);
                        if let Some(year) = year {
                            by_key
                                .entry((dir, organ.clone(), *year))
                                .or_default()
                                .push(i);
                        }
                    }
                    if !subordinates.is_empty() && year.is_some() {
                        aggregates.push((i, dir, subordinates));
                    }
                }
                Foreseen::Unknown => unknown.entry(dir).or_default().push(i),
            }
        }
        // A file's facts are needed until the last file that may compare
        // with it is handed back. Of several files foreseen with one key only
        // the first is ever compared with as the previous year's: by the next
        // year's reports of its 机关 and by the unforeseen files of its folder.
        // A subordinate named by an aggregate is compared with by it. An
        // unforeseen file may be compared with by any file of its folder, and
        // may itself be an aggregate of any file of its folder.
        let mut last = vec![0; foreseen.len()];
        let mut subordinate = vec![false; foreseen.len()];
        for (j, f) in foreseen.iter().enumerate() {
            let dir = dir_of[j];
            let last_unknown = unknown.get(&dir).and_then(|u| u.last()).copied();
            last[j] = match f {
                Foreseen::Unknown => last_in_dir[&dir],
                Foreseen::Known { .. } => {
                    let mut l = j.max(last_unknown.unwrap_or(0));
                    if let Some((organ, year)) = f.key() {
                        let first = by_key
                            .get(&(dir, organ.to_string(), year))
                            .and_then(|v| v.first())
                            == Some(&j);
                        if first {
                            if let Some(&next) = by_key
                                .get(&(dir, organ.to_string(), year + 1))
                                .and_then(|v| v.last())
                            {
                                l = l.max(next);
                            }
                        }
                    }
                    l
                }
            };
            // Every file of a folder with an unforeseen one may be its subordinate.
            subordinate[j] = last_unknown.is_some();
        }
        for &(a, dir, names) in &aggregates {
            for name in names {
                for &j in by_organ.get(&(dir, name.clone())).into_iter().flatten() {
                    if j != a {
                        last[j] = last[j].max(a);
                        subordinate[j] = true;
                    }
                }
            }
        }
        let mut expiring: HashMap<usize, Vec<usize>> = HashMap::new();
        for (j, &l) in last.iter().enumerate() {
            expiring.entry(l.max(j)).or_default().push(j);
        }
        // Section fingerprints only for a report that may be paired with
        // another year's: one foreseen with the year before or after it, or
        // an unforeseen file in its folder.
        let needs = foreseen
            .iter()
            .enumerate()
            .map(|(j, f)| {
                let dir = dir_of[j];
                let paired = match f {
                    Foreseen::Unknown => true,
                    Foreseen::Known { .. } => f.key().is_some_and(|(organ, year)| {
                        unknown.contains_key(&dir)
                            || [year - 1, year + 1]
                                .iter()
                                .any(|y| by_key.contains_key(&(dir, organ.to_string(), *y)))
                    }),
                };
                Needs {
                    sections: paired,
                    subordinate: subordinate[j],
                }
            })
            .collect();
        Plan {
            dir_of: dir_of.to_vec(),
            by_key,
            by_organ,
            unknown,
            expiring,
            needs,
        }
    }

    /// The files that may be the previous year's report of `i` (checked).
    fn previous_candidates(
        &self,
        i: usize,
        files: &[PathBuf],
        facts: &HashMap<usize, Facts>,
    ) -> Vec<usize> {
        let dir = self.dir_of[i];
        let Some(key) = facts
            .get(&i)
            .and_then(|f| rules::folder_key(&files[i], f))
            .map(|(_, organ, year)| (dir, organ, year - 1))
        else {
            // Without a key of its own, `i` compares with nothing.
            return Vec::new();
        };
        // The first file foreseen with the previous year's key is the one
        // compared with, unless an unforeseen file before it turns out to
        // have that key.
        let first = self.by_key.get(&key).and_then(|v| v.first()).copied();
        let before = first.unwrap_or(usize::MAX);
        first
            .into_iter()
            .chain(
                self.unknown
                    .get(&dir)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&u| u < before),
            )
            .collect()
    }

    /// The files `i` (an aggregate, checked) may name as subordinates: those
    /// of its folder foreseen with a 机关 it names, and the unforeseen ones.
    fn subordinate_candidates(&self, i: usize, facts: &HashMap<usize, Facts>) -> Vec<usize> {
        let Some(f) = facts.get(&i) else {
            return Vec::new();
        };
        if f.subordinates.is_empty() || f.year.is_none() {
            return Vec::new();
        }
        let dir = self.dir_of[i];
        let mut out: Vec<usize> = f
            .subordinates
            .iter()
            .flat_map(|(name, _)| {
                self.by_organ
                    .get(&(dir, squeeze(name)))
                    .into_iter()
                    .flatten()
            })
            .chain(self.unknown.get(&dir).into_iter().flatten())
            .copied()
            .filter(|&j| j != i)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every file that must be checked before `i` is handed back.
    pub(super) fn dependencies(
        &self,
        i: usize,
        files: &[PathBuf],
        facts: &HashMap<usize, Facts>,
    ) -> Vec<usize> {
        let mut deps = self.previous_candidates(i, files, facts);
        deps.extend(self.subordinate_candidates(i, facts));
        deps
    }

    /// The findings of the rules across reports for `i` (all of `deps` checked).
    pub(super) fn folder_diagnostics(
        &self,
        i: usize,
        deps: &[usize],
        files: &[PathBuf],
        facts: &HashMap<usize, Facts>,
    ) -> Vec<Diagnostic> {
        let Some(this) = facts.get(&i) else {
            return Vec::new();
        };
        let report = |j: usize| -> Option<FolderReport> {
            Some(FolderReport {
                path: &files[j],
                facts: facts.get(&j)?,
            })
        };
        let prev = rules::folder_key(&files[i], this).and_then(|key| {
            let want = rules::previous_key(&key);
            self.previous_candidates(i, files, facts)
                .into_iter()
                .filter(|&j| {
                    facts
                        .get(&j)
                        .and_then(|f| rules::folder_key(&files[j], f))
                        .is_some_and(|k| k == want)
                })
                .min()
        });
        let prev = prev.and_then(report);
        let mut subs: Vec<usize> = self.subordinate_candidates(i, facts);
        subs.retain(|j| deps.contains(j));
        let others: Vec<FolderReport> = subs.into_iter().filter_map(report).collect();
        let others: Vec<&FolderReport> = others.iter().collect();
        let this = FolderReport {
            path: &files[i],
            facts: this,
        };
        rules::folder_findings(&this, prev.as_ref(), &others)
    }

    pub(super) fn expiring(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.expiring.get(&i).into_iter().flatten().copied()
    }
}
