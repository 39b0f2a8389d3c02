//! `carry-over` and `in-force-continuity`: rules across the reports of one
//! folder (same 机关, consecutive years).

use crate::diagnostic::Diagnostic;

/// One checked report of a folder, for the cross-report rules.
pub struct FolderReport<'a> {
    pub path: &'a std::path::Path,
    pub text: &'a str,
    pub report: &'a crate::model::Report,
}

/// Diagnostics for each report (same order as `reports`).
pub fn check_folder(reports: &[FolderReport]) -> Vec<Vec<Diagnostic>> {
    reports.iter().map(|_| Vec::new()).collect()
}
