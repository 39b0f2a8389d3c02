//! Hover:
//!
//! - on an article reference, the article's official text from the edition
//!   that applies to the report (2007 for years up to 2018, 2019 after), the
//!   cited 款 or 项 in bold, and which part of the report it governs;
//! - on a standard row or column label, what it counts, its note in the
//!   format and the article(s) it corresponds to; on a table's corner, the
//!   table;
//! - on a figure in a standard table, each relation it takes part in, with
//!   the actual figures and whether it holds;
//! - on a front-matter key, what it decides (and what it decides here);
//! - on a section heading, the section of the format it stands for.

use std::ops::Range;

use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use rust_decimal::Decimal;
use tower_lsp_server::ls_types;

use super::analysis::{display_name, Ctx};
use nianbao_core::formats::{self, Op, Per};
use nianbao_core::model::front_matter::KEYS;
use nianbao_core::model::{CellValue, OrganKind, Table};
use nianbao_core::semantic::bind::Binding;
use nianbao_core::tiaoli::{self, ArticleRef, Edition, Organs};

#[cfg(test)]
mod tests;

/// What hover shows, before conversion to the protocol: markdown about a
/// byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub markdown: String,
    pub range: Range<usize>,
}

/// Hover at a byte offset.
pub fn hover_at(cx: &Ctx, offset: usize) -> Option<HoverInfo> {
    let (markdown, range) = article(cx, offset)
        .or_else(|| front_key(cx, offset))
        .or_else(|| table(cx, offset))
        .or_else(|| heading(cx, offset))?;
    Some(HoverInfo { markdown, range })
}

pub fn hover(cx: &Ctx, position: Position) -> Option<Hover> {
    let HoverInfo {
        markdown: value,
        range,
    } = hover_at(cx, cx.offset(position))?;
    let contents = if cx.support.markdown_hover {
        MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }
    } else {
        MarkupContent {
            kind: MarkupKind::PlainText,
            value: value.replace("**", "").replace("> ", ""),
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(contents),
        range: Some(cx.range(&range)),
    })
}

// ---------------------------------------------------------------------------
// Article references

fn article(cx: &Ctx, offset: usize) -> Option<(String, Range<usize>)> {
    let text = cx.text();
    let root = cx.doc().tree().root_node();
    let mut node = root.descendant_for_byte_range(offset, offset)?;
    while node.kind() != "article_ref" {
        node = node.parent()?;
    }
    let range = node.byte_range();
    let written = &text[range.clone()];
    // `《保密法》第九条` cites another law.
    if let Some(prev) = node.prev_named_sibling() {
        let between = &text[prev.end_byte()..node.start_byte()];
        let model = nianbao_core::model::ArticleRef {
            range: range.clone(),
            text: written.to_string(),
            preceding_title: (prev.kind() == "title" && between.trim().is_empty())
                .then(|| text[prev.byte_range()].to_string()),
        };
        if !model.is_tiaoli() {
            let title = model.preceding_title.unwrap_or_default();
            return Some((
                format!(
                    "**{title}{written}**\n\n引用的是{title}的条款，不是《条例》的条款，不作核对。"
                ),
                range,
            ));
        }
    }
    let edition = cx.edition();
    Some((article_markdown(cx, edition, written), range))
}

/// The article's text with the cited part in bold, and what it governs.
pub fn article_markdown(cx: &Ctx, edition: Edition, written: &str) -> String {
    let law = edition.text();
    let header = format!("{}年《条例》（{}）", edition.id(), law.promulgation);
    let basis = match cx.report().front.year() {
        Some(y) if cx.report().front.edition().is_none() => {
            format!("本报告为{y}年度，适用{}年《条例》", edition.id())
        }
        _ => format!("本报告适用{}年《条例》", edition.id()),
    };
    let Some(reference) = tiaoli::parse_reference(written) else {
        return format!("**{written}**\n\n无法解析的条款引用。");
    };
    let passage = match law.lookup(&reference) {
        Ok(p) => p,
        Err(e) => return format!("**{written}**\n\n{e}。{basis}。"),
    };
    let article = passage.article;
    let whole = passage.range.len() == article.text().len();
    let mut lines = Vec::new();
    let mut at = 0;
    for (i, line) in article.text().split('\n').enumerate() {
        let r = at..at + line.len();
        at = r.end + 1;
        let cited = !whole && passage.range.start <= r.start && r.end <= passage.range.end;
        let line = if i == 0 {
            format!("{}　{line}", article.label())
        } else {
            line.to_string()
        };
        lines.push(if cited {
            format!("> **{line}**")
        } else {
            format!("> {line}")
        });
    }
    let chapter = law
        .chapter_of(article.number)
        .map(|c| format!("，{}", c.heading()))
        .unwrap_or_default();
    let mut out = format!(
        "**{reference}** · {header}{chapter}\n\n{}\n\n{basis}。",
        lines.join("\n>\n")
    );
    let governs = governs(cx, edition, &reference);
    if !governs.is_empty() {
        out.push_str(&format!(
            "\n\n**在年度报告中对应：**\n\n{}",
            governs.join("\n")
        ));
    }
    out
}

