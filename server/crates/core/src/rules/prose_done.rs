//! `prose-all-done`: the text says every application (every case) was
//! concluded — 全部办结, 均已办结, 均在法定期限内办结 — while 表三 carries
//! applications into next year (四、结转下年度继续办理) or 表四 has cases
//! 尚未审结.

use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, CellValue};
use crate::rules::prose_breakdown::SENTENCE_END;
use crate::semantic::Context;

/// Words that say "all" before the verb.
const ALL: &[&str] = &["全部", "均", "都", "全数", "悉数", "一律"];
/// Verbs of concluding. 答复 is not among them: "均在法定期限内予以答复"
/// speaks of the replies that were due, and is written beside a carry-over.
const CONCLUDED: &[&str] = &["办结", "审结", "结案", "办理完毕", "处理完毕", "答复完毕"];
/// The sentence itself accounts for what is left, or speaks of something
/// else than 政府信息公开 requests (建议提案, 信箱, 热线 …).
const EXCUSED: &[&str] = &[
    "结转",
    "转结",
    "继续办理",
    "尚未",
    "正在办理",
    "正在审理",
    "剩余",
    "余下",
    "其余",
    "其他",
    "除",
    "未办结",
    "建议",
    "提案",
    "信箱",
    "热线",
    "12345",
    "信访",
    "留言",
    "投诉",
    "咨询",
    "诉求",
    "工单",
    "上年",
    "去年",
];
/// Clause breaks: "all" and the verb must be in one clause.
const CLAUSE: &[char] = &['，', ',', '；', ';', '：', ':', '。'];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let carry = table_cells(cx, "t3", &[("carry_next", "total")]);
    let pending = table_cells(
        cx,
        "t4",
        &[
            ("review", "pending"),
            ("suit.direct", "pending"),
            ("suit.after_review", "pending"),
        ],
    );
    if carry.is_empty() && pending.is_empty() {
        return;
    }
    let text = cx.plain();
    for p in &cx.report.paragraphs {
        let para = &text[p.range.clone()];
        let mut previous = "";
        let mut start = 0;
        for piece in para.split_inclusive(SENTENCE_END) {
            let from = p.range.start + start;
            start += piece.len();
            let sentence = piece;
            let claim = claim(piece);
            let context = std::mem::replace(&mut previous, sentence);
            let Some(claim) = claim else { continue };
            if EXCUSED.iter().any(|w| sentence.contains(w)) || other_year(cx, sentence) {
                continue;
            }
            // What the claim is about: the last subject named before it
            // ("共收依申请公开57件，全部办结……行政复议1件" is about requests).
            let lead = &piece[..claim.end];
            let last = |words: &[&str]| words.iter().filter_map(|w| lead.rfind(w)).max();
            let cases = match (
                last(&["复议", "诉讼"]),
                last(&["依申请", "公开申请", "申请公开"]),
            ) {
                (Some(c), Some(r)) => c > r,
                (Some(_), None) => true,
                _ => false,
            };
            let requests = lead.contains("申请")
                || (context.contains("申请") && !EXCUSED.iter().any(|w| context.contains(w)));
            let (cells, what) = if cases {
                (&pending, "表四“尚未审结”")
            } else if requests {
                (&carry, "表三“四、结转下年度继续办理”总计")
            } else {
                continue;
            };
            let open: Vec<&(Decimal, &Cell, String)> = cells
                .iter()
                .filter(|(v, _, _)| *v > Decimal::ZERO)
                .collect();
            if open.is_empty() {
                continue;
            }
            let total: Decimal = open.iter().map(|(v, _, _)| *v).sum();
            let range = from + claim.start..from + claim.end;
            let mut d = diag(
                Code::ProseAllDone,
                range.clone(),
                format!(
                    "正文说{}“{}”，但{}为 {}：仍有未办结的{}",
                    if cases { "案件" } else { "申请" },
                    &text[range],
                    what,
                    total,
                    if cases { "案件" } else { "申请" }
                ),
            );
            for (v, cell, name) in open {
                d = d.related(cell.range.clone(), format!("{name} = {v}"));
            }
            out.push(d);
        }
    }
}

/// The byte range in `sentence` of "全部办结", "均已按时办结" …, if any.
fn claim(sentence: &str) -> Option<std::ops::Range<usize>> {
    // Every verb has a 结 or a 完 (checked in debug builds): a sentence
    // without either (nearly all) is not searched for each.
    debug_assert!(CONCLUDED.iter().all(|v| v.contains(['结', '完'])));
    if !sentence.contains(['结', '完']) {
        return None;
    }
    for verb in CONCLUDED {
        for (at, _) in sentence.match_indices(verb) {
            let clause_start = sentence[..at].rfind(CLAUSE).map_or(0, |k| {
                k + sentence[k..].chars().next().map_or(1, char::len_utf8)
            });
            let clause = &sentence[clause_start..at];
            // "all" at most 12 characters before the verb, in its clause.
            let Some((k, _)) = ALL
                .iter()
                .filter_map(|w| clause.rfind(w).map(|k| (k, *w)))
                // 平均办结时间 is no "all".
                .filter(|(k, w)| !(*w == "均" && clause[..*k].ends_with('平')))
                .max_by_key(|(k, _)| *k)
            else {
                continue;
            };
            let between = &clause[k..];
            if between.chars().count() > 14 || between.contains('未') {
                continue;
            }
            return Some(clause_start + k..at + verb.len());
        }
    }
    None
}

/// A year other than 年度 in the sentence ("2022年受理的申请均已办结").
fn other_year(cx: &Context, sentence: &str) -> bool {
    let Some(year) = cx.year else { return false };
    let b = sentence.as_bytes();
    (0..b.len().saturating_sub(4)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && sentence[i + 4..].starts_with('年')
            && sentence[i..i + 4]
                .parse::<i32>()
                .is_ok_and(|y| y != year && (1990..2100).contains(&y))
    })
}

/// The figures of the given (row, column) cells of a bound table: value,
/// cell, a name for messages. Cells without a figure are left out.
fn table_cells<'a>(
    cx: &'a Context,
    table_id: &str,
    keys: &[(&str, &str)],
) -> Vec<(Decimal, &'a Cell, String)> {
    let Some((table, b)) = cx
        .report
        .tables
        .iter()
        .zip(&cx.bindings)
        .find_map(|(t, b)| {
            b.as_ref()
                .filter(|b| b.table.id == table_id)
                .map(|b| (t, b))
        })
    else {
        return Vec::new();
    };
    keys.iter()
        .filter_map(|(row, column)| {
            let cell = b.cell(table, row, column)?;
            let CellValue::Number(n) = &cell.value else {
                return None;
            };
            let row_name = b.table.row(row).map_or("", |r| r.label.as_str());
            let column_name = b
                .table
                .columns
                .iter()
                .find(|c| c.key == *column)
                .map_or("", |c| c.label.as_str());
            Some((n.value, cell, format!("“{row_name}”行“{column_name}”栏")))
        })
        .collect()
}
