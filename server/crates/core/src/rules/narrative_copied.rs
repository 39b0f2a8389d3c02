//! `narrative-copied`: a section whose text is (nearly) the same as the same
//! section of the previous year's report of the same 机关 (“照抄上年”). The
//! years are paired as for `carry-over`; the comparison is that of
//! [`crate::yoy::compare_sections`] (the same as `nianbao diff`'s), made on the
//! section fingerprints of the two reports' [`Facts`](super::Facts).

use std::collections::{HashMap, HashSet};

use super::cross_report::{file_name, pairs, FolderReport};
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::yoy::{self, SectionStatus};

/// Diagnostics for each report (same order as `reports`).
pub fn check_folder(reports: &[FolderReport]) -> Vec<Vec<Diagnostic>> {
    let mut out: Vec<Vec<Diagnostic>> = reports.iter().map(|_| Vec::new()).collect();
    for (i, p) in pairs(reports) {
        out[i] = compare(&reports[i], &reports[p]);
    }
    out
}

/// The findings for `this` report against `prev`, the previous year's.
pub fn compare(this: &FolderReport, prev: &FolderReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let prev_name = file_name(prev.path);
    let prev_year = prev.facts.year.unwrap_or_default();
    // Sections paired by level and title, each of last year's at most once
    // (as in `yoy::compare_sections`).
    let old = &prev.facts.sections;
    let mut old_by_key: HashMap<(usize, &str), usize> = HashMap::new();
    for (i, s) in old.iter().enumerate() {
        old_by_key.entry((s.level, s.key.as_str())).or_insert(i);
    }
    let mut used = HashSet::new();
    for s in &this.facts.sections {
        let Some(&o) = old_by_key
            .get(&(s.level, s.key.as_str()))
            .filter(|o| !used.contains(*o))
        else {
            continue;
        };
        used.insert(o);
        let sim = old[o].similarity(s);
        let status = if old[o].same_text(s) {
            SectionStatus::Unchanged
        } else if sim >= yoy::COPIED {
            SectionStatus::Copied
        } else {
            continue;
        };
        if s.chars < yoy::MIN_CHARS {
            continue;
        }
        out.push(diag(
            Code::NarrativeCopied,
            s.heading.clone(),
            format!(
                "“{}”一节的正文{}（相似度 {:.0}%，{} 字）：与{prev_year}年报告（{prev_name}）的同一节比较。年度报告应当反映本年度的工作",
                s.title,
                status.label(),
                sim * 100.0,
                s.chars
            ),
        ));
    }
    out
}
