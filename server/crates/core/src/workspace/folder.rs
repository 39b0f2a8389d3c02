//! The folder pass, the same for the CLI, the language server and the
//! tests: the rules across the reports of a folder, merged into each report's
//! own diagnostics. The rules read only each report's [`Facts`].

use std::path::Path;

use crate::check::{self, Checked, Config};
use crate::diagnostic::Diagnostic;
use crate::rules::{check_folder, check_folder_narrative, Facts, FolderReport, Needs};

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
    // The section fingerprints (`narrative-copied`) cost a pass over the whole text, on every
    // keystroke in the editor: only for a report another one of the same 机关 may be paired with.
    let organ = |m: &Member| {
        let o = m.checked.report.front.organ()?;
        Some(o.chars().filter(|c| !c.is_whitespace()).collect::<String>())
    };
    let organs: Vec<Option<String>> = members.iter().map(organ).collect();
    // A report's counts as a subordinate (a pass over its text for the
    // positions): only when another report of the folder names subordinates.
    let aggregates: Vec<bool> = members
        .iter()
        .map(|m| !m.checked.report.front.subordinates().is_empty())
        .collect();
    let aggregate_neighbour = neighbours.iter().any(|n| !n.facts.subordinates.is_empty());
    let own: Vec<Facts> = members
        .iter()
        .zip(&organs)
        .enumerate()
        .map(|(i, (m, o))| {
            let sections = o.as_ref().is_some_and(|o| {
                organs
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && other.as_ref() == Some(o))
                    || neighbours.iter().any(|n| n.facts.organ.as_ref() == Some(o))
            });
            let subordinate =
                aggregate_neighbour || aggregates.iter().enumerate().any(|(j, &a)| j != i && a);
            // The cross-year cells too are read only for a pair (same 机关,
            // 年度 one apart: `cross_report::pairs`).
            let needs = Needs {
                sections,
                subordinate,
                tables: sections,
            };
            m.checked.facts_for(m.text, needs)
        })
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../tests/fixtures/rules/narrative-copied/copied/"
        );
        std::fs::read_to_string(format!("{dir}{name}")).unwrap()
    }

    /// Open reports of the same 机关 are compared section by section; a report alone gets the same
    /// diagnostics whether or not its section fingerprints are made.
    #[test]
    fn sections_only_where_another_report_of_the_same_body_is() {
        let (old, new) = (fixture("2022.nianbao"), fixture("trigger-2023.nianbao"));
        let config = Config::default();
        let (c_old, c_new) = (
            check::check_text(&old, &config),
            check::check_text(&new, &config),
        );
        let members = [
            Member {
                path: Path::new("2022.nianbao"),
                text: &old,
                checked: &c_old,
                config: Some(&config),
            },
            Member {
                path: Path::new("2023.nianbao"),
                text: &new,
                checked: &c_new,
                config: Some(&config),
            },
        ];
        let both = folder_pass_among(&members, &[]);
        assert!(both[1].iter().any(|d| d.code == "narrative-copied"));
        let alone = folder_pass_among(&members[1..], &[]);
        assert!(!alone[0].iter().any(|d| d.code == "narrative-copied"));
        let all_facts = check::with_folder_diagnostics(
            &c_new,
            all_folder_rules(&[FolderReport {
                path: Path::new("2023.nianbao"),
                facts: &c_new.facts(&new),
            }])
            .remove(0),
            &new,
            &config,
        );
        assert_eq!(alone[0], all_facts);
        // As a neighbour known by its facts, last year's report is still paired.
        let facts = c_old.facts(&old);
        let neighbour = Neighbour {
            path: Path::new("2022.nianbao"),
            facts: &facts,
        };
        let among = folder_pass_among(&members[1..], &[neighbour]);
        assert_eq!(among[0], both[1]);
    }
}
