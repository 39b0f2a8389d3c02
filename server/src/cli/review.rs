//! The end of `nianbao check`: fingerprints in JSON and SARIF, the baseline
//! of reviewed findings (`--baseline`, `--write-baseline`), the HTML report
//! (`--format html`), `-o`, and the exit code. See `docs/review.md`.
//!
//! Reviewed findings (those in the baseline) are taken out of the findings
//! that fail and are shown in a section of their own; baseline entries of the
//! checked files that match nothing are reported as stale.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Value};

use super::check_args::{Deny, Format};
use super::output::{self, CheckedFile};
use nianbao_core::baseline::{self, Baseline, Entry, Status};
use nianbao_core::diagnostic::{Diagnostic, Severity};
use nianbao_core::fingerprint::fingerprints;
use nianbao_core::position::{Encoding, LineIndex};

/// The options of `nianbao check` this module handles.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--baseline FILE`.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline`: write or update the baseline with the current findings.
    pub write_baseline: bool,
    /// `-o FILE`: the output goes there instead of standard output.
    pub out: Option<PathBuf>,
}

/// A finding recorded in the baseline.
pub struct Reviewed {
    pub diagnostic: Diagnostic,
    pub fingerprint: String,
    pub entry: Entry,
}

/// One checked file split by the baseline.
pub struct Split {
    /// Fingerprints of `CheckedFile::diagnostics` (the new findings), same order.
    pub fingerprints: Vec<String>,
    pub reviewed: Vec<Reviewed>,
}

/// What the baseline made of a check.
pub struct Outcome {
    /// One per checked file.
    pub files: Vec<Split>,
    /// Entries for the checked files that match no finding.
    pub stale: Vec<Entry>,
    /// The baseline file, when one was used.
    pub baseline: Option<PathBuf>,
}

impl Outcome {
    pub fn reviewed_count(&self, status: Status) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.reviewed)
            .filter(|r| r.entry.status == status)
            .count()
    }
}

fn display_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn failing(deny: Deny) -> Severity {
    match deny {
        Deny::Errors => Severity::Error,
        Deny::Warnings => Severity::Warning,
    }
}

/// The baseline entries for the current findings at the failing level:
/// existing entries kept with their verdicts, new ones `confirmed`; entries
/// of files not checked now are kept as they are. Returns the new baseline
/// and (added, kept, dropped) counts.
pub fn updated_baseline(
    old: &Baseline,
    file: &Path,
    results: &[CheckedFile],
    deny: Deny,
) -> (Baseline, [usize; 3]) {
    let level = failing(deny);
    let checked: HashSet<String> = results
        .iter()
        .map(|f| baseline::entry_path(file, &f.path))
        .collect();
    let mut entries: Vec<Entry> = old
        .entries
        .iter()
        .filter(|e| !checked.contains(&e.path))
        .cloned()
        .collect();
    let (mut added, mut kept) = (0, 0);
    let mut matched = HashSet::new();
    for f in results {
        let path = baseline::entry_path(file, &f.path);
        for (d, fp) in f
            .diagnostics
            .iter()
            .zip(fingerprints(&f.text, &f.diagnostics))
        {
            if d.severity < level {
                continue;
            }
            match old.find(&path, d.code.as_str(), &fp) {
                Some(e) => {
                    kept += 1;
                    matched.insert((path.clone(), d.code.as_str(), fp.clone()));
                    entries.push(Entry {
                        message: Some(d.message.clone()),
                        ..e.clone()
                    });
                }
                None => {
                    added += 1;
                    entries.push(Entry {
                        path: path.clone(),
                        code: d.code.to_string(),
                        fingerprint: fp,
                        status: Status::Confirmed,
                        reason: None,
                        reviewer: None,
                        message: Some(d.message.clone()),
                    });
                }
            }
        }
    }
    let dropped = old
        .entries
        .iter()
        .filter(|e| checked.contains(&e.path))
        .filter(|e| !matched.contains(&(e.path.clone(), e.code.as_str(), e.fingerprint.clone())))
        .count();
    // Stable order: by path, then as found.
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    (Baseline { entries }, [added, kept, dropped])
}

