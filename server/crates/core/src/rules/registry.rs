//! The registry of rules: one line per rule, `Variant = "code" => DefaultSeverity, "title";`, generating
//! [`Code`] and [`RULES`]. Below the diagnostics (a [`crate::diagnostic::Diagnostic`] carries a [`Code`]),
//! so it names nothing but [`Severity`].

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::severity::Severity;

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

/// The registry: one line per rule, `Variant = "code" => DefaultSeverity, "title";`. It generates
/// [`Code`] (one variant per rule, parsed from and written as the ASCII code) and [`RULES`].
macro_rules! rules {
    ($($variant:ident = $code:literal => $sev:ident, $title:literal;)*) => {
        /// A rule code. Written and parsed as its ASCII name (`table-sum`), which never changes: it is what
        /// `nianbao.toml`, the editor settings, suppression comments and the outputs use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The ASCII code (`table-sum`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }
        }

        pub const RULES: &[RuleInfo] = &[
            $(RuleInfo { code: $code, severity: Severity::$sev, title: $title },)*
        ];
    };
}

rules! {
    SyntaxError = "syntax-error" => Error, "语法错误";
    ArticleUnknown = "article-unknown" => Warning, "引用的《条例》条款在适用的版本中不存在";
    FrontMatterMissing = "front-matter-missing" => Error, "缺少必填的元数据（年度）";
    FrontMatterInvalid = "front-matter-invalid" => Error, "元数据的值无效";
    FrontMatterUnknownKey = "front-matter-unknown-key" => Hint, "未知的元数据键";
    Deadline = "deadline" => Error, "发布日期晚于法定期限";
    PublishDateMissing = "publish-date-missing" => Hint, "未填写发布日期，无法检查发布期限";
    FormatYear = "format-year" => Warning, "表格格式或《条例》版本与年度不符";
    PeriodYear = "period-year" => Warning, "统计期限与年度不符";
    ProseYear = "prose-year" => Warning, "报告本年度工作的句子写的是另一年";
    Placeholder = "placeholder" => Warning, "未填写的占位符";
    ProseBreakdown = "prose-breakdown" => Warning, "正文“共……其中……”分项之和与总数不符";
    ProseRate = "prose-rate" => Warning, "正文中的比率与其数字不符";
    ProseShare = "prose-share" => Warning, "正文中的占比与分项除以总数不符";
    ProseShareSum = "prose-share-sum" => Warning, "同一总数的各项占比之和不是 100%";
    ProseChange = "prose-change" => Warning, "正文中的增长率、下降率与同一句的本年数和变化数不符";
    ProseRepeat = "prose-repeat" => Warning, "正文中同一个数在两处写了两个值";
    ProseSectionCount = "prose-section-count" => Warning, "正文说报告由几个部分组成，列出的部分比这更多（或没有“等”而更少）";
    ProseAllDone = "prose-all-done" => Warning, "正文说申请或案件全部办结，而表格有结转或尚未审结";
    ProseTableMismatch = "prose-table-mismatch" => Warning, "正文引用的数字与表格不符";
    TableSum = "table-sum" => Error, "表格勾稽关系不成立";
    TableBound = "table-bound" => Warning, "表格中的分项大于其总数";
    TableTotalBlank = "table-total-blank" => Info, "总计未填";
    TableSubtotal = "table-subtotal" => Error, "表格的合计、总计或小计与各项之和不符";
    TableMissing = "table-missing" => Error, "缺少格式规定的表格";
    SectionMissing = "section-missing" => Warning, "缺少《条例》规定的报告内容";
    NarrativeEmpty = "narrative-empty" => Warning, "存在的主要问题、其他需要报告的事项没有内容";
    SectionOrdinal = "section-ordinal" => Warning, "章节标题的序号错误或序号前有多余字符";
    LabelVariant = "label-variant" => Warning, "非标准的表格标签";
    LabelUnknown = "label-unknown" => Warning, "无法识别的表格标签";
    RowMissing = "row-missing" => Error, "标准表格缺少行";
    RowDuplicate = "row-duplicate" => Error, "标准表格中重复的行";
    ColumnCount = "column-count" => Error, "表格行的单元格数与表头不符";
    CellNotNumber = "cell-not-number" => Error, "应填数字的单元格不是数字";
    CellNotApplicable = "cell-not-applicable" => Info, "应填数字的单元格写了“/”“—”“无”等";
    CellNegative = "cell-negative" => Error, "件数或金额为负数";
    CellFraction = "cell-fraction" => Error, "件数不是整数";
    CellBlank = "cell-blank" => Warning, "应填数字的单元格为空";
    CarryOver = "carry-over" => Warning, "本年上年结转与上年报告的结转下年度不符";
    HierarchySum = "hierarchy-sum" => Warning, "汇总报告的数字与下级报告之和不符";
    HierarchyMissing = "hierarchy-missing" => Warning, "汇总报告声明的下级报告不在文件夹中或年度、格式不同";
    InForceContinuity = "in-force-continuity" => Info, "现行有效件数与上年报告及本年增减不衔接";
    NarrativeCopied = "narrative-copied" => Info, "某节正文与上年报告几乎相同（照抄上年）";
}

impl Code {
    /// The code written `s`, if it is registered (no suggestion: see [`FromStr`] for that).
    pub fn lookup(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// The registry entry of the code.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// The registered code nearest to `typed` (edit distance on the ASCII code), for "did you mean".
    pub fn closest(typed: &str) -> Code {
        let typed = typed.trim().to_ascii_lowercase();
        *Code::ALL
            .iter()
            .min_by(|a, b| {
                let da = strsim::normalized_damerau_levenshtein(&typed, a.as_str());
                let db = strsim::normalized_damerau_levenshtein(&typed, b.as_str());
                db.total_cmp(&da)
            })
            .expect("the registry is not empty")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule code that is not in the registry, with the registered code closest to it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("规则代码“{code}”不存在，最接近的是“{closest}”")]
pub struct UnknownCode {
    pub code: String,
    pub closest: Code,
}

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Code, UnknownCode> {
        Code::lookup(s).ok_or_else(|| UnknownCode {
            code: s.to_string(),
            closest: Code::closest(s),
        })
    }
}

/// Written as its ASCII code, as in every output.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A code compares with its ASCII name (`d.code == "table-sum"`).
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