/// Whether a link (`link`) in the data concerns the cited part (`cited`).
fn concerns(cited: &ArticleRef, link: &ArticleRef) -> bool {
    if cited.article != link.article {
        return false;
    }
    match (cited.clause, cited.item) {
        (_, Some(item)) => {
            link.item == Some(item)
                && (cited.clause.is_none() || link.clause.is_none() || link.clause == cited.clause)
        }
        (Some(clause), None) => link.clause.is_none_or(|c| c == clause),
        (None, None) => true,
    }
}

/// What the cited part governs: required contents, deadlines, and the
/// sections, tables and rows of the report's format linked to it.
fn governs(cx: &Ctx, edition: Edition, cited: &ArticleRef) -> Vec<String> {
    let law = edition.text();
    let mut out = Vec::new();
    for c in &law.annual_report.contents {
        if concerns(cited, &c.reference) {
            out.push(format!(
                "- 年度报告应当包括：{}（{}）",
                c.title, c.reference
            ));
        }
    }
    for d in &law.annual_report.deadlines {
        if concerns(cited, &d.reference) {
            out.push(format!(
                "- 发布期限：次年{}月{}日前（{}）",
                d.month, d.day, d.rule
            ));
        }
    }
    let Some(format) = cx.format().filter(|f| f.edition == edition) else {
        return out;
    };
    for s in &format.sections {
        if s.articles.iter().any(|a| concerns(cited, &a.reference)) {
            out.push(format!("- 章节“{}、{}”（{}）", s.no, s.title, format.short));
        }
        for sub in &s.subsections {
            if sub.articles.iter().any(|a| concerns(cited, &a.reference)) {
                out.push(format!(
                    "- “{}、{}”下的“{}{}”",
                    s.no, s.title, sub.no, sub.title
                ));
            }
        }
    }
    for t in &format.tables {
        if t.articles.iter().any(|a| concerns(cited, &a.reference)) {
            out.push(format!("- {}", display_name(t)));
        }
        for r in &t.rows {
            if r.articles.iter().any(|a| concerns(cited, &a.reference)) {
                out.push(format!("- {}“{}”行", display_name(t), r.label));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Front matter

fn front_key(cx: &Ctx, offset: usize) -> Option<(String, Range<usize>)> {
    let report = cx.report();
    let entry = report.front.entries.iter().find(|e| {
        e.key_range.start <= offset && offset <= e.key_range.end && !e.key_range.is_empty()
    })?;
    let key = entry.key.as_str();
    let Some((_, what)) = KEYS.iter().find(|(k, _)| *k == key) else {
        return Some((
            format!(
                "**{key}**\n\n未知的键：检查器不使用它。已知的键：{}",
                KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join("、")
            ),
            entry.key_range.clone(),
        ));
    };
    let mut out = format!("**{key}**\n\n{what}");
    let here = match key {
        "格式" => Some(format!("本报告按{}检查。", cx.checked().format.describe())),
        "条例" | "年度" => Some(format!(
            "本报告适用{}年《条例》，按{}检查。",
            cx.edition().id(),
            cx.checked().format.describe()
        )),
        "机关类型" | "发布日期" => report.front.year().map(|y| {
            let law = cx.edition().text();
            let kind = match report.front.organ_kind() {
                Some(OrganKind::Government) => Organs::Government,
                Some(OrganKind::Department) => Organs::Department,
                _ => Organs::All,
            };
            let d = law
                .annual_report
                .deadline_for(kind)
                .unwrap_or_else(|| law.annual_report.latest_deadline());
            let (dy, dm, dd) = d.date_for(y);
            format!(
                "本报告的发布期限：{dy}年{dm}月{dd}日（{}年《条例》{}）。",
                law.edition.id(),
                d.reference
            )
        }),
        _ => None,
    };
    if let Some(h) = here {
        out.push_str("\n\n");
        out.push_str(&h);
    }
    Some((out, entry.key_range.clone()))
}

// ---------------------------------------------------------------------------
// Tables

fn table(cx: &Ctx, offset: usize) -> Option<(String, Range<usize>)> {
    let report = cx.report();
    let index = report
        .tables
        .iter()
        .position(|t| t.range.start <= offset && offset <= t.range.end)?;
    let table = &report.tables[index];
    let std = cx.standard(index)?;
    let within = |r: &Range<usize>| r.start <= offset && offset <= r.end;
    if table.header.range.start <= offset && offset <= table.header.range.end {
        let (i, cell) = table
            .header
            .cells
            .iter()
            .enumerate()
            .find(|(_, c)| within(&c.range))?;
        let text = if i == 0 {
            table_doc(&std)
        } else {
            match std.column_key(i).and_then(|k| std.table.column(k)) {
                Some(col) => column_doc(&std, col),
                None => format!(
                    "**{}**\n\n不是{}的标准栏目。",
                    cell.text,
                    display_name(std.table)
                ),
            }
        };
        return Some((text, cell.range.clone()));
    }
    let (r, row) = table
        .rows
        .iter()
        .enumerate()
        .find(|(_, r)| within(&r.range))?;
    let (c, cell) = row
        .cells
        .iter()
        .enumerate()
        .find(|(_, c)| within(&c.range))?;
    let row_key = std.row_key(r);
    if c == 0 {
        let text = match row_key.and_then(|k| std.table.row(k)) {
            Some(row) => row_doc(&std, row),
            None => format!(
                "**{}**\n\n不是{}的标准行。",
                cell.text,
                display_name(std.table)
            ),
        };
        return Some((text, cell.range.clone()));
    }
    let column_key = std.column_key(c);
    let (Some(row_key), Some(column_key)) = (row_key, column_key) else {
        return None;
    };
    Some((
        cell_doc(&std, table, row_key, column_key),
        cell.range.clone(),
    ))
}

fn links(std: &Binding, links: &[formats::ArticleLink]) -> Vec<String> {
    links
        .iter()
        .map(|a| {
            let text = tiaoli::lookup(std.format.edition, &a.reference)
                .map(|p| p.text().to_string())
                .unwrap_or_default();
            let strength = match a.strength {
                Some(formats::Strength::Weak) => "（弱相关）",
                Some(formats::Strength::Medium) => "（相关）",
                _ => "",
            };
            let note = a
                .note
                .as_deref()
                .map(|n| format!("——{n}"))
                .unwrap_or_default();
            format!(
                "- {}年《条例》**{}**{strength}：{}{note}",
                std.format.edition.id(),
                a.reference,
                first_sentence(&text)
            )
        })
        .collect()
}

fn first_sentence(text: &str) -> String {
    let first = text.split('\n').next().unwrap_or("");
    if first.chars().count() > 80 {
        format!("{}……", first.chars().take(80).collect::<String>())
    } else {
        first.to_string()
    }
}

fn table_doc(std: &Binding) -> String {
    let t = std.table;
    let mut out = format!(
        "**{}**（{}，{}）",
        display_name(std.table),
        std.format.short,
        std.format.doc_no
    );
    if let Some(note) = &t.corner_note {
        out.push_str(&format!("\n\n表注：{note}"));
    }
    for n in &t.notes {
        out.push_str(&format!("\n\n{n}"));
    }
    let l = links(std, &t.articles);
    if !l.is_empty() {
        out.push_str(&format!("\n\n**对应《条例》：**\n\n{}", l.join("\n")));
    }
    out
}

fn column_doc(std: &Binding, col: &formats::Column) -> String {
    let mut out = format!("**{}** · {}的栏目", col.label, display_name(std.table));
    if let Some(g) = &col.group {
        out.push_str(&format!("（属于“{g}”）"));
    }
    if let Some(c) = &col.counts {
        out.push_str(&format!("\n\n统计：{c}"));
    }
    if let Some(u) = &col.unit {
        out.push_str(&format!("\n\n单位：{u}"));
    }
    out.push_str(&format!("\n\n填写：{}", kind_text(col.kind)));
    if let Some(n) = &col.note {
        out.push_str(&format!("\n\n说明：{n}"));
    }
    out
}

fn kind_text(kind: formats::ValueKind) -> &'static str {
    match kind {
        formats::ValueKind::Count => "非负整数",
        formats::ValueKind::Signed => "带符号的整数（如 +5、-3）",
        formats::ValueKind::Amount => "非负数额，可有小数",
        formats::ValueKind::Text => "文字",
    }
}

fn row_doc(std: &Binding, row: &formats::Row) -> String {
    let mut out = format!(
        "**{}** · {}的{}",
        row.label,
        display_name(std.table),
        if row.group {
            "分组行（不填数字，可以省略）"
        } else {
            "行"
        }
    );
    if !row.header_path.is_empty() {
        out.push_str(&format!("\n\n官方表式中：{}", row.header_path.join(" › ")));
    }
    if let Some(c) = &row.counts {
        out.push_str(&format!("\n\n统计：{c}"));
    }
    if let Some(u) = &row.unit {
        out.push_str(&format!("\n\n单位：{u}"));
    }
    if let Some(n) = &row.note {
        out.push_str(&format!("\n\n说明：{n}"));
    }
    let l = links(std, &row.articles);
    if !l.is_empty() {
        out.push_str(&format!("\n\n**对应《条例》：**\n\n{}", l.join("\n")));
    }
    out
}

/// A term's figure as the relation sees it.
enum Figure {
    Exact(Decimal),
    Blank,
    NotApplicable,
    Approx(Decimal),
    Unknown,
}

impl Figure {
    fn value(&self) -> Option<Decimal> {
        match self {
            Figure::Exact(v) => Some(*v),
            Figure::Blank | Figure::NotApplicable => Some(Decimal::ZERO),
            _ => None,
        }
    }

    fn show(&self) -> String {
        match self {
            Figure::Exact(v) => v.to_string(),
            Figure::Blank => "空".to_string(),
            Figure::NotApplicable => "—".to_string(),
            Figure::Approx(v) => format!("约{v}"),
            Figure::Unknown => "？".to_string(),
        }
    }
}

fn figure(std: &Binding, table: &Table, row: &str, column: &str) -> Figure {
    match std.cell(table, row, column).map(|c| &c.value) {
        Some(CellValue::Number(n)) if n.approx => Figure::Approx(n.value),
        Some(CellValue::Number(n)) => Figure::Exact(n.value),
        Some(CellValue::Blank) => Figure::Blank,
        Some(CellValue::NotApplicable) => Figure::NotApplicable,
        _ => Figure::Unknown,
    }
}

fn cell_doc(std: &Binding, table: &Table, row_key: &str, column_key: &str) -> String {
    let t = std.table;
    let row_name = t.row(row_key).map_or(row_key, |r| r.display_name());
    let col_name = t
        .column(column_key)
        .map_or(column_key, |c| c.label.as_str());
    let mut out = format!(
        "**“{row_name}”行 · “{col_name}”栏** = {}",
        figure(std, table, row_key, column_key).show()
    );
    if let Some(u) = t.cell_unit(row_key, column_key) {
        out.push_str(&format!("（{u}）"));
    }
    for rel in std.format.relations_for(&t.id) {
        if rel.is_cross_year() {
            continue;
        }
        for inst in rel.instances(t) {
            let involved = inst
                .lhs
                .iter()
                .chain(&inst.rhs)
                .any(|term| term.row == row_key && term.column == column_key);
            if !involved {
                continue;
            }
            out.push_str("\n\n");
            out.push_str(&relation_text(std, table, rel, &inst, row_key, column_key));
        }
    }
    out
}

fn relation_text(
    std: &Binding,
    table: &Table,
    rel: &formats::Relation,
    inst: &formats::RelationInstance,
    row_key: &str,
    column_key: &str,
) -> String {
    let t = std.table;
    let name = |term: &formats::CellTerm| -> String {
        match rel.per {
            Per::Column => t
                .row(term.row)
                .map_or(term.row, |r| r.display_name())
                .to_string(),
            Per::Row => t
                .column(term.column)
                .map_or(term.column, |c| c.label.as_str())
                .to_string(),
            Per::Cell => format!(
                "{}/{}",
                t.row(term.row).map_or(term.row, |r| r.display_name()),
                t.column(term.column)
                    .map_or(term.column, |c| c.label.as_str())
            ),
        }
    };
    let side = |terms: &[formats::CellTerm]| -> (String, Option<Decimal>) {
        let figures: Vec<(String, Figure, bool, bool)> = terms
            .iter()
            .map(|term| {
                let me = term.row == row_key && term.column == column_key;
                (
                    name(term),
                    figure(std, table, term.row, term.column),
                    term.negate,
                    me,
                )
            })
            .collect();
        let sum = figures
            .iter()
            .try_fold(Decimal::ZERO, |acc, (_, f, neg, _)| {
                f.value().map(|v| if *neg { acc - v } else { acc + v })
            });
        let many = figures.len() > 6;
        let mut shown = Vec::new();
        let mut hidden = 0;
        for (i, (n, f, neg, me)) in figures.iter().enumerate() {
            if many && !me && matches!(f.value(), Some(v) if v.is_zero()) {
                hidden += 1;
                continue;
            }
            let op = match (i == 0 && shown.is_empty(), neg) {
                (true, false) => "",
                (true, true) => "−",
                (false, false) => " + ",
                (false, true) => " − ",
            };
            let fig = if *me {
                format!("**{}**", f.show())
            } else {
                f.show()
            };
            shown.push(format!("{op}{n} {fig}"));
        }
        let mut s = shown.concat();
        if hidden > 0 {
            s.push_str(&format!("（其余 {hidden} 项为 0）"));
        }
        (s, sum)
    };
    let (lhs, l) = side(&inst.lhs);
    let (rhs, r) = side(&inst.rhs);
    let verdict = match (l, r) {
        (Some(l), Some(r)) if rel.op.holds(l, r) => {
            format!("✓ 成立（{l} {} {r}）", rel.op.symbol())
        }
        (Some(l), Some(r)) => {
            let extra = if rel.op == Op::Eq {
                format!("，相差 {}", (l - r).abs())
            } else {
                String::new()
            };
            format!("✗ 不成立（{l} {} {r}{extra}）", rel.op.symbol())
        }
        _ => "无法核对（有约数或非数字的格）".to_string(),
    };
    format!(
        "勾稽关系 {}：{lhs} {} {rhs}\n\n{verdict}\n\n依据：{}",
        rel.id,
        rel.op.symbol(),
        rel.basis
    )
}

// ---------------------------------------------------------------------------
// Headings

fn heading(cx: &Ctx, offset: usize) -> Option<(String, Range<usize>)> {
    let report = cx.report();
    let section = report
        .sections
        .iter()
        .find(|s| s.heading_range.start <= offset && offset <= s.heading_range.end)?;
    let format = cx.format()?;
    let range = section.heading_range.clone();
    if section.level == 1 {
        let m = format.match_section(&section.title)?;
        if m.kind == formats::MatchKind::Fuzzy && m.similarity < 0.6 {
            return None;
        }
        let s = m.section;
        let mut out = format!(
            "**{}、{}** · {}规定的第{}部分",
            s.no, s.title, format.short, s.no
        );
        for a in &s.articles {
            let text = tiaoli::lookup(format.edition, &a.reference)
                .map(|p| first_sentence(p.text()))
                .unwrap_or_default();
            out.push_str(&format!(
                "\n\n{}年《条例》**{}**：{text}",
                format.edition.id(),
                a.reference
            ));
        }
        if !s.tables.is_empty() {
            let names: Vec<String> = s
                .tables
                .iter()
                .filter_map(|id| format.table(id))
                .map(display_name)
                .collect();
            out.push_str(&format!("\n\n本部分的标准表：{}", names.join("、")));
        }
        return Some((out, range));
    }
    None
}
