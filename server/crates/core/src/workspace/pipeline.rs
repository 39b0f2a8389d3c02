//! The bulk check: many files read, checked and handed back one at a time,
//! in the order given, on all cores, with memory that does not grow with the
//! number of files.
//!
//! Each worker reads a file, checks it and keeps only what the rest of the
//! run needs of it: its text and finished diagnostics until it is handed
//! back, its suppression comments, and the [`Facts`] the rules across reports
//! read (a few kilobytes, dropped once no later report can be compared
//! with it; on disk while only a file far behind will read them, see
//! [`kept`]). File `i` is handed back when every file before it has been, and
//! when every file it may be compared with is checked: the one that could be
//! its previous year's report (`carry-over`, `in-force-continuity`,
//! `narrative-copied`) and, for an aggregate, the reports of the subordinates
//! it names (`hierarchy-sum`, `hierarchy-missing`).
//!
//! Which files those are is known before anything is checked: a first, cheap
//! pass reads the front matter of every `.nianbao` file (a few hundred bytes,
//! parsed with the same parser and model as the full check) for its 机关,
//! 年度 and declared subordinates (`下级`).
//! A file whose front matter that pass cannot read for certain (no closing
//! `---`, a byte-order mark, a syntax error) may be anything: every report of
//! its folder waits for it. Of several files with one key only the first is
//! compared with (as in [`rules::check_folder`]). A published document
//! (imported by the loader the caller gives) is always unforeseen. When the
//! file a report waits for is far behind it, that file is checked out of turn
//! for its facts (and again in turn), so the files in between are not held.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use super::paths::Paths;
use super::{is_report, read_report, ConfigCache};
use crate::check::suppress::Suppressions;
use crate::check::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::rules::{Facts, Needs};

mod kept;
mod plan;
use kept::Kept;
use plan::{squeeze, Ahead, Foreseen, Plan};

