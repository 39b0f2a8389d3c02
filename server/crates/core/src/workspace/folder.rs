//! The folder pass, the same for the CLI, the language server and the
//! tests: the rules across the reports of a folder, merged into each report's
//! own diagnostics. The rules read only each report's [`Facts`].

use std::path::Path;

use crate::check::{self, Checked, Config};
use crate::diagnostic::Diagnostic;
use crate::rules::{check_folder, check_folder_narrative, Facts, FolderReport};

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
    let facts: Vec<Facts> = members.iter().map(|m| m.checked.facts(m.text)).collect();
    let reports: Vec<FolderReport> = members
        .iter()
        .zip(&facts)
        .map(|(m, facts)| FolderReport {
            path: m.path,
            facts,
        })
        .collect();
    let extra = all_folder_rules(&reports);
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

/// A report of the folder read only so that its neighbours can be compared
/// with it: what the rules across reports need of it.
pub struct Neighbour<'a> {
    pub path: &'a Path,
    pub facts: &'a Facts,
}

/// [`folder_pass`] for checked members among reports known only by their
/// facts; all of them in the order of their paths. For each member (same
/// order): its own diagnostics and those of the folder rules.
pub fn folder_pass_among(members: &[Member], neighbours: &[Neighbour]) -> Vec<Vec<Diagnostic>> {
    let own: Vec<Facts> = members.iter().map(|m| m.checked.facts(m.text)).collect();
    // (path, facts, member index)
    let mut all: Vec<(&Path, &Facts, Option<usize>)> = members
        .iter()
        .zip(&own)
        .enumerate()
        .map(|(i, (m, f))| (m.path, f, Some(i)))
        .chain(neighbours.iter().map(|n| (n.path, n.facts, None)))
        .collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    let reports: Vec<FolderReport> = all
        .iter()
        .map(|&(path, facts, _)| FolderReport { path, facts })
        .collect();
    let mut out: Vec<Vec<Diagnostic>> = members.iter().map(|_| Vec::new()).collect();
    for ((_, _, who), extra) in all.iter().zip(all_folder_rules(&reports)) {
        let Some(i) = *who else { continue };
        let m = &members[i];
        let config = m.config.cloned().unwrap_or_default();
        out[i] = check::with_folder_diagnostics(m.checked, extra, m.text, &config);
    }
    out
}

/// Every rule across reports, for each report (same order).
fn all_folder_rules(reports: &[FolderReport]) -> Vec<Vec<Diagnostic>> {
    let mut extra = check_folder(reports);
    for (e, more) in extra.iter_mut().zip(check_folder_narrative(reports)) {
        e.extend(more);
    }
    extra
}
