//! The standard tables in their official layouts, other tables as written.
//!
//! Every table carries `border="1"` besides its CSS: Word and LibreOffice, opening the page (or a copy pasted
//! into a document), ignore the CSS borders, and a report printed without ruling lines loses its table layout.

use super::escape;
use nianbao_core::formats::{self, ValueKind};
use nianbao_core::model::{CellValue, Report, Table};
use nianbao_core::semantic::bind::Binding;
use nianbao_core::semantic::Context;

fn binding<'c>(cx: &'c Context, i: usize) -> Option<&'c Binding> {
    cx.bindings.get(i).and_then(Option::as_ref)
}

pub fn is_t2(cx: &Context, i: usize) -> bool {
    binding(cx, i).is_some_and(|b| b.table.id.starts_with("t2-"))
}

pub fn is_t3(cx: &Context, i: usize) -> bool {
    binding(cx, i).is_some_and(|b| b.table.id == "t3")
}

/// Renders a table, or a run of 表二 blocks as one table.
pub fn render_tables(cx: &Context, report: &Report, group: &[usize]) -> String {
    let first = group[0];
    let table = &report.tables[first];
    match binding(cx, first) {
        Some(b) if b.table.id.starts_with("t2-") => t2(cx, report, group),
        Some(b) if b.table.id == "t3" => t3(table, b),
        Some(b) if b.table.id == "t4" => t4(table, b),
        Some(b) if b.table.id == "stat" => stat(table, b),
        _ => plain(table),
    }
}

/// The written text of a report cell, if present.
fn cell_text(table: &Table, row: usize, col: usize) -> Option<&str> {
    table
        .rows
        .get(row)
        .and_then(|r| r.cells.get(col))
        .map(|c| c.text.as_str())
}

fn value_td(text: Option<&str>, row_key: &str, col_key: &str, extra: &str) -> String {
    format!(
        "<td class=\"num\" data-row=\"{}\" data-col=\"{}\"{extra}>{}</td>",
        escape(row_key),
        escape(col_key),
        escape(text.unwrap_or(""))
    )
}

/// A row's written label, else the standard one.
fn row_label<'t>(table: &'t Table, b: &Binding, row: &'t formats::Row) -> &'t str {
    b.row_position(&row.key)
        .and_then(|r| table.rows.get(r))
        .map(|r| r.label())
        .filter(|l| !l.trim().is_empty())
        .unwrap_or(&row.label)
}

/// A column's written header, else the standard one.
fn column_label<'t>(table: &'t Table, b: &Binding, column: &'t formats::Column) -> &'t str {
    b.column_position(&column.key)
        .and_then(|c| table.header.cells.get(c))
        .map(|c| c.text.as_str())
        .filter(|l| !l.trim().is_empty())
        .unwrap_or(&column.label)
}

/// Rows of the report table that match no standard row, as extra rows of `label_span` label columns.
fn unbound_rows(table: &Table, b: &Binding, label_span: usize, width: usize) -> String {
    let mut out = String::new();
    for (i, row) in table.rows.iter().enumerate() {
        if nianbao_core::semantic::bind::usable(&b.rows[i]).is_some() {
            continue;
        }
        out.push_str(&format!(
            "<tr class=\"extra\"><td class=\"label\" colspan=\"{label_span}\">{}</td>",
            escape(row.label())
        ));
        for c in 1..=width {
            out.push_str(&format!(
                "<td class=\"num\">{}</td>",
                escape(cell_text(table, i, c).unwrap_or(""))
            ));
        }
        out.push_str("</tr>\n");
    }
    out
}

