//! The rules. One module per family; each rule has a stable ASCII code,
//! documented in `docs/rules.md` under the same name.

use crate::diagnostic::{Diagnostic, Severity};
use crate::semantic::Context;

mod articles;
mod cross_report;
mod dates;
mod facts;
mod front_matter;
mod hierarchy;
mod narrative;
mod narrative_copied;
mod placeholder;
pub(crate) mod prose_breakdown;
mod prose_change;
mod prose_done;
pub mod prose_quotes;
mod prose_rate;
mod prose_repeat;
mod prose_sections;
mod prose_share;
mod prose_year;
pub(crate) mod registry;
mod section_ordinal;
mod standard;
mod structure;
mod syntax;
mod totals;

pub use cross_report::{folder_key, previous_key, FolderKey, FolderReport};
pub use facts::{
    AggregateCell, AggregateTable, CellFact, Facts, Needs, SectionPrint, SummedCell, SummedTable,
    TableFacts,
};
pub use registry::{Code, RuleInfo, UnknownCode, RULES};

/// The rules across the reports of a folder: diagnostics for each report
/// (same order as `reports`). `carry-over` and `in-force-continuity` compare
/// consecutive years of one 机关; `hierarchy-sum` and `hierarchy-missing`
/// compare an aggregate with the subordinates it names.
pub fn check_folder(reports: &[FolderReport]) -> Vec<Vec<Diagnostic>> {
    let mut out = cross_report::check_years(reports);
    hierarchy::check(reports, &mut out);
    out
}
/// `narrative-copied` across the reports of a folder (same order as `reports`).
pub use narrative_copied::check_folder as check_folder_narrative;

/// [`check_folder`]'s and [`check_folder_narrative`]'s findings for one report: `prev` is the report it is
/// paired with (the previous year's, see [`previous_key`]), `others` every
/// other report of the run that it may name as a subordinate, in path order.
pub fn folder_findings(
    this: &FolderReport,
    prev: Option<&FolderReport>,
    others: &[&FolderReport],
) -> Vec<Diagnostic> {
    let mut out = prev.map_or_else(Vec::new, |p| cross_report::compare(this, p));
    out.extend(hierarchy::check_one(this, others));
    if let Some(p) = prev {
        out.extend(narrative_copied::compare(this, p));
    }
    out
}

/// Where each rule is documented: `{RULES_DOC}#{code}` (one entry per code
/// in docs/rules.md). Used by SARIF `helpUri` and LSP `codeDescription`.
pub const RULES_DOC: &str = "https://github.com/nianbao/nianbao/blob/main/docs/rules.md";

/// The documentation link of a rule.
pub fn doc_url(code: &str) -> String {
    format!("{RULES_DOC}#{code}")
}

/// The registry entry of `code`.
pub fn info(code: &str) -> Option<&'static RuleInfo> {
    Code::lookup(code).map(Code::info)
}

/// The default severity of a rule.
pub fn severity(code: Code) -> Severity {
    code.info().severity
}

/// A diagnostic of `code` at its default severity.
pub fn diag(code: Code, range: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, severity(code), range, message)
}

type RuleFn = fn(&Context, &mut Vec<Diagnostic>);

/// What a family's findings depend on. The incremental check
/// (`check::incremental`) keeps the findings of the `Block` families with
/// each top-level block of the text and runs them again only on the blocks
/// an edit touched; the `Whole` families run on the whole report every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Findings inside a top-level block (a `#` section, or a run of
    /// paragraphs and tables outside sections) come from that block alone,
    /// with the front matter: the family finds the same on a report of just
    /// that block.
    Block,
    /// Findings inside a top-level block come from that block's paragraphs
    /// and the standard tables of the report, each found as the first table
    /// bound to it that has the cell read: the family finds the same on a
    /// report of that block after those tables.
    Tables,
    /// Findings inside a top-level block come from that block's paragraphs
    /// and the [`LOOKBACK`] paragraphs before it (wherever those are): the
    /// family finds the same on a report of those paragraphs, less what it
    /// finds on the paragraphs before alone. It reads no table and no heading.
    Paragraphs,
    /// Findings about the report as a whole, or about one part compared with
    /// another part anywhere.
    Whole,
}

use Scope::{Block, Paragraphs, Tables, Whole};

/// How many paragraphs back the [`Scope::Paragraphs`] families read.
pub(crate) const LOOKBACK: usize = {
    let (a, b) = (
        prose_share::EARLIER_PARAGRAPHS,
        prose_breakdown::FRAME_PARAGRAPHS,
    );
    if a > b {
        a
    } else {
        b
    }
};

/// Every single-report rule family, in the order they run, named after its
/// module, with what its findings depend on. A family that comes to read
/// more than its scope says must take a wider one (`Whole` is always right):
/// `server/tests/incremental_check.rs` compares the incremental check with a
/// fresh one.
pub(crate) const FAMILIES: &[(&str, Scope, RuleFn)] = &[
    ("syntax", Block, syntax::check),
    ("articles", Block, articles::check),
    ("front_matter", Whole, front_matter::check),
    ("dates", Whole, dates::check),
    ("placeholder", Block, placeholder::check),
    ("prose_breakdown", Paragraphs, prose_breakdown::check),
    ("prose_rate", Block, prose_rate::check),
    ("prose_share", Paragraphs, prose_share::check),
    ("prose_change", Block, prose_change::check),
    ("prose_quotes", Tables, prose_quotes::check),
    ("prose_done", Tables, prose_done::check),
    ("prose_year", Block, prose_year::check),
    ("prose_repeat", Whole, prose_repeat::check),
    ("prose_sections", Block, prose_sections::check),
    ("totals", Block, totals::check),
    ("standard", Block, standard::check),
    ("structure", Whole, structure::check),
    ("section_ordinal", Whole, section_ordinal::check),
    ("narrative", Whole, narrative::check),
];

/// Runs every single-report rule.
pub fn run_all(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, run) in FAMILIES {
        run(cx, out);
    }
}

/// Runs every single-report rule family and returns how long each took (the
/// `scaling` example's `--rules`, to find which family a slow input hits).
#[doc(hidden)]
pub fn run_all_timed(
    cx: &Context,
    out: &mut Vec<Diagnostic>,
) -> Vec<(&'static str, std::time::Duration)> {
    FAMILIES
        .iter()
        .map(|(name, _, run)| {
            let started = std::time::Instant::now();
            run(cx, out);
            (*name, started.elapsed())
        })
        .collect()
}

/// The messages of the findings with `code` on `text` checked as a whole report (the unit tests of the
/// rule families).
#[cfg(test)]
pub(crate) fn messages(text: &str, code: &str) -> Vec<String> {
    crate::check::check_text(text, &crate::check::Config::default())
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back_and_unknown_ones_name_the_closest() {
        for (code, info) in Code::ALL.iter().zip(RULES) {
            assert_eq!(code.as_str(), info.code);
            assert_eq!(info.code.parse::<Code>(), Ok(*code));
            assert_eq!(code.info().code, info.code);
        }
        let err = "table-summ".parse::<Code>().unwrap_err();
        assert_eq!(err.closest, Code::TableSum);
        assert_eq!(
            err.to_string(),
            "规则代码“table-summ”不存在，最接近的是“table-sum”"
        );
        assert_eq!(Code::closest("prose-brekdown"), Code::ProseBreakdown);
        assert_eq!(Code::closest("CELL-BLANK"), Code::CellBlank);
    }

    #[test]
    fn codes_are_unique_lowercase_ascii() {
        let mut seen = std::collections::HashSet::new();
        for r in super::RULES {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(
                r.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                r.code
            );
        }
    }
}
