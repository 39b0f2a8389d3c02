//! Year over year: two reports of the same 机关 compared — every standard
//! figure old and new with its change and ratio (large swings flagged), and
//! every section's text, copied or nearly copied from last year (“照抄上年”),
//! changed, added or removed. `nianbao diff` prints it; the folder rule
//! `narrative-copied` uses the section comparison.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use rust_decimal::Decimal;

use crate::model::{CellValue, Report};
use crate::semantic::bind::Binding;

/// A section whose text is at least this similar to last year's is copied
/// (nearly) unchanged.
pub const COPIED: f64 = 0.9;

/// Sections with less text than this (characters without whitespace) are
/// not judged as copied: a short standard sentence is the same every year.
pub const MIN_CHARS: usize = 50;

/// What kind of swing a figure made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swing {
    /// Ten times or more the old figure (and at least 10).
    TenfoldUp,
    /// A tenth or less of the old figure (which was at least 10), not zero.
    TenfoldDown,
    /// From non-zero to zero.
    ToZero,
}

impl Swing {
    pub fn as_str(self) -> &'static str {
        match self {
            Swing::TenfoldUp => "x10",
            Swing::TenfoldDown => "/10",
            Swing::ToZero => "to-zero",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Swing::TenfoldUp => "增至10倍以上",
            Swing::TenfoldDown => "降至十分之一以下",
            Swing::ToZero => "降为0",
        }
    }
}

/// Whether the change from `old` to `new` is a large swing.
pub fn swing(old: Decimal, new: Decimal) -> Option<Swing> {
    let ten = Decimal::from(10);
    if old != Decimal::ZERO && new == Decimal::ZERO {
        Some(Swing::ToZero)
    } else if old > Decimal::ZERO && new >= old * ten && new >= ten {
        Some(Swing::TenfoldUp)
    } else if new > Decimal::ZERO && old >= ten && new * ten <= old {
        Some(Swing::TenfoldDown)
    } else {
        None
    }
}

/// One standard figure in both years.
#[derive(Debug, Clone)]
pub struct Figure {
    pub table: &'static str,
    pub table_name: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

impl Figure {
    pub fn change(&self) -> Option<Decimal> {
        Some(self.new? - self.old?)
    }

    /// new / old, when old is not zero.
    pub fn ratio(&self) -> Option<f64> {
        let (old, new) = (self.old?, self.new?);
        if old == Decimal::ZERO {
            return None;
        }
        use rust_decimal::prelude::ToPrimitive;
        (new / old).to_f64()
    }

    pub fn swing(&self) -> Option<Swing> {
        swing(self.old?, self.new?)
    }
}

type FigureKey = (&'static str, &'static str, &'static str);

/// The standard figures of a report: (table id, row key, column key) → value
/// and names, in the report's order.
fn figures(report: &Report, bindings: &[Option<Binding>]) -> Vec<(FigureKey, Figure, Decimal)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (table, b) in report.tables.iter().zip(bindings) {
        let Some(b) = b else { continue };
        for row in b.table.rows.iter().filter(|r| !r.group) {
            for column in &b.table.columns {
                let Some(cell) = b.cell(table, &row.key, &column.key) else {
                    continue;
                };
                let CellValue::Number(n) = &cell.value else {
                    continue;
                };
                let key = (b.table.id.as_str(), row.key.as_str(), column.key.as_str());
                if !seen.insert(key) {
                    continue;
                }
                let figure = Figure {
                    table: b.table.id.as_str(),
                    table_name: b.table.name.as_str(),
                    row: row.display_name(),
                    column: column.label.as_str(),
                    old: None,
                    new: None,
                };
                out.push((key, figure, n.value));
            }
        }
    }
    out
}

/// Every standard figure present in either report (the new report's order,
/// then figures only the old one has).
pub fn compare_figures(
    old: (&Report, &[Option<Binding>]),
    new: (&Report, &[Option<Binding>]),
) -> Vec<Figure> {
    let old_figures = figures(old.0, old.1);
    let new_figures = figures(new.0, new.1);
    let old_by_key: HashMap<FigureKey, Decimal> =
        old_figures.iter().map(|(k, _, v)| (*k, *v)).collect();
    let new_keys: HashSet<FigureKey> = new_figures.iter().map(|(k, ..)| *k).collect();
    let mut out: Vec<Figure> = new_figures
        .into_iter()
        .map(|(k, mut f, v)| {
            f.new = Some(v);
            f.old = old_by_key.get(&k).copied();
            f
        })
        .collect();
    out.extend(
        old_figures
            .into_iter()
            .filter(|(k, ..)| !new_keys.contains(k))
            .map(|(_, mut f, v)| {
                f.old = Some(v);
                f
            }),
    );
    out
}

/// What happened to a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStatus {
    /// The same text (whitespace aside).
    Unchanged,
    /// Nearly the same text (similarity ≥ [`COPIED`]).
    Copied,
    Changed,
    Added,
    Removed,
}