/// 表二: the blocks in one table, each with its merged block row and its 信息内容 header.
fn t2(cx: &Context, report: &Report, group: &[usize]) -> String {
    let width = group
        .iter()
        .filter_map(|&i| binding(cx, i))
        .map(|b| b.table.columns.len())
        .max()
        .unwrap_or(1)
        + 1;
    let mut out = String::from("<table border=\"1\" class=\"official t2\">\n<tbody>\n");
    for &i in group {
        let table = &report.tables[i];
        let Some(b) = binding(cx, i) else { continue };
        let std = b.table;
        let corner = table
            .header
            .cells
            .first()
            .map(|c| c.text.as_str())
            .filter(|t| {
                !t.trim().is_empty()
                    && nianbao_core::formats::normalize_label(t)
                        != nianbao_core::formats::normalize_label("信息内容")
            })
            .unwrap_or(&std.corner);
        out.push_str(&format!(
            "<tr class=\"block\" data-table=\"{}\"><th colspan=\"{width}\">{}</th></tr>\n",
            escape(&std.id),
            escape(corner)
        ));
        let n = std.columns.len();
        let span = |k: usize| if k + 1 == n { width - n } else { 1 };
        let attr = |k: usize| {
            if span(k) > 1 {
                format!(" colspan=\"{}\"", span(k))
            } else {
                String::new()
            }
        };
        out.push_str("<tr class=\"head\"><th>信息内容</th>");
        for (k, c) in std.columns.iter().enumerate() {
            out.push_str(&format!(
                "<th{}>{}</th>",
                attr(k),
                escape(column_label(table, b, c))
            ));
        }
        out.push_str("</tr>\n");
        for row in std.rows.iter() {
            let present = b.row_position(&row.key);
            out.push_str(&format!(
                "<tr><td class=\"label\">{}</td>",
                escape(row_label(table, b, row))
            ));
            for (k, c) in std.columns.iter().enumerate() {
                let text = present
                    .zip(b.column_position(&c.key))
                    .and_then(|(r, cc)| cell_text(table, r, cc));
                out.push_str(&value_td(text, &row.key, &c.key, &attr(k)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str(&unbound_rows(table, b, 1, width - 1));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// 表三: three header rows under the corner note, label columns by the rows' levels, spanning group cells.
fn t3(table: &Table, b: &Binding) -> String {
    let std = b.table;
    let label_cols = std.rows.iter().map(|r| r.level as usize).max().unwrap_or(0) + 1;
    let ncols = std.columns.len();
    let note = std
        .corner_note
        .as_deref()
        .unwrap_or("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    let corner = table
        .header
        .cells
        .first()
        .map(|c| c.text.as_str())
        .filter(|t| {
            !t.trim().is_empty() && !nianbao_core::formats::normalize_label(t).contains("勾稽关系")
        })
        .unwrap_or(&std.corner);
    let mut out = String::from("<table border=\"1\" class=\"official t3\">\n<colgroup>");
    for l in 0..label_cols {
        out.push_str(&format!("<col class=\"l{l}\">"));
    }
    for _ in 0..ncols {
        out.push_str("<col class=\"v\">");
    }
    out.push_str("</colgroup>\n<thead>\n");
    out.push_str(&format!(
        "<tr><th class=\"note\" rowspan=\"3\" colspan=\"{label_cols}\">{}</th><th colspan=\"{ncols}\">{}</th></tr>\n",
        escape(note),
        escape(corner)
    ));
    // Second header row: columns without a group span two rows; each group spans its columns.
    out.push_str("<tr>");
    let mut k = 0;
    while k < ncols {
        let c = &std.columns[k];
        match &c.group {
            None => {
                out.push_str(&format!(
                    "<th rowspan=\"2\" data-col=\"{}\">{}</th>",
                    escape(&c.key),
                    escape(column_label(table, b, c))
                ));
                k += 1;
            }
            Some(g) => {
                let span = std.columns[k..]
                    .iter()
                    .take_while(|x| x.group.as_deref() == Some(g))
                    .count();
                out.push_str(&format!("<th colspan=\"{span}\">{}</th>", escape(g)));
                k += span;
            }
        }
    }
    out.push_str("</tr>\n<tr>");
    for c in std.columns.iter().filter(|c| c.group.is_some()) {
        out.push_str(&format!(
            "<th data-col=\"{}\">{}</th>",
            escape(&c.key),
            escape(column_label(table, b, c))
        ));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");

    // Data rows; a group row is a cell spanning the data rows beneath it, opened at the first of them.
    let leaves_under = |key: &str| -> usize {
        std.rows
            .iter()
            .filter(|r| !r.group && ancestors(std, r).iter().any(|a| a.key == key))
            .count()
    };
    let mut opened: Vec<&str> = Vec::new();
    for row in std.rows.iter().filter(|r| !r.group) {
        out.push_str(&format!("<tr data-row=\"{}\">", escape(&row.key)));
        let chain = ancestors(std, row);
        for a in chain.iter().rev() {
            if !opened.contains(&a.key.as_str()) {
                opened.push(&a.key);
                out.push_str(&format!(
                    "<td class=\"group\" rowspan=\"{}\" data-row=\"{}\">{}</td>",
                    leaves_under(&a.key),
                    escape(&a.key),
                    escape(row_label(table, b, a))
                ));
            }
        }
        let span = label_cols - row.level as usize;
        let colspan = if span > 1 {
            format!(" colspan=\"{span}\"")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<td class=\"label level{}\"{colspan}>{}</td>",
            row.level,
            escape(row_label(table, b, row))
        ));
        let r = b.row_position(&row.key);
        for c in &std.columns {
            let text = r
                .zip(b.column_position(&c.key))
                .and_then(|(r, cc)| cell_text(table, r, cc));
            out.push_str(&value_td(text, &row.key, &c.key, ""));
        }
        out.push_str("</tr>\n");
    }
    out.push_str(&unbound_rows(table, b, label_cols, ncols));
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The group rows above a row, nearest first.
fn ancestors<'f>(table: &'f formats::Table, row: &formats::Row) -> Vec<&'f formats::Row> {
    let mut out = Vec::new();
    let mut parent = row.parent.as_deref();
    while let Some(p) = parent {
        let Some(r) = table.row(p) else { break };
        if r.group {
            out.push(r);
        }
        parent = r.parent.as_deref();
    }
    out
}

/// 表四: the official layout, one row of 15 figures under three header rows.
fn t4(table: &Table, b: &Binding) -> String {
    let std = b.table;
    let ncols = std.columns.len();
    // Top-level headers in row order, with how many rows (groups of columns) each covers.
    let mut tops: Vec<(&str, usize)> = Vec::new();
    for r in &std.rows {
        let top = r
            .header_path
            .first()
            .map_or(r.label.as_str(), String::as_str);
        match tops.last_mut() {
            Some((t, n)) if *t == top => *n += 1,
            _ => tops.push((top, 1)),
        }
    }
    let mut out = String::from("<table border=\"1\" class=\"official t4\">\n<thead>\n<tr>");
    for (top, n) in &tops {
        out.push_str(&format!(
            "<th colspan=\"{}\">{}</th>",
            n * ncols,
            escape(top)
        ));
    }
    out.push_str("</tr>\n<tr>");
    let mut third = String::new();
    for r in &std.rows {
        if r.header_path.len() <= 1 {
            for c in &std.columns {
                out.push_str(&format!(
                    "<th rowspan=\"2\" data-col=\"{}\">{}</th>",
                    escape(&c.key),
                    escape(column_label(table, b, c))
                ));
            }
        } else {
            out.push_str(&format!(
                "<th colspan=\"{ncols}\">{}</th>",
                escape(r.header_path.last().map_or("", String::as_str))
            ));
            for c in &std.columns {
                third.push_str(&format!(
                    "<th data-col=\"{}\">{}</th>",
                    escape(&c.key),
                    escape(column_label(table, b, c))
                ));
            }
        }
    }
    out.push_str(&format!("</tr>\n<tr>{third}</tr>\n</thead>\n<tbody>\n<tr>"));
    for r in &std.rows {
        let rp = b.row_position(&r.key);
        for c in &std.columns {
            let text = rp
                .zip(b.column_position(&c.key))
                .and_then(|(rr, cc)| cell_text(table, rr, cc));
            out.push_str(&value_td(text, &r.key, &c.key, ""));
        }
    }
    out.push_str("</tr>\n");
    let extra = unbound_rows(table, b, 1, ncols);
    if !extra.is_empty() {
        out.push_str(&extra);
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The statistical table: 统计指标 | 单位 | 统计数, group rows emphasised, labels indented by level.
fn stat(table: &Table, b: &Binding) -> String {
    let std = b.table;
    let mut out = String::from("<table border=\"1\" class=\"official stat\">\n<thead>\n<tr>");
    for (i, cell) in table.header.cells.iter().enumerate() {
        let text = if i == 0 && cell.text.trim().is_empty() {
            std.corner.as_str()
        } else {
            cell.text.as_str()
        };
        out.push_str(&format!("<th>{}</th>", escape(text)));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (i, row) in table.rows.iter().enumerate() {
        let m = nianbao_core::semantic::bind::usable(&b.rows[i]);
        let std_row = m.map(|m| &std.rows[m.index]);
        let level = std_row.map_or(0, |r| r.level);
        let group = std_row.is_some_and(|r| r.group);
        out.push_str(&format!(
            "<tr{}>",
            if group { " class=\"group\"" } else { "" }
        ));
        for (c, cell) in row.cells.iter().enumerate() {
            if c == 0 {
                out.push_str(&format!(
                    "<td class=\"label level{level}\">{}</td>",
                    escape(&cell.text)
                ));
            } else {
                let column = b
                    .columns
                    .get(c)
                    .and_then(|m| nianbao_core::semantic::bind::usable(m))
                    .map(|m| &std.columns[m.index]);
                let text_col = column.is_some_and(|c| c.kind == ValueKind::Text);
                let class = if text_col { "unit" } else { "num" };
                let (rk, ck) = (
                    std_row.map_or("", |r| r.key.as_str()),
                    column.map_or("", |c| c.key.as_str()),
                );
                out.push_str(&format!(
                    "<td class=\"{class}\" data-row=\"{}\" data-col=\"{}\">{}</td>",
                    escape(rk),
                    escape(ck),
                    escape(&cell.text)
                ));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Any other table, as written; cells holding one figure are right-aligned.
fn plain(table: &Table) -> String {
    let mut out = String::from("<table border=\"1\" class=\"plain\">\n<thead>\n<tr>");
    for cell in &table.header.cells {
        out.push_str(&format!("<th>{}</th>", escape(&cell.text)));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (c, cell) in row.cells.iter().enumerate() {
            let class = match (&cell.value, c) {
                (_, 0) => "label",
                (CellValue::Number(_) | CellValue::NotApplicable, _) => "num",
                _ => "text",
            };
            out.push_str(&format!(
                "<td class=\"{class}\">{}</td>",
                escape(&cell.text)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
