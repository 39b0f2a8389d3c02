//! The rules. One module per family; each rule has a stable ASCII code,
//! documented in `docs/rules.md` under the same name.

use crate::diagnostic::{Diagnostic, Severity};
use crate::semantic::Context;

mod articles;
mod cross_report;
mod dates;
mod front_matter;
mod narrative;
mod placeholder;
pub(crate) mod prose_breakdown;
mod prose_quotes;
mod prose_rate;
mod prose_share;
mod standard;
mod structure;
mod syntax;
mod totals;

pub use cross_report::{check_folder, FolderReport};
pub use narrative::check_folder as check_folder_narrative;

/// Where each rule is documented: `{RULES_DOC}#{code}` (one entry per code
/// in docs/rules.md). Used by SARIF `helpUri` and LSP `codeDescription`.
pub const RULES_DOC: &str = "https://github.com/nianbao/nianbao/blob/main/docs/rules.md";

/// The documentation link of a rule.
pub fn doc_url(code: &str) -> String {
    format!("{RULES_DOC}#{code}")
}

/// What the registry knows of a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub code: &'static str,
    /// The default severity (a rule may report below it, e.g. info for
    /// contents the 2007 条例 names but no national format prescribes).
    pub severity: Severity,
    /// One line in Chinese.
    pub title: &'static str,
}

macro_rules! rules {
    ($($code:literal => $sev:ident, $title:literal;)*) => {
        pub const RULES: &[RuleInfo] = &[
            $(RuleInfo { code: $code, severity: Severity::$sev, title: $title },)*
        ];
    };
}

rules! {
    "syntax-error" => Error, "语法错误";
    "article-unknown" => Warning, "引用的《条例》条款在适用的版本中不存在";
    "front-matter-missing" => Error, "缺少必填的元数据（年度）";
    "front-matter-invalid" => Error, "元数据的值无效";
    "front-matter-unknown-key" => Hint, "未知的元数据键";
    "deadline" => Error, "发布日期晚于法定期限";
    "publish-date-missing" => Hint, "未填写发布日期，无法检查发布期限";
    "format-year" => Warning, "表格格式或《条例》版本与年度不符";
    "period-year" => Warning, "统计期限与年度不符";
    "placeholder" => Warning, "未填写的占位符";
    "prose-breakdown" => Warning, "正文“共……其中……”分项之和与总数不符";
    "prose-rate" => Warning, "正文中的比率与其数字不符";
    "prose-share" => Warning, "正文中的占比与分项除以总数不符";
    "prose-share-sum" => Warning, "同一总数的各项占比之和不是 100%";
    "prose-table-mismatch" => Warning, "正文引用的数字与表格不符";
    "table-sum" => Error, "表格勾稽关系不成立";
    "table-bound" => Warning, "表格中的分项大于其总数";
    "table-total-blank" => Info, "总计未填";
    "table-subtotal" => Error, "表格的合计、总计或小计与各项之和不符";
    "table-missing" => Error, "缺少格式规定的表格";
    "section-missing" => Warning, "缺少《条例》规定的报告内容";
    "label-variant" => Warning, "非标准的表格标签";
    "label-unknown" => Warning, "无法识别的表格标签";
    "row-missing" => Error, "标准表格缺少行";
    "row-duplicate" => Error, "标准表格中重复的行";
    "column-count" => Error, "表格行的单元格数与表头不符";
    "cell-not-number" => Error, "应填数字的单元格不是数字";
    "cell-negative" => Error, "件数为负数";
    "cell-fraction" => Error, "件数不是整数";
    "cell-blank" => Warning, "应填数字的单元格为空";
    "carry-over" => Warning, "本年上年结转与上年报告的结转下年度不符";
    "in-force-continuity" => Info, "现行有效件数与上年报告及本年增减不衔接";
    "narrative-copied" => Info, "某节正文与上年报告几乎相同（照抄上年）";
}

/// The registry entry of `code`.
pub fn info(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

/// The default severity of a registered code.
pub fn severity(code: &'static str) -> Severity {
    info(code).map_or(Severity::Warning, |r| r.severity)
}

/// A diagnostic of `code` at its default severity.
pub fn diag(
    code: &'static str,
    range: std::ops::Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
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
    prose_quotes::check(cx, out);
    totals::check(cx, out);
    standard::check(cx, out);
    structure::check(cx, out);
}

#[cfg(test)]
mod tests {
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