/// The number of worker threads: `NIANBAO_JOBS` if set to a positive
/// number, else the number of cores.
pub fn default_jobs() -> usize {
    std::env::var("NIANBAO_JOBS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f(i)` for `i` in `0..n` on `jobs` threads; results in order.
pub fn parallel_map<T: Send>(n: usize, jobs: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let jobs = jobs.clamp(1, n.max(1));
    if jobs == 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<T>> = (0..n).map(|_| None).collect();
    let parts: Vec<Vec<(usize, T)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break mine;
                        }
                        mine.push((i, f(i)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    for (i, t) in parts.into_iter().flatten() {
        out[i] = Some(t);
    }
    out.into_iter()
        .map(|t| t.expect("every index is computed"))
        .collect()
}

/// `work(i)` for `i` in `0..n` on `jobs` threads, and `emit(i, result)` on
/// the calling thread in the order of `i`, as soon as `i` and everything
/// before it is done. At most a few results per thread wait to be emitted.
pub fn for_each_ordered<T: Send>(
    n: usize,
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
    mut emit: impl FnMut(usize, T),
) {
    let jobs = jobs.clamp(1, n.max(1));
    if jobs == 1 {
        for i in 0..n {
            emit(i, work(i));
        }
        return;
    }
    let window = WINDOW_PER_JOB * jobs;
    let claim = Mutex::new(Claim {
        next: 0,
        limit: window,
        urgent: Vec::new(),
    });
    let wake = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (claim, wake, work) = (&claim, &wake, &work);
            s.spawn(move || {
                while let Some((i, _)) = claim_next(claim, wake, n) {
                    if tx.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut held: HashMap<usize, T> = HashMap::new();
        let mut frontier = 0;
        while frontier < n {
            let Ok((i, t)) = rx.recv() else { break };
            held.insert(i, t);
            while let Some(t) = held.remove(&frontier) {
                emit(frontier, t);
                frontier += 1;
            }
            raise_limit(&claim, &wake, frontier + window);
        }
        raise_limit(&claim, &wake, usize::MAX);
    });
}

/// The next index to work on, waiting while it is past the limit; `None`
/// when all are taken. `true` with an index wanted out of order.
fn claim_next(claim: &Mutex<Claim>, wake: &Condvar, n: usize) -> Option<(usize, bool)> {
    let mut c = claim.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(j) = c.urgent.pop() {
            return Some((j, true));
        }
        if c.next >= n {
            return None;
        }
        if c.next < c.limit {
            c.next += 1;
            return Some((c.next - 1, false));
        }
        c = wake.wait(c).unwrap_or_else(|e| e.into_inner());
    }
}

/// [`claim_next`] for the thread that also collects: never waits (past the
/// limit, the next index is taken anyway).
fn claim_now(claim: &Mutex<Claim>, n: usize) -> Option<(usize, bool)> {
    let mut c = claim.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(j) = c.urgent.pop() {
        return Some((j, true));
    }
    (c.next < n).then(|| {
        c.next += 1;
        (c.next - 1, false)
    })
}

fn raise_limit(claim: &Mutex<Claim>, wake: &Condvar, limit: usize) {
    let mut c = claim.lock().unwrap_or_else(|e| e.into_inner());
    if limit > c.limit {
        c.limit = limit;
        wake.notify_all();
    }
}

/// A file as the caller's loader reads it.
pub enum Load {
    /// The markup to check; `imported` when it was converted from a published
    /// document; `notes` are messages for the user, given back with the file.
    Text {
        text: String,
        imported: bool,
        notes: Vec<String>,
    },
    /// Not a report after all (the reason, for the user): left out of the run.
    Skipped(String),
    /// Could not be read, decoded or converted (the message says why).
    Unreadable(String),
}

/// The loader of `.nianbao` files (and standard input): read as they are.
pub fn load_markup(path: &Path) -> Load {
    match read_report(path) {
        Ok(text) => Load::Text {
            text,
            imported: false,
            notes: Vec::new(),
        },
        Err(e) => Load::Unreadable(e.to_string()),
    }
}

/// One file of a bulk check, as it is handed back.
pub enum Outcome {
    /// Checked: the text and every diagnostic (its own and those of the rules
    /// across the folder), levels and suppressions applied, in order.
    Checked {
        text: String,
        diagnostics: Vec<Diagnostic>,
        imported: bool,
        notes: Vec<String>,
    },
    /// Left out by the loader (why).
    Skipped(String),
    /// Could not be read or decoded (the message says why and what to do).
    Unreadable(String),
}

/// What the bulk check keeps while it runs (for tests: it must not grow with
/// the number of files).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Retained {
    /// The most files checked but not yet handed back at any one time.
    pub most_held: usize,
    /// The most [`Facts`] kept in memory at any one time.
    pub most_facts: usize,
    /// Files whose facts waited on disk (read far behind them).
    pub spilled: usize,
    /// The largest [`Facts::heap_size`] of any one file.
    pub largest_facts: usize,
    /// Files checked out of turn (and again in turn).
    pub early: usize,
}

/// Files held back at most this many per thread ahead of the one handed back
/// next (more only while that one waits for a later file of its folder).
const WINDOW_PER_JOB: usize = 16;

/// A file waited for within this many windows of the one handed back next
/// is waited for in turn (the files in between are held); further away, it
/// is checked out of turn. Likewise, the facts of a file handed back that
/// are read within this many windows stay in memory; later, they wait on disk.
const HOLD_WINDOWS: usize = 2;

#[cfg(test)]
fn known(organ: Option<&str>, year: Option<i32>) -> Foreseen {
    Foreseen::Known {
        organ: organ.map(str::to_string),
        year,
        subordinates: Vec::new(),
    }
}

/// Files whose front matter is read ahead at a time (what is kept of it is a
/// few numbers a file).
const FORESEE_BLOCK: usize = 1024;

/// How far into a file the front matter is looked for.
const FRONT_MATTER_BYTES: usize = 16 * 1024;

/// The key of a report from its front matter alone, when that is certain.
fn foresee(path: &Path, config: &Config) -> Foreseen {
    if path.as_os_str() == "-" || !is_report(path) {
        return Foreseen::Unknown;
    }
    let mut bytes = Vec::new();
    let Ok(file) = std::fs::File::open(path) else {
        return Foreseen::Unknown;
    };
    if file
        .take(FRONT_MATTER_BYTES as u64)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return Foreseen::Unknown;
    }
    foresee_text(&bytes, config)
}

fn is_fence(line: &[u8]) -> bool {
    line.starts_with(b"---") && line[3..].iter().all(|&b| b == b' ' || b == b'\t')
}

/// [`foresee`] on the first bytes of a file.
fn foresee_text(bytes: &[u8], config: &Config) -> Foreseen {
    foresee_reading(bytes, config, true)
}

/// [`foresee_text`]; with `plain`, a front matter of the plainest form is
/// read without the parser ([`plain_entries`]).
fn foresee_reading(bytes: &[u8], config: &Config, plain: bool) -> Foreseen {
    // Only the plain shape: `---` on the first line, any lines that do not
    // start with `-`, `---` (line ends `\n` or `\r\n`).
    let body = |line: &[u8]| -> Option<usize> {
        let body = line.strip_suffix(b"\n")?;
        Some(body.strip_suffix(b"\r").unwrap_or(body).len())
    };
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let Some(first) = lines.next() else {
        return Foreseen::Unknown;
    };
    if !body(first).is_some_and(|n| is_fence(&first[..n])) {
        // No front matter at the very start: only a file that plainly starts
        // with a heading is certain to have none.
        return match bytes.first() {
            Some(b'#') => known_from(crate::syntax::parse(""), "", config),
            _ => Foreseen::Unknown,
        };
    }
    let mut end = first.len();
    let mut closed = false;
    for line in lines {
        let Some(n) = body(line) else {
            return Foreseen::Unknown;
        };
        end += line.len();
        if line.starts_with(b"-") {
            if is_fence(&line[..n]) {
                closed = true;
                break;
            }
            return Foreseen::Unknown;
        }
    }
    if !closed {
        return Foreseen::Unknown;
    }
    let Ok(prefix) = std::str::from_utf8(&bytes[..end]) else {
        return Foreseen::Unknown;
    };
    // The plainest front matter (nearly every file) is read as the parser
    // reads it, without the parser.
    if let Some(entries) = plain.then(|| plain_entries(prefix)).flatten() {
        let mut report = crate::model::Report::empty(prefix.len());
        report.front.range = Some(0..prefix.len());
        report.front.closed = true;
        report.front.entries = entries;
        return known_of(report, prefix, config);
    }
    // The same parser and model as the check: the front matter ends at its
    // closing fence, so what follows cannot change it. Anything unusual
    // (a syntax error, a front matter that is not the whole prefix) is not
    // taken for certain.
    let tree = crate::syntax::parse(prefix);
    if tree.root_node().has_error() {
        return Foreseen::Unknown;
    }
    known_from(tree, prefix, config)
}

/// The entries of a front matter (`prefix`: the opening fence, the lines
/// between and the closing fence, each line ending `\n`, as [`foresee_text`]
/// found it) of the plainest form, as the parser and model read them; `None`
/// when any line is of another form (the parser is asked then). The plainest
/// form: no `\r`; each line between the fences is empty or a key of Chinese
/// characters (U+4E00–U+9FFF: none can start a comment, a list or a heading,
/// none is a blank or a colon), `:` or `：`, any spaces, and a value that
/// neither starts nor ends with a blank (nor with a character the grammar
/// skips) and has no control character. Such a line is one
/// `front_matter_entry` whose key is the characters before the colon and
/// whose value is the rest after the spaces (the grammar's `key` stops at
/// the first colon, its `value` runs to the line's end); an empty line is a
/// blank line. The test `plain_front_matter_is_the_parsers` compares the
/// two readings on every example, fixture and imported report and on the
/// edges of the form.
fn plain_entries(prefix: &str) -> Option<Vec<crate::model::front_matter::Entry>> {
    if memchr::memchr(b'\r', prefix.as_bytes()).is_some() {
        return None;
    }
    let skipped = |c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}';
    let mut lines = prefix.split_inclusive('\n');
    let mut at = lines.next()?.len();
    let mut entries = Vec::new();
    for line in lines {
        let start = at;
        at += line.len();
        let body = line.strip_suffix('\n')?;
        if body.starts_with('-') {
            // The closing fence (the caller found it, and no other line starts with `-`).
            return (at == prefix.len()).then_some(entries);
        }
        if body.is_empty() {
            continue;
        }
        let colon = body.find([':', '：'])?;
        let key = &body[..colon];
        if key.is_empty() || !key.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            return None;
        }
        let after = &body[colon + body[colon..].chars().next()?.len_utf8()..];
        let value = after.trim_start_matches(' ');
        let (first, last) = (value.chars().next()?, value.chars().next_back()?);
        if skipped(first) || skipped(last) || value.chars().any(char::is_control) {
            return None;
        }
        let value_start = start + body.len() - value.len();
        entries.push(crate::model::front_matter::Entry {
            key: key.to_string(),
            key_range: start..start + colon,
            value: Some(value.to_string()),
            value_range: value_start..value_start + value.len(),
            line_range: start..at,
        });
    }
    None
}

