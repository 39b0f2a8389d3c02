//! The checking engine, orchestration only: text → tree → report model →
//! semantic context → rules → levels and suppressions → diagnostics.
//! Both front ends (the CLI and the language server) call [`check_tree`] or
//! [`check_text`]; nothing here knows about LSP.

pub mod config;
mod incremental;
pub mod suppress;

use tree_sitter::Tree;

use crate::diagnostic::Diagnostic;
use crate::model::{self, Report};
use crate::rules::{Facts, Needs};
use crate::semantic::bind::Binding;
use crate::semantic::{Context, FormatId};
use crate::tiaoli::Edition;
pub use config::{Config, ConfigError, Level};
pub use incremental::check_edited;
use suppress::Suppressions;

/// The result of checking one document.
#[derive(Clone)]
pub struct Checked {
    pub tree: Tree,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    /// The format the report was checked against.
    pub format: FormatId,
    pub edition: Edition,
    /// For each table of the report, the standard table it is bound to.
    pub bindings: Vec<Option<Binding>>,
    /// What [`check_edited`] keeps for the next check (`None` from [`check_tree`]).
    blocks: Option<Box<incremental::Blocks>>,
}

impl Checked {
    /// What the rules across reports need of this report (`text` is its text): everything.
    pub fn facts(&self, text: &str) -> Facts {
        self.facts_for(text, Needs::ALL)
    }

    /// What the rules across reports need of this report, leaving out what is not needed.
    pub fn facts_for(&self, text: &str, needs: Needs) -> Facts {
        Facts::of(&self.report, &self.bindings, text, needs)
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
    let decided = (cx.format, cx.edition, cx.bindings);
    Checked::new(tree, report, diagnostics, decided, text, config, None)
}

impl Checked {
    /// The result of a check that found `raw` (levels and suppressions not
    /// applied yet) and decided the format, edition and bindings.
    fn new(
        tree: Tree,
        report: Report,
        raw: Vec<Diagnostic>,
        (format, edition, bindings): (FormatId, Edition, Vec<Option<Binding>>),
        text: &str,
        config: &Config,
        blocks: Option<Box<incremental::Blocks>>,
    ) -> Checked {
        let diagnostics = finish(raw, &report, text, config);
        Checked {
            tree,
            report,
            diagnostics,
            format,
            edition,
            bindings,
            blocks,
        }
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
    let suppressions = Suppressions::collect(&checked.report, text);
    merge_folder(checked.diagnostics.clone(), folder, &suppressions, config)
}

/// [`with_folder_diagnostics`] on what a bulk check keeps of a report: its
/// own (finished) diagnostics and its suppression comments.
pub fn merge_folder(
    mut own: Vec<Diagnostic>,
    folder: Vec<Diagnostic>,
    suppressions: &Suppressions,
    config: &Config,
) -> Vec<Diagnostic> {
    if folder.is_empty() {
        return own;
    }
    own.extend(finish_with(folder, suppressions, config));
    own.sort_by_key(|d| (d.range.start, d.range.end));
    own
}

/// Applies configured levels and suppression comments, and sorts.
pub fn finish(
    diagnostics: Vec<Diagnostic>,
    report: &Report,
    text: &str,
    config: &Config,
) -> Vec<Diagnostic> {
    finish_with(diagnostics, &Suppressions::collect(report, text), config)
}

fn finish_with(
    diagnostics: Vec<Diagnostic>,
    suppressions: &Suppressions,
    config: &Config,
) -> Vec<Diagnostic> {
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
