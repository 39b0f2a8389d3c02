//! `section-missing`, `table-missing` and the table half of `format-year`:
//! what the applicable 条例 and format require the report to contain.

use super::{diag, Code};
use crate::diagnostic::{Diagnostic, Severity};
use crate::semantic::{Context, FormatId};
use crate::tiaoli::{self, ContentItem, Organs};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // Without 年度 or 格式 the required contents are unknown (and
    // front-matter-missing already says so).
    if cx.year.is_none() && cx.report.front.format().is_none() {
        return;
    }
    match cx.format.data() {
        Some(format) if cx.format != FormatId::Stat2014 => {
            let matched = cx.matched_sections();
            format_sections(cx, format, matched, out);
            government_contents(cx, out);
            format_tables(cx, format, matched, out);
        }
        _ => {
            contents_2007(cx, out);
            statistical_table(cx, out);
        }
    }
    table_formats(cx, out);
}

/// Where something missing is reported: the start of the front matter, or of
/// the text.
fn top(cx: &Context) -> std::ops::Range<usize> {
    cx.report
        .front
        .range
        .clone()
        .map_or(0..0, |r| r.start..r.start + 3)
}

fn format_sections(
    cx: &Context,
    format: &crate::formats::Format,
    matched: &[(usize, &crate::formats::Section)],
    out: &mut Vec<Diagnostic>,
) {
    for (k, section) in format.sections.iter().enumerate() {
        if !section.required || matched.iter().any(|(_, s)| s.no == section.no) {
            continue;
        }
        // Insert before the first present section that comes after it.
        let next = matched.iter().find(|(_, s)| {
            format
                .sections
                .iter()
                .position(|x| x.no == s.no)
                .is_some_and(|p| p > k)
        });
        let (range, at) = match next {
            Some((i, _)) => {
                let s = &cx.report.sections[*i];
                (s.heading_range.clone(), s.range.start)
            }
            None => (top(cx), cx.report.len),
        };
        let heading = format!("{}、{}", section.no, section.title);
        let basis = section
            .articles
            .first()
            .map(|a| format!("（{}年《条例》{}）", cx.edition.id(), a.reference))
            .unwrap_or_default();
        let insert = if at == cx.report.len && !cx.text.ends_with('\n') {
            format!("\n\n# {heading}\n")
        } else {
            format!("# {heading}\n\n")
        };
        out.push(
            diag(
                Code::SectionMissing,
                range,
                format!("缺少“{heading}”部分{basis}"),
            )
            .fix(format!("插入“{heading}”"), at..at, insert),
        );
    }
}

fn format_tables(
    cx: &Context,
    format: &crate::formats::Format,
    matched: &[(usize, &crate::formats::Section)],
    out: &mut Vec<Diagnostic>,
) {
    for section in &format.sections {
        let missing: Vec<&crate::formats::Table> = section
            .tables
            .iter()
            .filter_map(|id| format.table(id))
            .filter(|t| !cx.bindings.iter().flatten().any(|b| b.table.id == t.id))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let heading = matched
            .iter()
            .find(|(_, s)| s.no == section.no)
            .map(|(i, _)| &cx.report.sections[*i]);
        let names: Vec<&str> = missing.iter().map(|t| t.name.as_str()).collect();
        let (range, at) = match heading {
            Some(s) => (s.heading_range.clone(), s.heading_range.end),
            None => (top(cx), cx.report.len),
        };
        let mut insert = String::new();
        for t in &missing {
            insert.push('\n');
            insert.push_str(&crate::template::table_markup(t, "0"));
        }
        let d = diag(
            Code::TableMissing,
            range,
            format!(
                "“{}、{}”缺少{}规定的表格：{}",
                section.no,
                section.title,
                cx.format.describe(),
                names.join("、")
            ),
        );
        let d = if heading.is_some() {
            d.fix(
                "插入标准表格（数字为 0）",
                at..at,
                format!("\n{}", insert.trim_end()),
            )
        } else {
            d
        };
        out.push(d);
    }
}

