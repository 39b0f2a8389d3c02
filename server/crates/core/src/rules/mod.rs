//! The rules. One module per family; each rule has a stable ASCII code,
//! documented in `docs/rules.md` under the same name.

use crate::diagnostic::{Diagnostic, Severity};
use crate::semantic::Context;

mod articles;
mod cross_report;
mod dates;
mod front_matter;
mod hierarchy;
mod narrative;
mod narrative_copied;
mod placeholder;
pub(crate) mod prose_breakdown;
mod prose_change;
mod prose_done;
mod prose_quotes;
mod prose_rate;
mod prose_share;
mod prose_year;
pub(crate) mod registry;
mod section_ordinal;
mod standard;
mod structure;
mod syntax;
mod totals;

pub use cross_report::FolderReport;
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
pub use narrative_copied::check_folder as check_folder_narrative;

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

/// Runs every single-report rule.
pub fn run_all(cx: &Context, out: &mut Vec<Diagnostic>) {
    syntax::check(cx, out);
    articles::check(cx, out);
    front_matter::check(cx, out);
    dates::check(cx, out);
    placeholder::check(cx, out);
    prose_breakdown::check(cx, out);
    prose_rate::check(cx, out);
    prose_share::check(cx, out);
    prose_change::check(cx, out);
    prose_quotes::check(cx, out);
    prose_done::check(cx, out);
    prose_year::check(cx, out);
    totals::check(cx, out);
    standard::check(cx, out);
    structure::check(cx, out);
    section_ordinal::check(cx, out);
    narrative::check(cx, out);
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