/// Splits each file's findings into new ones (left in `results`) and
/// reviewed ones (in the outcome).
pub fn split(results: &mut [CheckedFile], baseline: Option<(&Path, &Baseline)>) -> Outcome {
    let mut used: HashSet<usize> = HashSet::new();
    let index = baseline.map(|(_, b)| b.index()).unwrap_or_default();
    let mut checked_paths = BTreeSet::new();
    let mut files = Vec::new();
    for f in results.iter_mut() {
        let prints = fingerprints(&f.text, &f.diagnostics);
        let Some((file, b)) = baseline else {
            files.push(Split {
                fingerprints: prints,
                reviewed: Vec::new(),
            });
            continue;
        };
        let path = baseline::entry_path(file, &f.path);
        checked_paths.insert(path.clone());
        let mut kept = Vec::new();
        let mut kept_prints = Vec::new();
        let mut reviewed = Vec::new();
        for (d, fp) in std::mem::take(&mut f.diagnostics).into_iter().zip(prints) {
            match index.get(&(path.as_str(), d.code.as_str(), fp.as_str())) {
                Some(&i) => {
                    used.insert(i);
                    reviewed.push(Reviewed {
                        diagnostic: d,
                        fingerprint: fp,
                        entry: b.entries[i].clone(),
                    });
                }
                None => {
                    kept.push(d);
                    kept_prints.push(fp);
                }
            }
        }
        f.diagnostics = kept;
        files.push(Split {
            fingerprints: kept_prints,
            reviewed,
        });
    }
    let stale = baseline
        .map(|(_, b)| {
            b.entries
                .iter()
                .enumerate()
                .filter(|(i, e)| !used.contains(i) && checked_paths.contains(&e.path))
                .map(|(_, e)| e.clone())
                .collect()
        })
        .unwrap_or_default();
    Outcome {
        files,
        stale,
        baseline: baseline.map(|(p, _)| p.to_path_buf()),
    }
}

/// Renders, writes and decides the exit code (the last step of `nianbao check`).
pub fn report(
    mut results: Vec<CheckedFile>,
    format: Format,
    deny: Deny,
    options: &Options,
) -> ExitCode {
    let file = options.baseline.clone().or_else(|| {
        options
            .write_baseline
            .then(|| PathBuf::from(baseline::FILE_NAME))
    });
    let mut loaded = None;
    if let Some(file) = &file {
        let mut b = match Baseline::load(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("错误：基线 {e}");
                return ExitCode::from(2);
            }
        };
        if options.write_baseline {
            let (updated, [added, kept, dropped]) = updated_baseline(&b, file, &results, deny);
            if let Err(e) = updated.save(file) {
                eprintln!("错误：{e}");
                return ExitCode::from(2);
            }
            eprintln!(
                "已写入基线 {}：{} 条（新增 {added}，保留 {kept}，删去过期 {dropped}）",
                file.display(),
                updated.entries.len()
            );
            b = updated;
        } else if !file.exists() {
            eprintln!(
                "注意：基线 {} 不存在，全部问题按新问题报告（用 --write-baseline 建立）",
                file.display()
            );
        }
        loaded = Some(b);
    }
    let outcome = split(&mut results, file.as_deref().zip(loaded.as_ref()));
    let rendered = match format {
        Format::Human => {
            let mut s = output::human(&results);
            s.push_str(&human_review(&results, &outcome));
            s
        }
        Format::Json => json(&results, &outcome),
        Format::Sarif => sarif(&results, &outcome),
        Format::Github => {
            let mut s = output::github(&results);
            for e in &outcome.stale {
                s.push_str(&format!(
                    "::notice title=nianbao-baseline::过期的基线条目 {} {} {}\n",
                    e.path, e.code, e.fingerprint
                ));
            }
            s
        }
        Format::Csv => output::csv(&results),
        Format::Html => {
            let reviewed: Vec<Vec<(&Diagnostic, Status)>> = outcome
                .files
                .iter()
                .map(|f| {
                    f.reviewed
                        .iter()
                        .map(|r| (&r.diagnostic, r.entry.status))
                        .collect()
                })
                .collect();
            super::html_report::page(&results, &reviewed, outcome.stale.len())
        }
    };
    match &options.out {
        Some(out) => {
            if let Err(e) = std::fs::write(out, rendered) {
                eprintln!("错误：无法写入 {}：{e}", out.display());
                return ExitCode::from(2);
            }
        }
        None => print!("{rendered}"),
    }
    let level = failing(deny);
    let fails = results
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= level);
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where a finding is, as `path:line:column`.
fn place(f: &CheckedFile, index: &LineIndex, d: &Diagnostic) -> String {
    let (l, c) = index.position(&f.text, d.range.start, Encoding::Chars);
    format!("{}:{}:{}", display_path(&f.path), l + 1, c + 1)
}