fn known_from(tree: tree_sitter::Tree, text: &str, config: &Config) -> Foreseen {
    let report = crate::model::build(&tree, text);
    let whole = report.front.closed && report.front.range == Some(0..text.len());
    if !(text.is_empty() || whole) {
        return Foreseen::Unknown;
    }
    known_of(report, text, config)
}

/// The key of a report that has nothing but its front matter.
fn known_of(mut report: crate::model::Report, text: &str, config: &Config) -> Foreseen {
    report.front.defaults = config.defaults.clone();
    let facts = Facts::of(
        &report,
        &[],
        text,
        Needs {
            sections: false,
            subordinate: false,
            tables: false,
        },
    );
    Foreseen::Known {
        organ: facts.organ,
        year: facts.year,
        subordinates: facts.subordinates.iter().map(|(n, _)| squeeze(n)).collect(),
    }
}

/// A file as the worker hands it to the collector.
enum Worked {
    Unreadable(String),
    Skipped(String),
    Checked {
        text: String,
        own: Vec<Diagnostic>,
        suppressions: Suppressions,
        facts: Box<Facts>,
        imported: bool,
        notes: Vec<String>,
    },
}

type Loader<'l> = dyn Fn(&Path) -> Load + Sync + 'l;

fn work(path: &Path, config: &Config, needs: Needs, load: &Loader) -> Worked {
    // The engine never panics on input; if it does, that file is reported and the run goes on.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        work_inner(path, config, needs, load)
    }))
    .unwrap_or_else(|_| {
        Worked::Unreadable(format!(
            "检查 {} 时出现内部错误（请报告此问题并附上该文件）",
            path.display()
        ))
    })
}

