//! The checking engine, orchestration only: text → tree → report model →
//! semantic context → rules → levels and suppressions → diagnostics.
//! Both front ends (the CLI and the language server) call [`check_tree`] or
//! [`check_text`]; nothing here knows about LSP.

pub mod config;
pub mod suppress;

use std::path::Path;

use tree_sitter::Tree;

use crate::diagnostic::Diagnostic;
use crate::model::{self, Report};
use crate::rules::FolderReport;
use crate::semantic::bind::Binding;
use crate::semantic::{Context, FormatId};
use crate::tiaoli::Edition;
pub use config::{Config, ConfigError, Level};
use suppress::Suppressions;

/// The result of checking one document.
pub struct Checked {
    pub tree: Tree,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    /// The format the report was checked against.
    pub format: FormatId,
    pub edition: Edition,
    /// For each table of the report, the standard table it is bound to.
    pub bindings: Vec<Option<Binding>>,
}

impl Checked {
    /// This report as one of a folder, for the rules across reports.
    pub fn folder_report<'a>(&'a self, path: &'a Path) -> FolderReport<'a> {
        FolderReport {
            path,
            report: &self.report,
            bindings: &self.bindings,
        }
    }
}

/// Parses and checks `text`.
pub fn check_text(text: &str, config: &Config) -> Checked {
    check_tree(crate::syntax::parse(text), text, config)
}

/// Checks `text` whose tree is already parsed (the language server reparses
/// incrementally and hands the tree over).
pub fn check_tree(tree: Tree, text: &str, config: &Config) -> Checked {
    let mut report = model::build(&tree, text);
    report.front.defaults = config.defaults.clone();
    let mut diagnostics = Vec::new();
    let cx = Context::new(text, &report);
    crate::rules::run_all(&cx, &mut diagnostics);
    let (format, edition, bindings) = (cx.format, cx.edition, cx.bindings);
    let diagnostics = finish(diagnostics, &report, text, config);
    Checked {
        tree,
        report,
        diagnostics,
        format,
        edition,
        bindings,
    }
}

/// A report's own diagnostics together with those the folder rules found
/// for it (levels and suppressions applied to the latter too), in order.
/// The CLI and the language server both merge this way.
pub fn with_folder_diagnostics(
    checked: &Checked,
    folder: Vec<Diagnostic>,
    text: &str,
    config: &Config,
) -> Vec<Diagnostic> {
    let mut all = checked.diagnostics.clone();
    all.extend(finish(folder, &checked.report, text, config));
    all.sort_by_key(|d| (d.range.start, d.range.end));
    all
}

/// Applies configured levels and suppression comments, and sorts.
pub fn finish(
    diagnostics: Vec<Diagnostic>,
    report: &Report,
    text: &str,
    config: &Config,
) -> Vec<Diagnostic> {
    let suppressions = Suppressions::collect(report, text);
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            match config.level(d.code) {
                Some(Level::Off) => return None,
                Some(Level::On(severity)) => d.severity = severity,
                None => {}
            }
            (!suppressions.suppresses(&d)).then_some(d)
        })
        .collect();
    kept.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code.as_str()).cmp(&(
            b.range.start,
            b.range.end,
            b.code.as_str(),
        ))
    });
    kept.dedup();
    kept
}
