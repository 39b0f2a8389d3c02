//! Front matter: the report's metadata (`机关`, `年度`, `发布日期` …).

use std::ops::Range;

use super::Date;

/// One `键: 值` line.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_range: Range<usize>,
    /// `None` when the line has no colon yet.
    pub value: Option<String>,
    /// The value's range; for a missing value, the empty range at the line end.
    pub value_range: Range<usize>,
    pub line_range: Range<usize>,
}

/// Who publishes the report; decides the legal deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganKind {
    /// 本级人民政府 (the government itself).
    Government,
    /// 县级以上人民政府部门.
    Department,
    /// Anything else (派出机构, 法律法规授权的组织 …).
    Other,
}

impl OrganKind {
    pub fn parse(s: &str) -> Option<OrganKind> {
        Some(match s.trim() {
            "人民政府" | "政府" | "本级人民政府" | "县级以上地方人民政府" => {
                OrganKind::Government
            }
            "部门" | "政府部门" | "人民政府部门" | "县级以上人民政府部门" => {
                OrganKind::Department
            }
            "其他" => OrganKind::Other,
            _ => return None,
        })
    }
}

/// The known keys, in canonical order, with what each decides.
pub const KEYS: &[(&str, &str)] = &[
    ("标题", "报告标题，如“某县2023年政府信息公开工作年度报告”。"),
    ("机关", "发布报告的行政机关全称。跨年度检查（上年结转）按机关名称匹配同一机关的上年报告。"),
    ("机关类型", "人民政府 / 部门 / 其他。决定法定发布期限：2019年《条例》第四十九条规定部门于1月31日前、本级人民政府于3月31日前公布；2007年《条例》第三十一条规定3月31日前。"),
    ("年度", "报告所属年度（必填）。决定适用的《条例》版本（2018年及以前为2007年版，2019年起为2019年版）和默认表格格式。"),
    ("格式", "2021 / 2019 / 2014 / 无。默认由年度推出：2021年起为2021年格式，2019—2020年为2019年格式（试行），2014—2018年为政府信息公开情况统计表，更早为无统一表格。"),
    ("条例", "2007 / 2019。适用的《条例》版本，默认由年度推出。"),
    ("发布日期", "报告公开发布的日期（YYYY-MM-DD），用于检查是否超过法定期限。"),
    ("统计期限", "统计期限，如“2023-01-01至2023-12-31”，默认为年度全年。"),
    ("下级", "本报告汇总的下级单位（各下级报告的“机关”），如“[甲镇人民政府, 乙镇人民政府]”。检查文件夹时，表三、表四和表二中的件数应等于这些下级同一年度报告之和。"),
];

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Range of the whole front matter, if the report has one.
    pub range: Option<Range<usize>>,
    /// Whether the closing `---` is there.
    pub closed: bool,
    pub entries: Vec<Entry>,
    /// Values from `nianbao.toml` `[defaults]`, used for keys the file lacks.
    pub defaults: Vec<(String, String)>,
}

impl FrontMatter {
    /// The first entry with this key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The value written for `key`, else the configured default.
    pub fn value(&self, key: &str) -> Option<&str> {
        let written = self
            .entry(key)
            .and_then(|e| e.value.as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty());
        written.or_else(|| {
            self.defaults
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        })
    }

    pub fn title(&self) -> Option<&str> {
        self.value("标题")
    }

    pub fn organ(&self) -> Option<&str> {
        self.value("机关")
    }

    pub fn year(&self) -> Option<i32> {
        let v = self.value("年度")?;
        let v = v.trim_end_matches("年度").trim_end_matches('年');
        v.parse().ok().filter(|y| (1990..=2100).contains(y))
    }

    pub fn organ_kind(&self) -> Option<OrganKind> {
        self.value("机关类型").and_then(OrganKind::parse)
    }

    pub fn published(&self) -> Option<Date> {
        self.value("发布日期").and_then(Date::parse)
    }

    /// `格式` as written: "2021", "2019", "2014", "无"; `None` when absent.
    pub fn format(&self) -> Option<&str> {
        self.value("格式")
    }

    /// `条例` as written.
    pub fn edition(&self) -> Option<&str> {
        self.value("条例")
    }

    /// `下级` as written: the 机关 of the subordinate units whose reports
    /// this one aggregates, with each name's byte range. `[甲镇, 乙镇]`,
    /// `甲镇、乙镇` and `甲镇，乙镇` are the same; empty when not written.
    pub fn subordinates(&self) -> Vec<(String, Range<usize>)> {
        let Some(e) = self.entry("下级") else {
            return Vec::new();
        };
        let Some(value) = e.value.as_deref() else {
            return Vec::new();
        };
        // The value's text as it stands in the source, to keep ranges.
        let base = e.value_range.end.saturating_sub(value.len());
        let mut out = Vec::new();
        let mut start = 0;
        let separators =
            |c: char| matches!(c, ',' | '，' | '、' | ';' | '；' | '[' | ']' | '［' | '］');
        for (i, c) in value
            .char_indices()
            .chain(std::iter::once((value.len(), ',')))
        {
            if !separators(c) {
                continue;
            }
            let piece = &value[start..i];
            let trimmed = piece.trim().trim_matches(['"', '“', '”', '\'', '‘', '’']);
            if !trimmed.is_empty() {
                let at = start + piece.find(trimmed).unwrap_or(0);
                out.push((trimmed.to_string(), base + at..base + at + trimmed.len()));
            }
            start = i + c.len_utf8();
        }
        out
    }

    /// `统计期限` as (start, end).
    pub fn period(&self) -> Option<(Date, Date)> {
        let v = self.value("统计期限")?;
        let (a, b) = v.split_once(['至', '~', '～', '—'])?;
        Some((Date::parse(a)?, Date::parse(b)?))
    }
}