/// The human section on reviewed findings and stale entries (empty without a baseline).
pub fn human_review(results: &[CheckedFile], outcome: &Outcome) -> String {
    let Some(file) = &outcome.baseline else {
        return String::new();
    };
    let mut out = String::new();
    let n: usize = outcome.files.iter().map(|f| f.reviewed.len()).sum();
    out.push_str(&format!(
        "已复核（基线 {}）：{n} 个问题不计入失败（确认 {}，不是问题 {}）\n",
        file.display(),
        outcome.reviewed_count(Status::Confirmed),
        outcome.reviewed_count(Status::Dismissed)
    ));
    for (f, split) in results.iter().zip(&outcome.files) {
        let index = LineIndex::new(&f.text);
        for r in &split.reviewed {
            let d = &r.diagnostic;
            let mut line = format!(
                "  {} {} {}［{}］{}",
                place(f, &index, d),
                d.severity.label(),
                d.code,
                r.entry.status.label(),
                d.message
            );
            if let Some(reason) = &r.entry.reason {
                line.push_str(&format!("（理由：{reason}）"));
            }
            if let Some(reviewer) = &r.entry.reviewer {
                line.push_str(&format!("（复核人：{reviewer}）"));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !outcome.stale.is_empty() {
        out.push_str(&format!(
            "过期的基线条目：{} 条不再对应任何问题（已修正？用 --write-baseline 删去）\n",
            outcome.stale.len()
        ));
        for e in &outcome.stale {
            out.push_str(&format!("  {} {} {}\n", e.path, e.code, e.fingerprint));
        }
    }
    let new: usize = results.iter().map(|f| f.diagnostics.len()).sum();
    out.push_str(&format!("新问题 {new} 个\n"));
    out
}

fn entry_json(e: &Entry) -> Value {
    json!({
        "path": e.path,
        "code": e.code,
        "fingerprint": e.fingerprint,
        "status": e.status.as_str(),
        "reason": e.reason,
        "reviewer": e.reviewer,
    })
}

/// The JSON output with `fingerprint` on every diagnostic, the reviewed
/// findings (`reviewed`, each with its `review`) and the stale entries.
pub fn json(results: &[CheckedFile], outcome: &Outcome) -> String {
    let mut doc: Value = serde_json::from_str(&output::json(results)).expect("our own JSON parses");
    if let Some(files) = doc["files"].as_array_mut() {
        for (file, split) in files.iter_mut().zip(&outcome.files) {
            if let Some(ds) = file["diagnostics"].as_array_mut() {
                for (d, fp) in ds.iter_mut().zip(&split.fingerprints) {
                    d["fingerprint"] = json!(fp);
                }
            }
        }
    }
    let mut reviewed = Vec::new();
    for (f, split) in results.iter().zip(&outcome.files) {
        let index = LineIndex::new(&f.text);
        let path = display_path(&f.path);
        for r in &split.reviewed {
            let mut d = output::diagnostic_json(&path, &f.text, &index, &r.diagnostic);
            d["fingerprint"] = json!(r.fingerprint);
            d["review"] = entry_json(&r.entry);
            reviewed.push(d);
        }
    }
    doc["summary"]["reviewed"] = json!(reviewed.len());
    doc["summary"]["stale"] = json!(outcome.stale.len());
    doc["reviewed"] = Value::Array(reviewed);
    doc["stale"] = outcome.stale.iter().map(entry_json).collect();
    if let Some(b) = &outcome.baseline {
        doc["baseline"] = json!(b.display().to_string());
    }
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}

/// SARIF with `partialFingerprints` on every result; reviewed findings are
/// results with an external, accepted suppression.
pub fn sarif(results: &[CheckedFile], outcome: &Outcome) -> String {
    let mut doc: Value =
        serde_json::from_str(&output::sarif(results)).expect("our own SARIF parses");
    let prints: Vec<&String> = outcome.files.iter().flat_map(|f| &f.fingerprints).collect();
    if let Some(rs) = doc["runs"][0]["results"].as_array_mut() {
        for (r, fp) in rs.iter_mut().zip(prints) {
            r["partialFingerprints"] = json!({ "nianbao/v1": fp });
        }
        // The reviewed findings, rendered the same way, then marked.
        let reviewed_files: Vec<CheckedFile> = results
            .iter()
            .zip(&outcome.files)
            .map(|(f, split)| CheckedFile {
                path: f.path.clone(),
                text: f.text.clone(),
                diagnostics: split
                    .reviewed
                    .iter()
                    .map(|r| r.diagnostic.clone())
                    .collect(),
            })
            .collect();
        let extra: Value =
            serde_json::from_str(&output::sarif(&reviewed_files)).expect("our own SARIF parses");
        let reviewed: Vec<&Reviewed> = outcome.files.iter().flat_map(|f| &f.reviewed).collect();
        if let Some(more) = extra["runs"][0]["results"].as_array() {
            for (r, rev) in more.iter().zip(reviewed) {
                let mut r = r.clone();
                r["partialFingerprints"] = json!({ "nianbao/v1": rev.fingerprint });
                let justification = match &rev.entry.reason {
                    Some(reason) => format!("{}：{reason}", rev.entry.status.label()),
                    None => rev.entry.status.label().to_string(),
                };
                r["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": justification,
                }]);
                rs.push(r);
            }
        }
    }
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}
