//! The folder pass, the same for the CLI, the language server and the
//! tests: the rules across the reports of a folder, merged into each report's
//! own diagnostics.

use std::path::Path;

use crate::check::{self, Checked, Config};
use crate::diagnostic::Diagnostic;
use crate::rules::{check_folder, check_folder_narrative};

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
    let mut extra = check_folder(&reports);
    let texts: Vec<&str> = members.iter().map(|m| m.text).collect();
    for (e, more) in extra
        .iter_mut()
        .zip(check_folder_narrative(&reports, &texts))
    {
        e.extend(more);
    }
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