/// Contents the 条例 requires of governments only (2019 第五十条第（四）项:
/// 工作考核、社会评议和责任追究结果情况), which no heading of the format names.
fn government_contents(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.organ_kind() != Some(crate::model::OrganKind::Government) {
        return;
    }
    let law = tiaoli::tiaoli(cx.edition);
    let items: Vec<_> = law
        .annual_report
        .contents
        .iter()
        .filter(|c| c.organs == Organs::Government)
        .collect();
    let missing = unmentioned(cx, &items);
    for (item, _) in items.iter().zip(&missing).filter(|(_, m)| **m) {
        out.push(diag(
            Code::SectionMissing,
            top(cx),
            format!(
                "人民政府的年度报告应写明“{}”（{}年《条例》{}），报告中未见",
                item.title,
                cx.edition.id(),
                item.reference
            ),
        ));
    }
}

/// Reports under the 2007 条例 (and the statistical-table years): the six
/// contents of 第三十二条, looked for by keyword in headings and text. No
/// national layout prescribed the sections, so a missing one is a note.
fn contents_2007(cx: &Context, out: &mut Vec<Diagnostic>) {
    let law = tiaoli::tiaoli(cx.edition);
    let items: Vec<_> = law.annual_report.contents_for(Organs::All).collect();
    let missing = unmentioned(cx, &items);
    for (item, _) in items.iter().zip(&missing).filter(|(_, m)| **m) {
        let mut d = diag(
            Code::SectionMissing,
            top(cx),
            format!(
                "未见{}年《条例》{}要求报告的“{}”",
                cx.edition.id(),
                item.reference,
                item.title
            ),
        );
        d.severity = Severity::Info;
        out.push(d);
    }
}

/// Which of `items` no heading or paragraph mentions by a keyword, in simplified characters (a mirror writes
/// “主動公開”). Headings and prose only: comments are not the report. Reads until every item is found.
fn unmentioned(cx: &Context, items: &[&ContentItem]) -> Vec<bool> {
    let mut missing: Vec<bool> = items
        .iter()
        .map(|item| !item.keywords.iter().any(String::is_empty))
        .collect();
    // (Each piece converted as it is read, not the whole text: a check in the editor runs this on every
    // keystroke, and most reports name every content early.)
    let pieces = cx.report.sections.iter().map(|s| s.title.as_str()).chain(
        cx.report
            .paragraphs
            .iter()
            .map(|p| &cx.text[p.range.clone()]),
    );
    for piece in pieces {
        if !missing.contains(&true) {
            break;
        }
        let piece = crate::formats::to_simplified_in_place(piece);
        for (item, missing) in items.iter().zip(&mut missing) {
            *missing &= !item.keywords.iter().any(|k| piece.contains(k.as_str()));
        }
    }
    missing
}

/// Reports of 2014–2018 reproduce the 《政府信息公开情况统计表》 as 附表 or
/// inline; many only reported it upward, so its absence is a note.
fn statistical_table(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.format != FormatId::Stat2014 || cx.bindings.iter().flatten().any(|b| b.table.id == "stat")
    {
        return;
    }
    let mut d = diag(
        Code::TableMissing,
        top(cx),
        "报告中没有《政府信息公开情况统计表》（国办发〔2014〕32号统计制度）",
    );
    d.severity = Severity::Info;
    out.push(d);
}

/// A standard table of another format than the report's (a 2021 report
/// still using the 2019 表二 columns).
fn table_formats(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(own) = cx.format.data() else { return };
    for (table, b) in cx.report.tables.iter().zip(&cx.bindings) {
        let Some(b) = b else { continue };
        // The same table in both formats (表四) is no mismatch.
        let same = |x: &crate::formats::Table, y: &crate::formats::Table| {
            x.columns
                .iter()
                .map(|c| &c.label)
                .eq(y.columns.iter().map(|c| &c.label))
                && x.rows
                    .iter()
                    .map(|r| &r.label)
                    .eq(y.rows.iter().map(|r| &r.label))
        };
        if b.format.id == own.id || own.table(&b.table.id).is_some_and(|t| same(t, b.table)) {
            continue;
        }
        out.push(diag(
            Code::FormatYear,
            table.header.range.clone(),
            format!(
                "此表是{}的“{}”，本报告应使用{}",
                b.format.id.describe(),
                b.table.name,
                cx.format.describe()
            ),
        ));
    }
}
