//! `narrative-copied`: a section whose text is (nearly) the same as the same
//! section of the previous year's report of the same 机关 (“照抄上年”). The
//! years are paired as for `carry-over`; the comparison is
//! [`crate::yoy::compare_sections`], the same as `nianbao diff`'s.

use super::cross_report::{pairs, FolderReport};
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::yoy::{self, SectionStatus};

/// Diagnostics for each report (same order as `reports`; `texts` are their texts).
pub fn check_folder(reports: &[FolderReport], texts: &[&str]) -> Vec<Vec<Diagnostic>> {
    let mut out: Vec<Vec<Diagnostic>> = reports.iter().map(|_| Vec::new()).collect();
    for (i, p) in pairs(reports) {
        let (this, prev) = (&reports[i], &reports[p]);
        let prev_name = prev.path.file_name().map_or_else(
            || prev.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let prev_year = prev.report.front.year().unwrap_or_default();
        for s in yoy::compare_sections((texts[p], prev.report), (texts[i], this.report)) {
            let (Some(sim), Some(heading)) = (s.similarity, s.new_heading.clone()) else {
                continue;
            };
            if !matches!(s.status, SectionStatus::Unchanged | SectionStatus::Copied)
                || s.new_chars < yoy::MIN_CHARS
            {
                continue;
            }
            out[i].push(diag(
                Code::NarrativeCopied,
                heading,
                format!(
                    "“{}”一节的正文{}（相似度 {:.0}%，{} 字）：与{prev_year}年报告（{prev_name}）的同一节比较。年度报告应当反映本年度的工作",
                    s.title,
                    s.status.label(),
                    sim * 100.0,
                    s.new_chars
                ),
            ));
        }
    }
    out
}