impl SectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionStatus::Unchanged => "unchanged",
            SectionStatus::Copied => "copied",
            SectionStatus::Changed => "changed",
            SectionStatus::Added => "added",
            SectionStatus::Removed => "removed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SectionStatus::Unchanged => "与上年完全相同",
            SectionStatus::Copied => "与上年几乎相同",
            SectionStatus::Changed => "已改写",
            SectionStatus::Added => "新增",
            SectionStatus::Removed => "删去",
        }
    }
}

#[derive(Debug, Clone)]
pub struct SectionDiff {
    /// The heading as written (in the new report, else the old one).
    pub title: String,
    pub level: usize,
    pub status: SectionStatus,
    /// Similarity of the texts, 0–1 (`None` for added or removed sections).
    pub similarity: Option<f64>,
    pub old_chars: usize,
    pub new_chars: usize,
    /// The heading's range in the new report.
    pub new_heading: Option<Range<usize>>,
}

/// A heading without its ordinal (一、 （二） 3. …) and whitespace: how
/// sections of two years are paired.
pub fn title_key(title: &str) -> String {
    // The ordinal and the blanks among it trimmed, then the other blanks
    // dropped: one pass, no copy of the whole title first.
    let ordinal = |c: char| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(
                c,
                '一' | '二'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '百'
                    | '零'
                    | '〇'
                    | '（'
                    | '）'
                    | '('
                    | ')'
                    | '、'
                    | '.'
                    | '．'
                    | ','
                    | '，'
                    | ':'
                    | '：'
            )
    };
    // The rest copied a run at a time (a title rarely has a blank left).
    let rest = title.trim_start_matches(ordinal);
    let mut key = String::with_capacity(rest.len());
    for run in rest.split(char::is_whitespace) {
        key.push_str(run);
    }
    key
}

/// The text of each section's own paragraphs (not its subsections' or its
/// tables'), whitespace removed.
pub fn section_texts(text: &str, report: &Report) -> Vec<String> {
    let mut out = vec![String::new(); report.sections.len()];
    for p in &report.paragraphs {
        let Some(s) = p.section else { continue };
        let Some(body) = text.get(p.range.clone()) else {
            continue;
        };
        // Copied a run at a time (whitespace is rare in prose).
        for run in body.split(char::is_whitespace) {
            out[s].push_str(run);
        }
    }
    out
}

/// Similarity of two texts: Jaccard index of their sets of character
/// bigrams, every digit counted as the same character (a text copied with
/// this year's figures put in is still copied); 1 for equal texts, 0 when
/// nothing is shared.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let grams = |s: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = s
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    let union = ga.union(&gb).count();
    if union == 0 {
        return 0.0;
    }
    ga.intersection(&gb).count() as f64 / union as f64
}

