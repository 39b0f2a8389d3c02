//! The folder pass, the same for the CLI, the language server and the
//! tests: the rules across the reports of a folder, merged into each report's
//! own diagnostics.

use std::path::Path;

use crate::check::{self, Checked, Config};
use crate::diagnostic::Diagnostic;
use crate::rules::check_folder;

/// One report of a folder.
pub struct Member<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub checked: &'a Checked,
    /// The configuration the report was checked with; `None` for a report
    /// read only so that its neighbours can be compared with it.
    pub config: Option<&'a Config>,
}

/// For each member (same order) with a configuration: its own diagnostics
/// together with those the folder rules found for it, levels and
/// suppressions applied, sorted; `None` for members without one.
pub fn folder_pass(members: &[Member]) -> Vec<Option<Vec<Diagnostic>>> {
    let reports: Vec<_> = members
        .iter()
        .map(|m| m.checked.folder_report(m.path))
        .collect();
    let extra = check_folder(&reports);
    members
        .iter()
        .zip(extra)
        .map(|(m, extra)| {
            let config = m.config?;
            Some(check::with_folder_diagnostics(
                m.checked, extra, m.text, config,
            ))
        })
        .collect()
}
