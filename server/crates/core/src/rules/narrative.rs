//! `narrative-empty`: the narrative sections the 条例 requires —
//! 存在的主要问题及改进情况 and 其他需要报告的事项 (2019 第五十条, 2007
//! 第三十二条) — written as a heading alone, as "无", or as a line of
//! boilerplate; and 其他需要报告的事项 saying "无" in a report that records
//! fees (2021 format: the 信息处理费 belong in that section).

use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::{CellValue, Report};
use crate::rules::prose_breakdown::SENTENCE_END;
use crate::semantic::{Context, FormatId};

/// Fewer content characters than this (punctuation, blanks and "无" not
/// counted) is no account of problems and improvements.
pub const MIN_CONTENT_CHARS: usize = 15;

/// Words of the heading that a body may repeat without saying anything.
const BOILERPLATE: &[&str] = &[
    "其他需要报告的事项",
    "需要报告的事项",
    "其他需要报告",
    "存在的主要问题及改进情况",
    "本年度",
    "本机关",
    "暂",
    "没有",
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// 存在的主要问题及改进情况.
    Problems,
    /// 其他需要报告的事项.
    Other,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.year.is_none() && cx.report.front.format().is_none() {
        return;
    }
    let report = cx.report;
    let sections: Vec<(usize, Kind)> = match cx.format {
        FormatId::Gov2021 | FormatId::Gov2019 => {
            if cx.format.data().is_none() {
                return;
            }
            cx.matched_sections()
                .iter()
                .filter_map(|&(i, s)| match s.no.as_str() {
                    "五" => Some((i, Kind::Problems)),
                    "六" => Some((i, Kind::Other)),
                    _ => None,
                })
                .collect()
        }
        // 2007 条例: no national layout; headings that name the contents.
        _ => report
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.level == 1)
            .filter_map(|(i, s)| {
                let t = crate::formats::to_simplified(&s.title);
                if t.contains("问题") && (t.contains("改进") || t.contains("存在")) {
                    Some((i, Kind::Problems))
                } else if t.contains("其他需要报告") {
                    Some((i, Kind::Other))
                } else {
                    None
                }
            })
            .collect(),
    };
    // Looked for only when a section says there is nothing (a pass over the whole text).
    let fees = std::cell::OnceCell::new();
    let fees = || {
        fees.get_or_init(|| match cx.format {
            FormatId::Gov2021 | FormatId::Gov2019 => fee_figure(cx),
            _ => None,
        })
    };
    // The paragraphs and whether there is a table under each of those
    // sections, in one pass (a pass per section would be quadratic in a
    // long text of many reports).
    let mut under: HashMap<usize, (Vec<Range<usize>>, bool)> = sections
        .iter()
        .map(|&(i, _)| (i, Default::default()))
        .collect();
    let top = |k: Option<usize>| k.map(|k| report.top_section(k));
    for p in &report.paragraphs {
        if let Some((paragraphs, _)) = top(p.section).and_then(|i| under.get_mut(&i)) {
            paragraphs.push(p.range.clone());
        }
    }
    for t in &report.tables {
        if let Some((_, has_table)) = top(t.section).and_then(|i| under.get_mut(&i)) {
            *has_table = true;
        }
    }
    for (i, kind) in sections {
        let s = &report.sections[i];
        let (paragraphs, has_table) = &under[&i];
        if *has_table {
            continue;
        }
        let body: String = paragraphs
            .iter()
            .map(|r| cx.simplified(r.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        let count = content_chars(&body);
        let heading = s.title_range.clone();
        let at = paragraphs.first().cloned().unwrap_or(heading.clone());
        let name = format!("“{}”", s.title);
        // Pages of older reports are often copied only in part: a heading
        // that ends the text of a 2007-era report is not judged.
        let at_end = cx.text[s.heading_range.end..].trim().is_empty();
        let older = !matches!(cx.format, FormatId::Gov2021 | FormatId::Gov2019);
        let d = if paragraphs.is_empty() && at_end && older {
            None
        } else if paragraphs.is_empty() {
            Some(diag(
                Code::NarrativeEmpty,
                heading.clone(),
                format!("{name}只有标题，没有内容"),
            ))
        } else if kind == Kind::Problems && count < MIN_CONTENT_CHARS {
            let what = if count == 0 {
                format!("只写了“{}”", body.trim())
            } else {
                format!("只有 {count} 个字（不计标点和“无”）")
            };
            Some(diag(
                Code::NarrativeEmpty,
                at.clone(),
                format!(
                    "{name}{what}：应写明存在的主要问题和改进情况（少于 {MIN_CONTENT_CHARS} 个字视为没有写）"
                ),
            ))
        } else if kind == Kind::Other && count < MIN_CONTENT_CHARS && says_none(&body) {
            fees().as_ref().map(|(range, what)| {
                diag(
                    Code::NarrativeEmpty,
                    at.clone(),
                    format!("{name}写的是“{}”，但本报告记有收费：{what}；信息处理费的收取情况应在这一部分报告", body.trim()),
                )
                .related(range.clone(), what.clone())
            })
        } else {
            None
        };
        if let Some(d) = d {
            out.push(if at != heading {
                d.related(heading, format!("{name}部分"))
            } else {
                d
            });
        }
    }
}

/// Characters of content: letters and digits, without "无" and the
/// heading's own words.
fn content_chars(body: &str) -> usize {
    let mut body = body.to_string();
    for w in BOILERPLATE {
        if body.contains(w) {
            body = body.replace(w, "");
        }
    }
    body.chars()
        .filter(|&c| (is_common_han(c) || c.is_alphanumeric()) && c != '无')
        .count()
}

/// A character of the CJK Unified Ideographs block: all letters (`char::
/// is_alphanumeric` looks them up in a table, slowly; a test holds it).
fn is_common_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether the body says there is nothing: "无", "无其他需要报告的事项",
/// "暂无" — and says nothing of fees.
fn says_none(body: &str) -> bool {
    (body.contains('无') || body.contains("没有")) && !body.contains('费')
}

/// A fee the report records: 表三 "申请人逾期未按收费通知要求缴纳费用" above
/// zero, or an 信息处理费 amount above zero in the prose or in a table of
/// the report's own. 表二's 行政事业性收费 are the organ's fees, not fees
/// for disclosure, and do not count.
fn fee_figure(cx: &Context) -> Option<(Range<usize>, String)> {
    for (t, b) in cx.report.tables.iter().zip(&cx.bindings) {
        let Some(b) = b.as_ref().filter(|b| b.table.id == "t3") else {
            continue;
        };
        if let Some(cell) = b.cell(t, "other.unpaid_fee", "total") {
            if cell.decimal().is_some_and(|v| v > Decimal::ZERO) {
                return Some((
                    cell.range.clone(),
                    format!("表三“申请人逾期未按收费通知要求缴纳费用”总计 {}", cell.text),
                ));
            }
        }
    }
    prose_fee(cx.report, cx.text).or_else(|| table_fee(cx))
}

fn prose_fee(report: &Report, text: &str) -> Option<(Range<usize>, String)> {
    for p in &report.paragraphs {
        let para = &text[p.range.clone()];
        let mut start = p.range.start;
        for piece in para.split_inclusive(SENTENCE_END) {
            let range = start..start + piece.len();
            start += piece.len();
            let sentence = crate::formats::to_simplified(piece);
            if !sentence.contains("信息处理费")
                || ["未", "没有", "免", "不收"]
                    .iter()
                    .any(|w| sentence.contains(w))
            {
                continue;
            }
            let money = p.numbers.iter().find(|n| {
                n.range.start >= range.start
                    && n.range.end <= range.end
                    && n.unit_key() == Some("元")
                    && n.value > Decimal::ZERO
            });
            if let Some(n) = money {
                return Some((
                    n.range.clone(),
                    format!("正文“信息处理费”{}", &text[n.range.clone()]),
                ));
            }
        }
    }
    None
}

fn table_fee(cx: &Context) -> Option<(Range<usize>, String)> {
    for (t, b) in cx.report.tables.iter().zip(&cx.bindings) {
        if b.is_some() {
            continue;
        }
        for row in &t.rows {
            if !row.label().contains("信息处理费") {
                continue;
            }
            let cell =
                row.cells.iter().skip(1).find(
                    |c| matches!(&c.value, CellValue::Number(n) if n.value > Decimal::ZERO),
                )?;
            return Some((
                cell.range.clone(),
                format!("“{}”{}", row.label(), cell.text),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_han_are_letters() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(c.is_alphanumeric(), "{c}");
        }
        assert_eq!(content_chars("本年度无。暂无其他需要报告的事项，a1"), 2);
    }
}