/// Every section of either report, paired by level and title.
pub fn compare_sections(old: (&str, &Report), new: (&str, &Report)) -> Vec<SectionDiff> {
    let old_texts = section_texts(old.0, old.1);
    let new_texts = section_texts(new.0, new.1);
    let mut old_by_key: HashMap<(usize, String), usize> = HashMap::new();
    for (i, s) in old.1.sections.iter().enumerate() {
        old_by_key
            .entry((s.level, title_key(&s.title)))
            .or_insert(i);
    }
    let mut used = HashSet::new();
    let mut out = Vec::new();
    for (i, s) in new.1.sections.iter().enumerate() {
        let key = (s.level, title_key(&s.title));
        let new_chars = new_texts[i].chars().count();
        let Some(&o) = old_by_key.get(&key).filter(|o| !used.contains(*o)) else {
            out.push(SectionDiff {
                title: s.title.clone(),
                level: s.level,
                status: SectionStatus::Added,
                similarity: None,
                old_chars: 0,
                new_chars,
                new_heading: Some(s.heading_range.clone()),
            });
            continue;
        };
        used.insert(o);
        let sim = similarity(&old_texts[o], &new_texts[i]);
        let status = if old_texts[o] == new_texts[i] {
            SectionStatus::Unchanged
        } else if sim >= COPIED {
            SectionStatus::Copied
        } else {
            SectionStatus::Changed
        };
        out.push(SectionDiff {
            title: s.title.clone(),
            level: s.level,
            status,
            similarity: Some(sim),
            old_chars: old_texts[o].chars().count(),
            new_chars,
            new_heading: Some(s.heading_range.clone()),
        });
    }
    for (i, s) in old.1.sections.iter().enumerate() {
        if !used.contains(&i) {
            out.push(SectionDiff {
                title: s.title.clone(),
                level: s.level,
                status: SectionStatus::Removed,
                similarity: None,
                old_chars: old_texts[i].chars().count(),
                new_chars: 0,
                new_heading: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key copied a run at a time is the key collected a character at a time: titles of the examples and
    /// fixtures, and titles with blanks, ordinals and every kind of whitespace.
    #[test]
    fn title_keys_are_the_characters_kept() {
        let by_chars = |title: &str| -> String {
            let ordinal = |c: char| {
                c.is_whitespace()
                    || c.is_ascii_digit()
                    || "一二三四五六七八九十百零〇（）()、.．,，:：".contains(c)
            };
            title
                .trim_start_matches(ordinal)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        let mut titles: Vec<String> = [
            "",
            " ",
            "一、总体情况",
            "（二） 主动 公开\u{3000}政府信息情况 ",
            "1. 概述\t\n",
            "五、存在的主要问题\u{a0}及改进情况",
            "　　　",
            "前言",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for path in crate::test_corpus("fixtures") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let report = crate::model::build(&crate::syntax::parse(&text), &text);
            titles.extend(report.sections.iter().map(|s| s.title.clone()));
            titles.extend(text.lines().map(String::from));
        }
        for title in &titles {
            assert_eq!(title_key(title), by_chars(title), "{title:?}");
        }
    }

    #[test]
    fn swings() {
        let d = Decimal::from;
        assert_eq!(swing(d(3), d(30)), Some(Swing::TenfoldUp));
        assert_eq!(swing(d(3), d(29)), None);
        assert_eq!(swing(d(1), d(9)), None);
        assert_eq!(swing(d(100), d(10)), Some(Swing::TenfoldDown));
        assert_eq!(swing(d(100), d(11)), None);
        assert_eq!(swing(d(2), d(0)), Some(Swing::ToZero));
        assert_eq!(swing(d(0), d(0)), None);
        assert_eq!(swing(d(0), d(50)), None);
    }

    #[test]
    fn titles_and_similarity() {
        assert_eq!(title_key("一、总体情况"), "总体情况");
        assert_eq!(title_key("（二） 依申请公开"), "依申请公开");
        assert_eq!(title_key("3. 其他"), "其他");
        assert_eq!(
            title_key(" 一 、二十 三（四）其 他 情\u{3000}况 "),
            "其他情况"
        );
        assert_eq!(title_key("一、 二 "), "");
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("ab", "cd"), 0.0);
        let a = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。全年主动公开政府信息1234条，其中政策文件56条，办理依申请公开78件，均在法定期限内答复。";
        let b = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。全年主动公开政府信息2345条，其中政策文件67条，办理依申请公开89件，均在法定期限内答复。";
        assert!(similarity(a, b) >= COPIED, "{}", similarity(a, b));
        let c = "本年度围绕优化营商环境，重点公开了行政许可和行政处罚信息，新建了政策解读专栏，答复了全部申请。";
        assert!(similarity(a, c) < 0.3, "{}", similarity(a, c));
    }
}
