//! Who may be compared with whom in a bulk check, from the front matter
//! read ahead: which files each report waits for, what each file's facts must
//! hold, and when they can be dropped.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::rules::{self, Facts, FolderReport, Needs};
use crate::workspace::paths::Paths;

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

pub(super) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The front matter of every file read ahead, compactly (a few bytes a
/// file): each 机关 once, numbered.
#[derive(Default)]
pub(super) struct Ahead {
    organs: HashMap<String, u32>,
    /// Each file's 机关 (its number), [`NO_ORGAN`] or [`UNFORESEEN`].
    organ: Vec<u32>,
    /// Each file's 年度, [`NO_YEAR`] without one.
    year: Vec<i32>,
    /// The files that name subordinates (`下级`), with the names.
    aggregates: Vec<(usize, Vec<String>)>,
}

const NO_ORGAN: u32 = u32::MAX;
const UNFORESEEN: u32 = u32::MAX - 1;
const NO_YEAR: i32 = i32::MIN;

impl Ahead {
    /// Room for `n` files (the vectors not grown by doubling as they fill).
    pub(super) fn with_capacity(n: usize) -> Ahead {
        Ahead {
            organ: Vec::with_capacity(n),
            year: Vec::with_capacity(n),
            ..Ahead::default()
        }
    }

    pub(super) fn push(&mut self, f: Foreseen) {
        let i = self.organ.len();
        match f {
            Foreseen::Known {
                organ,
                year,
                subordinates,
            } => {
                let organ = organ.map_or(NO_ORGAN, |o| {
                    let next = self.organs.len() as u32;
                    *self.organs.entry(o).or_insert(next)
                });
                self.organ.push(organ);
                self.year.push(year.unwrap_or(NO_YEAR));
                if !subordinates.is_empty() && year.is_some() {
                    self.aggregates.push((i, subordinates));
                }
            }
            Foreseen::Unknown => {
                self.organ.push(UNFORESEEN);
                self.year.push(NO_YEAR);
            }
        }
    }

    /// (机关, 年度) of file `j` when foreseen with both.
    fn key(&self, j: usize) -> Option<(u32, i32)> {
        (self.organ[j] < UNFORESEEN && self.year[j] != NO_YEAR)
            .then(|| (self.organ[j], self.year[j]))
    }
}

/// (folder, 机关, 年度).
type Key = (u32, u32, i32);

/// Who may be compared with whom, from the front matter read ahead. Per
/// file it holds a few numbers; per (folder, 机关, 年度) the first and last
/// file foreseen with it.
pub(super) struct Plan {
    dir_of: Vec<u32>,
    organs: HashMap<String, u32>,
    /// The first and last file foreseen with each key.
    by_key: HashMap<Key, (u32, u32)>,
    /// Files foreseen with each (folder, 机关), any 年度 or none: only for a
    /// 机关 an aggregate foreseen in the folder names, and in a folder with
    /// an unforeseen file (which may turn out to be an aggregate).
    by_organ: HashMap<(u32, u32), Vec<u32>>,
    /// Files of each folder whose front matter was not foreseen.
    unknown: HashMap<u32, Vec<usize>>,
    /// For each file, the last file that may read its facts (at least itself).
    last: Vec<u32>,
    /// The files by `last`.
    by_last: Vec<u32>,
    /// What each file's facts must hold.
    pub(super) needs: Vec<Needs>,
}

impl Plan {
    pub(super) fn new(dir_of: Vec<u32>, ahead: Ahead) -> Plan {
        let n = ahead.organ.len();
        let mut by_key: HashMap<Key, (u32, u32)> = HashMap::new();
        let mut unknown: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut last_in_dir: HashMap<u32, usize> = HashMap::new();
        for (j, &dir) in dir_of.iter().enumerate() {
            last_in_dir.insert(dir, j);
            if let Some((organ, year)) = ahead.key(j) {
                by_key
                    .entry((dir, organ, year))
                    .and_modify(|(_, l)| *l = j as u32)
                    .or_insert((j as u32, j as u32));
            }
            if ahead.organ[j] == UNFORESEEN {
                unknown.entry(dir).or_default().push(j);
            }
        }
        // The (folder, 机关) pairs whose files an aggregate may sum.
        let named: Vec<(usize, u32, Vec<u32>)> = ahead
            .aggregates
            .iter()
            .map(|(a, names)| {
                let ids = names
                    .iter()
                    .filter_map(|name| ahead.organs.get(name).copied())
                    .collect();
                (*a, dir_of[*a], ids)
            })
            .collect();
        let mut by_organ: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        for (_, dir, ids) in &named {
            for &id in ids {
                by_organ.insert((*dir, id), Vec::new());
            }
        }
        for (j, &dir) in dir_of.iter().enumerate() {
            let organ = ahead.organ[j];
            if organ >= UNFORESEEN {
                continue;
            }
            if unknown.contains_key(&dir) {
                by_organ.entry((dir, organ)).or_default().push(j as u32);
            } else if let Some(files) = by_organ.get_mut(&(dir, organ)) {
                files.push(j as u32);
            }
        }
        // A file's facts are needed until the last file that may compare
        // with it is handed back. Of several files foreseen with one key only
        // the first is ever compared with as the previous year's: by the next
        // year's reports of its 机关 and by the unforeseen files of its folder.
        // A subordinate named by an aggregate is compared with by it. An
        // unforeseen file may be compared with by any file of its folder, and
        // may itself be an aggregate of any file of its folder.
        let mut last = vec![0u32; n];
        let mut subordinate = vec![false; n];
        for (j, &dir) in dir_of.iter().enumerate() {
            let last_unknown = unknown.get(&dir).and_then(|u| u.last()).copied();
            let l = if ahead.organ[j] == UNFORESEEN {
                last_in_dir[&dir]
            } else {
                let mut l = j.max(last_unknown.unwrap_or(0));
                if let Some((organ, year)) = ahead.key(j) {
                    let first = by_key.get(&(dir, organ, year)).map(|k| k.0) == Some(j as u32);
                    if let Some(&(_, next)) = by_key.get(&(dir, organ, year + 1)).filter(|_| first)
                    {
                        l = l.max(next as usize);
                    }
                }
                l
            };
            last[j] = l as u32;
            // Every file of a folder with an unforeseen one may be its subordinate.
            subordinate[j] = last_unknown.is_some();
        }
        for (a, dir, ids) in &named {
            for id in ids {
                for &j in by_organ.get(&(*dir, *id)).into_iter().flatten() {
                    if j as usize != *a {
                        let j = j as usize;
                        last[j] = last[j].max(*a as u32);
                        subordinate[j] = true;
                    }
                }
            }
        }
        let mut by_last: Vec<u32> = (0..n as u32).collect();
        by_last.sort_by_key(|&j| last[j as usize]);
        // Section fingerprints only for a report that may be paired with
        // another year's: one foreseen with the year before or after it, or
        // an unforeseen file in its folder.
        let needs = (0..n)
            .map(|j| {
                let dir = dir_of[j];
                let paired = ahead.organ[j] == UNFORESEEN
                    || ahead.key(j).is_some_and(|(organ, year)| {
                        unknown.contains_key(&dir)
                            || [year - 1, year + 1]
                                .iter()
                                .any(|y| by_key.contains_key(&(dir, organ, *y)))
                    });
                Needs {
                    sections: paired,
                    subordinate: subordinate[j],
                    tables: true,
                }
            })
            .collect();
        Plan {
            dir_of,
            organs: ahead.organs,
            by_key,
            by_organ,
            unknown,
            last,
            by_last,
            needs,
        }
    }

    /// The files that may be the previous year's report of `i` (checked).
    fn previous_candidates(
        &self,
        i: usize,
        files: &Paths,
        facts: &HashMap<usize, Facts>,
    ) -> Vec<usize> {
        let dir = self.dir_of[i];
        let Some((_, organ, year)) = facts
            .get(&i)
            .and_then(|f| rules::folder_key(&files.get(i), f))
        else {
            // Without a key of its own, `i` compares with nothing.
            return Vec::new();
        };
        // The first file foreseen with the previous year's key is the one
        // compared with, unless an unforeseen file before it turns out to
        // have that key.
        let first = self
            .organs
            .get(&organ)
            .and_then(|&o| self.by_key.get(&(dir, o, year - 1)))
            .map(|&(first, _)| first as usize);
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
            .filter_map(|(name, _)| self.organs.get(&squeeze(name)))
            .flat_map(|&o| self.by_organ.get(&(dir, o)).into_iter().flatten())
            .map(|&j| j as usize)
            .chain(self.unknown.get(&dir).into_iter().flatten().copied())
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
        files: &Paths,
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
        files: &Paths,
        facts: &HashMap<usize, Facts>,
    ) -> Vec<Diagnostic> {
        let Some(this) = facts.get(&i) else {
            return Vec::new();
        };
        let path = files.get(i);
        let prev = rules::folder_key(&path, this).and_then(|key| {
            let want = rules::previous_key(&key);
            self.previous_candidates(i, files, facts)
                .into_iter()
                .filter(|&j| {
                    facts
                        .get(&j)
                        .and_then(|f| rules::folder_key(&files.get(j), f))
                        .is_some_and(|k| k == want)
                })
                .min()
        });
        let prev_path = prev.map(|j| (j, files.get(j)));
        let prev = prev_path.as_ref().and_then(|p| report(facts, p));
        let mut subs: Vec<usize> = self.subordinate_candidates(i, facts);
        subs.retain(|j| deps.contains(j));
        let subs: Vec<(usize, PathBuf)> = subs.into_iter().map(|j| (j, files.get(j))).collect();
        let others: Vec<FolderReport> = subs.iter().filter_map(|p| report(facts, p)).collect();
        let others: Vec<&FolderReport> = others.iter().collect();
        let this = FolderReport {
            path: &path,
            facts: this,
        };
        rules::folder_findings(&this, prev.as_ref(), &others)
    }

    /// The files whose facts are not needed after `i`.
    pub(super) fn expiring(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let last = |j: &u32| self.last[*j as usize] as usize;
        let from = self.by_last.partition_point(|j| last(j) < i);
        let to = self.by_last.partition_point(|j| last(j) <= i);
        self.by_last[from..to].iter().map(|&j| j as usize)
    }

    /// The last file that may read the facts of `j`.
    pub(super) fn last_use(&self, j: usize) -> usize {
        self.last[j] as usize
    }
}

/// The report `j` at `path` for the rules across reports, if its facts are kept.
fn report<'a>(
    facts: &'a HashMap<usize, Facts>,
    (j, path): &'a (usize, PathBuf),
) -> Option<FolderReport<'a>> {
    facts.get(j).map(|facts| FolderReport { path, facts })
}
