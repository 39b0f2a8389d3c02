//! In a table: the standard labels of the matched table still missing in its first column, the standard
//! column names in its header, the whole standard table in the corner of a new table.

use std::ops::Range;

use super::*;
use crate::analysis::{display_name, Ctx, RowAt, TablePosition};
use nianbao_core::formats::{self, ValueKind};

pub(super) fn table(cx: &Ctx, pos: &TablePosition) -> Vec<Item> {
    let text = cx.text();
    let typed = &text[pos.typed.clone()];
    // The cell's current content after the cursor, up to the next pipe, is
    // replaced too (completing a label in a row that has figures already).
    let cell_end = match pos.next_pipe {
        Some(p) => {
            let content = &text[pos.typed.end..p];
            pos.typed.end + content.trim_end().len()
        }
        None => pos.line.end,
    };
    let range = pos.typed.start..cell_end;
    let std = pos.table.and_then(|t| cx.standard(t));
    match (pos.row, pos.cell) {
        (RowAt::Header, 0) => {
            let bare = pos
                .table
                .is_none_or(|t| cx.report().tables[t].rows.is_empty());
            corners(cx, typed, range, bare && pos.rest_is_empty)
        }
        (RowAt::Header, c) => {
            let Some(std) = std else { return Vec::new() };
            let present: Vec<&str> = (0..std.columns.len())
                .filter(|i| *i != c)
                .filter_map(|i| std.column_key(i))
                .collect();
            std.table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, col)| !present.contains(&col.key.as_str()))
                .filter(|(_, col)| keep(cx, typed, &col.label))
                .map(|(i, col)| {
                    let mut item = Item::new(col.label.clone(), What::Column, range.clone(), typed);
                    if pos.rest_is_empty {
                        item.insert = format!("{} |", col.label);
                    }
                    item.detail = Some(display_name(std.table));
                    item.doc = column_doc(col);
                    item.order = i;
                    item
                })
                .collect()
        }
        (RowAt::Data(_) | RowAt::Other, 0) => {
            let Some(std) = std else { return Vec::new() };
            let current = match pos.row {
                RowAt::Data(i) => Some(i),
                _ => None,
            };
            let present: Vec<&str> = (0..std.rows.len())
                .filter(|i| Some(*i) != current)
                .filter_map(|i| std.row_key(i))
                .collect();
            let table = pos.table.map(|t| &cx.report().tables[t]);
            // The figure columns as written (else the standard ones).
            let columns: Vec<Option<&formats::Column>> = match table {
                Some(t) if t.header.cells.len() > 1 => (1..t.header.cells.len())
                    .map(|i| std.column_key(i).and_then(|k| std.table.column(k)))
                    .collect(),
                _ => std.table.columns.iter().map(Some).collect(),
            };
            std.table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| !present.contains(&row.key.as_str()))
                .filter(|(_, row)| keep(cx, typed, &row.label))
                .map(|(i, row)| {
                    let mut item = Item::new(row.label.clone(), What::Row, range.clone(), typed);
                    if pos.rest_is_empty {
                        item.insert = row_snippet(std.table, row, &columns);
                        item.snippet = true;
                    }
                    item.detail = Some(if row.group {
                        format!("{}（分组行）", display_name(std.table))
                    } else {
                        display_name(std.table)
                    });
                    item.doc = row_doc(row);
                    item.order = i;
                    item
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `label | ${1:0} | ${2:0} |`: the rest of a standard row, zeros to fill.
fn row_snippet(
    table: &formats::Table,
    row: &formats::Row,
    columns: &[Option<&formats::Column>],
) -> String {
    let mut s = esc(&row.label);
    s.push_str(" |");
    let mut stop = 1;
    for col in columns {
        if row.group {
            s.push_str(" |");
            continue;
        }
        let fill = match col {
            Some(c) if c.kind == ValueKind::Text => {
                table.cell_unit(&row.key, &c.key).unwrap_or("").to_string()
            }
            _ => "0".to_string(),
        };
        s.push_str(&format!(" ${{{stop}:{}}} |", esc(&fill)));
        stop += 1;
    }
    s
}

fn row_doc(row: &formats::Row) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(c) = &row.counts {
        parts.push(format!("统计：{c}"));
    }
    if let Some(n) = &row.note {
        parts.push(format!("说明：{n}"));
    }
    let refs: Vec<String> = row
        .articles
        .iter()
        .map(|a| a.reference.to_string())
        .collect();
    if !refs.is_empty() {
        parts.push(format!("对应《条例》{}", refs.join("、")));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn column_doc(col: &formats::Column) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(g) = &col.group {
        parts.push(format!("属于“{g}”"));
    }
    if let Some(c) = &col.counts {
        parts.push(format!("统计：{c}"));
    }
    if let Some(u) = &col.unit {
        parts.push(format!("单位：{u}"));
    }
    if let Some(n) = &col.note {
        parts.push(format!("说明：{n}"));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// A standard table as markup, aligned, without its final line break.
pub(super) fn table_text(table: &formats::Table) -> String {
    let markup = nianbao_core::template::table_markup(table, "0");
    nianbao_core::fmt::format(&markup).trim_end().to_string()
}

/// The tables already in the report (by standard id).
pub(super) fn present_tables(cx: &Ctx) -> Vec<&'static str> {
    cx.checked()
        .bindings
        .iter()
        .flatten()
        .map(|b| b.table.id.as_str())
        .collect()
}

fn corners(cx: &Ctx, typed: &str, range: Range<usize>, whole: bool) -> Vec<Item> {
    let Some(format) = cx.format() else {
        return Vec::new();
    };
    let present = present_tables(cx);
    format
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| keep(cx, typed, &t.corner) || keep(cx, typed, &t.name))
        .map(|(i, t)| {
            let mut item = Item::new(t.corner.clone(), What::Whole, range.clone(), typed);
            if whole {
                // The line already starts with the pipe.
                let body = table_text(t);
                item.insert = body.trim_start_matches('|').trim_start().to_string();
                item.detail = Some(format!("插入整张{}（数字为 0）", display_name(t)));
            } else {
                item.detail = Some(display_name(t));
            }
            item.order = i + if present.contains(&t.id.as_str()) {
                100
            } else {
                0
            };
            item
        })
        .collect()
}