fn work_inner(path: &Path, config: &Config, needs: Needs, load: &Loader) -> Worked {
    match load(path) {
        Load::Unreadable(e) => Worked::Unreadable(e),
        Load::Skipped(why) => Worked::Skipped(why),
        Load::Text {
            text,
            imported,
            notes,
        } => {
            let checked = check::check_text(&text, config);
            let suppressions = Suppressions::collect(&checked.report, &text);
            let facts = Box::new(checked.facts_for(&text, needs));
            Worked::Checked {
                own: checked.diagnostics,
                facts,
                suppressions,
                text,
                imported,
                notes,
            }
        }
    }
}

/// Which files index `i` claims next, and up to where.
struct Claim {
    next: usize,
    limit: usize,
    /// Files needed out of order, for their facts only (a report waits for
    /// its previous year's, far behind it): checked now, and again when
    /// their turn comes, rather than holding everything in between.
    urgent: Vec<usize>,
}

/// [`check_files_with`] for `.nianbao` files (and standard input) read as they are.
pub fn check_files(
    files: &Paths,
    jobs: usize,
    emit: impl FnMut(usize, &Path, Outcome),
) -> Result<Retained, String> {
    check_files_with(files, jobs, &load_markup, emit)
}

/// Checks `files` on `jobs` threads and calls `emit` for each, in the order
/// of `files`, on the calling thread; `load` reads a file (on a worker
/// thread). The `nianbao.toml` of every folder is read first: an invalid one
/// is an error before anything is checked. A file that cannot be read is
/// handed back as [`Outcome::Unreadable`] and the run goes on.
pub fn check_files_with(
    files: &Paths,
    jobs: usize,
    load: &Loader,
    mut emit: impl FnMut(usize, &Path, Outcome),
) -> Result<Retained, String> {
    let n = files.len();
    let jobs = jobs.clamp(1, n.max(1));
    // Folders: their configuration, and an id.
    let mut cache = ConfigCache::default();
    let mut dir_ids: HashMap<PathBuf, u32> = HashMap::new();
    let mut config_ids: HashMap<PathBuf, u32> = HashMap::new();
    let mut configs: Vec<Config> = Vec::new();
    let (mut dir_of, mut config_of) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for path in files.iter() {
        let dir = path.parent().unwrap_or(Path::new(""));
        let next = dir_ids.len() as u32;
        dir_of.push(match dir_ids.get(dir) {
            Some(&id) => id,
            None => *dir_ids.entry(dir.to_path_buf()).or_insert(next),
        });
        // Standard input takes the configuration of the current folder.
        let config_dir = if path.as_os_str() == "-" {
            Path::new(".")
        } else {
            dir
        };
        let id = match config_ids.get(config_dir) {
            Some(&id) => id,
            None => {
                configs.push(cache.for_file(&path).map_err(|e| e.to_string())?);
                let id = configs.len() as u32 - 1;
                config_ids.insert(config_dir.to_path_buf(), id);
                id
            }
        };
        config_of.push(id);
    }
    drop((cache, dir_ids, config_ids));
    let config = |i: usize| &configs[config_of[i] as usize];
    // The front matter read ahead a block of files at a time, kept compactly.
    let mut ahead = Ahead::with_capacity(n);
    for start in (0..n).step_by(FORESEE_BLOCK) {
        let block = FORESEE_BLOCK.min(n - start);
        for f in parallel_map(block, jobs, |k| {
            foresee(&files.get(start + k), config(start + k))
        }) {
            ahead.push(f);
        }
    }
    let plan = Plan::new(dir_of, ahead);

    let window = WINDOW_PER_JOB * jobs;
    let claim = Mutex::new(Claim {
        next: 0,
        limit: window,
        urgent: Vec::new(),
    });
    let wake = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, bool, Worked)>();
    let mut retained = Retained::default();
    let mut failed = None;
    // One job: the files are checked on this thread, between hand-backs
    // (a worker thread would cost a hand-over per file).
    let inline = jobs == 1;
    std::thread::scope(|s| {
        for _ in 0..if inline { 0 } else { jobs } {
            let tx = tx.clone();
            let (claim, wake, config, plan) = (&claim, &wake, &config, &plan);
            s.spawn(move || {
                while let Some((i, early)) = claim_next(claim, wake, n) {
                    let worked = work(&files.get(i), config(i), plan.needs[i], load);
                    if tx.send((i, early, worked)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);

        let mut held: HashMap<usize, Worked> = HashMap::new();
        let mut kept = Kept::default();
        let mut checked = vec![false; n];
        let mut frontier = 0;
        'run: while frontier < n {
            let next = if inline {
                claim_now(&claim, n).map(|(i, early)| {
                    (
                        i,
                        early,
                        work(&files.get(i), config(i), plan.needs[i], load),
                    )
                })
            } else {
                rx.recv().ok()
            };
            let Some((i, early, mut w)) = next else {
                break;
            };
            if early && (i < frontier || held.contains_key(&i)) {
                // Checked in turn already.
                continue;
            }
            if early {
                retained.early += 1;
            }
            checked[i] = true;
            if let Worked::Checked { facts: f, .. } = &mut w {
                retained.largest_facts = retained.largest_facts.max(f.heap_size());
                kept.insert(i, std::mem::take(&mut **f));
            }
            if !early {
                held.insert(i, w);
            }
            // (Early: only its facts were wanted; it is checked again in turn.)
            retained.most_held = retained.most_held.max(held.len());
            // Hand back whatever can be.
            let mut need = Vec::new();
            while frontier < n {
                if !held.contains_key(&frontier) {
                    break;
                }
                let deps = plan.dependencies(frontier, files, &kept.memory);
                need = deps.iter().copied().filter(|&j| !checked[j]).collect();
                if !need.is_empty() {
                    break;
                }
                if let Err(e) = kept.load(&deps) {
                    failed = Some(e);
                    break 'run;
                }
                let w = held.remove(&frontier).expect("present");
                let outcome = match w {
                    Worked::Unreadable(e) => Outcome::Unreadable(e),
                    Worked::Skipped(why) => Outcome::Skipped(why),
                    Worked::Checked {
                        text,
                        own,
                        suppressions,
                        imported,
                        notes,
                        ..
                    } => {
                        let extra = plan.folder_diagnostics(frontier, &deps, files, &kept.memory);
                        let diagnostics =
                            check::merge_folder(own, extra, &suppressions, config(frontier));
                        Outcome::Checked {
                            text,
                            diagnostics,
                            imported,
                            notes,
                        }
                    }
                };
                emit(frontier, &files.get(frontier), outcome);
                kept.unload();
                for j in plan.expiring(frontier) {
                    kept.remove(j);
                }
                // Facts read only far from here wait on disk: this file's,
                // read far behind it, and those of files checked out of
                // turn far ahead (read again in their turn).
                let far = frontier + HOLD_WINDOWS * window;
                kept.spill_where(|j| {
                    if j == frontier {
                        plan.last_use(j) > far
                    } else {
                        j > far
                    }
                });
                frontier += 1;
            }
            let mut c = claim.lock().unwrap_or_else(|e| e.into_inner());
            // A file waited for that is not taken yet: near, held for in
            // turn; far, checked out of turn.
            let next = c.next;
            for j in need.into_iter().filter(|&j| j >= next) {
                if j < frontier + HOLD_WINDOWS * window {
                    c.limit = c.limit.max(j + 1);
                } else if !c.urgent.contains(&j) {
                    c.urgent.push(j);
                }
            }
            c.limit = c.limit.max(frontier + window);
            wake.notify_all();
            drop(c);
        }
        if failed.is_some() {
            // Nothing more to check: let the workers stop.
            let mut c = claim.lock().unwrap_or_else(|e| e.into_inner());
            c.next = n;
            c.urgent.clear();
            wake.notify_all();
        }
        // Only reached early if a worker panicked or on an error: let the others finish.
        raise_limit(&claim, &wake, usize::MAX);
        retained.most_facts = kept.most_in_memory;
        retained.spilled = kept.spilled;
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(retained),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_foreseen_only_when_certain() {
        let c = Config::default();
        let k = |s: &str| foresee_text(s.as_bytes(), &c);
        assert_eq!(
            k("---\n机关: 某 县 人民政府\n年度: 2023年\n---\n# 一、总体情况\n"),
            known(Some("某县人民政府"), Some(2023))
        );
        assert_eq!(k("---\n机关: 某县\n---\n"), known(Some("某县"), None));
        assert_eq!(k("# 标题\n"), known(None, None));
        assert_eq!(k("---\n机关: 某县\n年度: 2023\n"), Foreseen::Unknown);
        assert_eq!(
            k("---\r\n机关: 某县\r\n年度: 2020\r\n---\r\n正文\r\n"),
            known(Some("某县"), Some(2020))
        );
        assert_eq!(k("---\n机关: 某县\n- 列表\n---\n"), Foreseen::Unknown);
        assert_eq!(k("\u{feff}---\n机关: 某县\n---\n"), Foreseen::Unknown);
        assert_eq!(
            k("---\n// 注释\n机关: 某县\n年度: 2023\n---\n"),
            known(Some("某县"), Some(2023))
        );
    }

    /// The front matter read without the parser ([`plain_entries`]) is the
    /// one the parser and model read, and so is what is foreseen of it: on
    /// every example and fixture, the reports in the folders named in
    /// NIANBAO_MODEL_CORPUS (`:`-separated: imported real reports, a
    /// generated corpus), and the edges of the plainest form.
    #[test]
    fn plain_front_matter_is_the_parsers() {
        let mut texts: Vec<Vec<u8>> = crate::test_corpus("fixtures")
            .into_iter()
            .map(|path| std::fs::read(path).unwrap())
            .collect();
        let lines = [
            "机关: 某县人民政府",
            "机关：某县人民政府",
            "机关:某县人民政府",
            "机关:   某县 人民政府",
            "机关: 某县人民政府 ",
            "机关: 某县人民政府\u{3000}",
            "机关:\u{3000}某县人民政府",
            "机关: \u{feff}某县",
            "机关:\t某县",
            "机关: \u{1}某县",
            "机关 : 某县",
            "机关: ",
            "机关:",
            "机关",
            "机关: 某县: 其他",
            "机关: 某县：其他",
            "机关: // 某县",
            "机关: # 某县",
            "机关: | 某县 |",
            "机关: - 某县",
            "机关: --- 某县",
            "机关: [某县, 某镇]",
            "下级: [甲镇人民政府, 乙镇人民政府]",
            "下级: 甲镇、乙镇，丙镇",
            "年度: 2023年",
            "年度: 二〇二三",
            "备注: 任意",
            "机關: 某縣",
            "Organ: 某县",
            "机关x: 某县",
            "// 注释",
            "#机关: 某县",
            "|机关: 某县",
            "/机关: 某县",
            "  机关: 某县",
            "\u{3000}机关: 某县",
            "",
            " ",
            "\t",
        ];
        for a in lines {
            for b in ["", "年度: 2023", "机关: 另一县"] {
                texts.push(format!("---\n{a}\n{b}\n---\n正文\n").into_bytes());
                texts.push(format!("---\n{b}\n{a}\n---\n").into_bytes());
            }
        }
        let c = Config {
            defaults: vec![
                ("机关".into(), "默认机关".into()),
                ("年度".into(), "2020".into()),
            ],
            ..Config::default()
        };
        let mut plain = 0;
        for bytes in &texts {
            for config in [&Config::default(), &c] {
                assert_eq!(
                    foresee_reading(bytes, config, true),
                    foresee_reading(bytes, config, false),
                    "{}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(400)])
                );
            }
            // The prefix foresee_text reads: up to the first line after the
            // first that starts with `-`.
            let Ok(text) = std::str::from_utf8(bytes) else {
                continue;
            };
            let mut end = None;
            let mut at = 0;
            for (i, line) in text.split_inclusive('\n').enumerate() {
                at += line.len();
                if i > 0 && line.starts_with('-') {
                    end = Some(at);
                    break;
                }
            }
            let Some(prefix) = end.map(|end| &text[..end]) else {
                continue;
            };
            if !prefix.starts_with("---\n") || !prefix.ends_with("---\n") {
                continue;
            }
            let Some(entries) = plain_entries(prefix) else {
                continue;
            };
            plain += 1;
            let tree = crate::syntax::parse(prefix);
            assert!(!tree.root_node().has_error(), "{prefix}");
            let front = crate::model::build(&tree, prefix).front;
            assert!(
                front.closed && front.range == Some(0..prefix.len()),
                "{prefix}"
            );
            assert_eq!(
                format!("{entries:?}"),
                format!("{:?}", front.entries),
                "{prefix}"
            );
        }
        assert!(
            plain >= 100,
            "{plain} plain front matters of {}",
            texts.len()
        );
    }
}
